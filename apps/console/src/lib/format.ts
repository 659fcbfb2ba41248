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

// ---- time: always the platform's zone (SPEC §0.6), whatever zone the operator's browser is in

let timeZone = 'Asia/Shanghai';
let formatter: Intl.DateTimeFormat | null = null;

/** Reads the platform's time zone from the server once; true when it is not the default. */
export async function loadPlatformTimeZone(): Promise<boolean> {
  try {
    const r = await fetch('/api/v1/shop/config');
    if (!r.ok) return false;
    const zone = ((await r.json()) as { timeZone: string }).timeZone;
    if (zone === timeZone) return false;
    timeZone = zone;
    formatter = null;
    return true;
  } catch {
    return false; // keep the default; the pages still render
  }
}

function partsOf(d: Date): Record<string, string> {
  formatter ??= new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return Object.fromEntries(formatter.formatToParts(d).map((p) => [p.type, p.value]));
}

/** An ISO instant → "2026-11-25 12:00:00" in the platform's zone. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const p = partsOf(new Date(iso));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The platform day ("2026-11-25") of now, moved by `offsetDays` calendar days. */
export function platformDay(offsetDays = 0): string {
  const p = partsOf(new Date());
  const d = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day) + offsetDays));
  return d.toISOString().slice(0, 10);
}
