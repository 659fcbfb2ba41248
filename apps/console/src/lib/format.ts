/**
 * Display of money and points. Amounts arrive as integers (fen, hundredths, bp);
 * every conversion here works on integers and strings, never float arithmetic.
 */

function groupThousands(whole: string): string {
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Integer hundredths (fen or points) → "1,234.56". */
export function formatHundredths(amount: number): string {
  if (!Number.isSafeInteger(amount)) return '—';
  const neg = amount < 0;
  const abs = Math.abs(amount);
  const whole = groupThousands(Math.trunc(abs / 100).toString());
  const frac = (abs % 100).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole}.${frac}`;
}

/** Integer fen → "¥1,234.56" (negative: "-¥1,234.56"). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '—';
  const s = formatHundredths(fen);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/** Basis points → "5%" / "0.03%". */
export function formatBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = (Math.abs(bp) % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** Integer hundredths → the decimal string an input shows ("12.5" for 1250). */
export function hundredthsToDecimal(v: number): string {
  const neg = v < 0;
  const abs = Math.abs(v);
  const frac = (abs % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${Math.trunc(abs / 100)}${frac ? `.${frac}` : ''}`;
}

/** "12.5" → 1250; null when the text is not a number with at most two decimals. */
export function decimalToHundredths(text: string): number | null {
  const m = /^\s*(-)?(\d{1,13})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) return null;
  const v = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -v : v;
}

export function formatInt(n: number): string {
  return groupThousands(Math.trunc(n).toString());
}

/** An ISO instant → "2026-11-25 12:00:00" in the browser's zone (the console runs in the platform zone). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
