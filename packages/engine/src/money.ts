/**
 * The one vocabulary of money in Pingou. Cash is integer fen (分); every
 * point-like balance is integer hundredths; rates are integer basis points.
 * No floats: products go through BigInt so large amounts never lose a unit.
 */

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Integer fen (1 yuan = 100 fen). */
export type Fen = Brand<number, 'Fen'>;
/** Integer hundredths of a point (1 point = 100). */
export type Hundredths = Brand<number, 'Hundredths'>;
/** Integer basis points (10000 bp = 100 %). */
export type Bp = Brand<number, 'Bp'>;
/** Any integer minor unit of some asset: fen for cash, hundredths for points. */
export type Minor = number;

export const BP_WHOLE = 10_000;

export class MoneyError extends Error {
  override name = 'MoneyError';
}

export function assertMinor(value: number, what = 'amount'): void {
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError(`${what} must be a safe integer, got ${String(value)}`);
  }
}

export function fen(value: number): Fen {
  assertMinor(value, 'fen');
  return value as Fen;
}

export function hundredths(value: number): Hundredths {
  assertMinor(value, 'hundredths');
  return value as Hundredths;
}

export function bp(value: number): Bp {
  assertMinor(value, 'bp');
  if (value < 0) throw new MoneyError(`bp must be >= 0, got ${value}`);
  return value as Bp;
}

/** Yuan with up to two decimals ("12.34") → fen, exactly; no float parsing. */
export function yuanToFen(yuan: string): Fen {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) throw new MoneyError(`not a yuan amount: ${yuan}`);
  const [, sign, whole, frac = ''] = m;
  const v = Number(BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0')));
  return fen(sign === '-' ? -v : v);
}

/** Fen → "1,234.56" (no currency sign; callers add ¥). */
export function formatFen(amount: number): string {
  assertMinor(amount);
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const whole = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/**
 * A rate applied to an amount, rounded down to the unit (SPEC §0.1): the
 * remainder stays with the platform. Negative amounts are refused: a rate of
 * a debt has no meaning here.
 */
export function applyRate<T extends number>(amount: T, rate: Bp | number): T {
  assertMinor(amount);
  assertMinor(rate, 'rate');
  if (amount < 0) throw new MoneyError('applyRate takes a non-negative amount');
  if (rate < 0) throw new MoneyError('applyRate takes a non-negative rate');
  return Number((BigInt(amount) * BigInt(rate)) / BigInt(BP_WHOLE)) as T;
}

/**
 * Split `total` among `weights` by the largest-remainder method, so the parts
 * add up to `total` exactly. Ties on the remainder go to the earlier index,
 * which makes the result deterministic for a given order. A zero total weight
 * allocates nothing (returns all zeros) — the caller decides where the pool goes.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertMinor(total, 'total');
  if (total < 0) throw new MoneyError('allocate takes a non-negative total');
  let sum = 0n;
  for (const w of weights) {
    assertMinor(w, 'weight');
    if (w < 0) throw new MoneyError('weights must be non-negative');
    sum += BigInt(w);
  }
  if (sum === 0n) return weights.map(() => 0);
  const T = BigInt(total);
  const parts: bigint[] = [];
  const rema: { i: number; r: bigint }[] = [];
  let given = 0n;
  weights.forEach((w, i) => {
    const num = T * BigInt(w);
    const q = num / sum;
    parts.push(q);
    given += q;
    rema.push({ i, r: num % sum });
  });
  let left = T - given;
  rema.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rema) {
    if (left === 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p));
}

/** Either a rate of a base amount, or a fixed amount (SPEC §3: "rate of P in bp or a fixed amount in fen"). */
export type RateOrFixed = { kind: 'rate'; bp: number } | { kind: 'fixed'; amount: number };

export function resolveRateOrFixed(setting: RateOrFixed | null | undefined, base: number): number {
  if (!setting) return 0;
  switch (setting.kind) {
    case 'rate':
      return applyRate(base, setting.bp);
    case 'fixed':
      assertMinor(setting.amount);
      return setting.amount;
    default: {
      const never: never = setting;
      throw new MoneyError(`unknown setting ${JSON.stringify(never)}`);
    }
  }
}
