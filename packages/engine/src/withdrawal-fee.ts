/**
 * The withdrawal (提现) rule of SPEC §8: a minimum amount and a fee, both
 * operator settings. The fee is one rate, or tiers by amount where the highest
 * tier whose `fromFen` is at most the amount applies to the whole amount. The
 * fee rounds down (SPEC §0.1), so the member never receives less than the
 * exact amount minus the exact fee. Pure: the use cases pass the rules in.
 */
import { applyRate, assertMinor, MoneyError } from './money';

export interface WithdrawalFeeTier {
  /** The tier applies from this amount (fen) upwards, until the next tier's. */
  fromFen: number;
  bp: number;
}

export type WithdrawalFeeRule =
  { kind: 'rate'; bp: number } | { kind: 'tiers'; tiers: WithdrawalFeeTier[] };

export interface WithdrawalRules {
  minimumFen: number;
  fee: WithdrawalFeeRule;
}

/** SPEC §8's example: 100 yuan minimum, 6.5 % fee. */
export const DEFAULT_WITHDRAWAL_RULES: WithdrawalRules = {
  minimumFen: 10_000,
  fee: { kind: 'rate', bp: 650 },
};

/** A fee of 100 % would pay out nothing; every withdrawal must pay out at least one fen. */
export const MAX_WITHDRAWAL_FEE_BP = 9_999;
export const MAX_WITHDRAWAL_FEE_TIERS = 20;

export interface WithdrawalFee {
  /** The rate that applied. */
  feeBp: number;
  feeFen: number;
  /** What the provider pays out: the amount less the fee. */
  payoutFen: number;
}

export type WithdrawalQuote =
  | ({ ok: true; amountFen: number } & WithdrawalFee)
  | { ok: false; reason: 'below_minimum'; minimumFen: number };

/** The rate for an amount. Below every tier (rules validated by `withdrawalRulesProblems` have none) the lowest tier's. */
export function feeBpFor(amountFen: number, fee: WithdrawalFeeRule): number {
  switch (fee.kind) {
    case 'rate':
      return fee.bp;
    case 'tiers': {
      if (fee.tiers.length === 0) throw new MoneyError('withdrawal fee tiers are empty');
      const ascending = [...fee.tiers].sort((a, b) => a.fromFen - b.fromFen);
      let chosen = ascending[0]!;
      for (const t of ascending) if (t.fromFen <= amountFen) chosen = t;
      return chosen.bp;
    }
    default: {
      const never: never = fee;
      return never;
    }
  }
}

/** The fee on any amount, minimum or not (the preview shows it either way). */
export function withdrawalFee(amountFen: number, fee: WithdrawalFeeRule): WithdrawalFee {
  assertMinor(amountFen, 'withdrawal amount');
  if (amountFen < 0) throw new MoneyError('a withdrawal amount cannot be negative');
  const feeBp = feeBpFor(amountFen, fee);
  const feeFen = applyRate(amountFen, feeBp);
  return { feeBp, feeFen, payoutFen: amountFen - feeFen };
}

/** What a member would be charged and paid for `amountFen`, or why it is not allowed. */
export function quoteWithdrawal(amountFen: number, rules: WithdrawalRules): WithdrawalQuote {
  assertMinor(amountFen, 'withdrawal amount');
  if (amountFen < rules.minimumFen || amountFen <= 0)
    return { ok: false, reason: 'below_minimum', minimumFen: rules.minimumFen };
  return { ok: true, amountFen, ...withdrawalFee(amountFen, rules.fee) };
}

/**
 * What is wrong with rules an operator wants to save, field by field; empty when
 * they are sound: a positive minimum, rates that leave a payout, tiers strictly
 * ascending and starting at or below the minimum (so every allowed amount has one).
 */
export function withdrawalRulesProblems(
  rules: WithdrawalRules,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const isFen = (v: number) => Number.isSafeInteger(v) && v >= 0;
  const isBp = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= MAX_WITHDRAWAL_FEE_BP;
  if (!isFen(rules.minimumFen) || rules.minimumFen < 1)
    problems.push({ path: 'minimumFen', message: 'must be a positive integer of fen' });
  const fee = rules.fee;
  if (fee.kind === 'rate') {
    if (!isBp(fee.bp))
      problems.push({ path: 'fee.bp', message: `must be 0…${MAX_WITHDRAWAL_FEE_BP} bp` });
    return problems;
  }
  if (fee.tiers.length === 0 || fee.tiers.length > MAX_WITHDRAWAL_FEE_TIERS)
    problems.push({
      path: 'fee.tiers',
      message: `needs 1…${MAX_WITHDRAWAL_FEE_TIERS} tiers`,
    });
  fee.tiers.forEach((t, i) => {
    if (!isFen(t.fromFen))
      problems.push({ path: `fee.tiers.${i}.fromFen`, message: 'must be an integer of fen' });
    if (!isBp(t.bp))
      problems.push({
        path: `fee.tiers.${i}.bp`,
        message: `must be 0…${MAX_WITHDRAWAL_FEE_BP} bp`,
      });
    if (i > 0 && t.fromFen <= fee.tiers[i - 1]!.fromFen)
      problems.push({ path: `fee.tiers.${i}.fromFen`, message: 'tiers must ascend strictly' });
  });
  const first = fee.tiers[0];
  if (first && first.fromFen > rules.minimumFen)
    problems.push({
      path: 'fee.tiers.0.fromFen',
      message: 'the first tier must start at or below the minimum',
    });
  return problems;
}
