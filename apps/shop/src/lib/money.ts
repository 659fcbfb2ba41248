/**
 * The one way the shop shows amounts: cash from integer fen as ¥1,234.56 and
 * points (hundredths) as 1,234.56. Integer arithmetic only — no floats.
 */

function grouped(units: number): string {
  const negative = units < 0;
  const abs = Math.abs(units);
  const whole = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  const w = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${w}.${cents}`;
}

/** 123456 → "¥1,234.56"; -5 → "-¥0.05". */
export function formatFen(fen: number): string {
  const s = grouped(fen);
  return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

/** Signed for history lines: +¥1.00 / -¥1.00. */
export function formatFenSigned(fen: number): string {
  return fen > 0 ? `+${formatFen(fen)}` : formatFen(fen);
}

/** Hundredths of a point → "1,234.56". */
export function formatPoints(hundredths: number): string {
  return grouped(hundredths);
}

export function formatPointsSigned(hundredths: number): string {
  return hundredths > 0 ? `+${formatPoints(hundredths)}` : formatPoints(hundredths);
}

/** An amount of an asset: CASH in fen, everything else in hundredths. */
export function formatAsset(asset: string, amount: number, signed = false): string {
  if (asset === 'CASH') return signed ? formatFenSigned(amount) : formatFen(amount);
  return signed ? formatPointsSigned(amount) : formatPoints(amount);
}

/**
 * "12.5" / "12" / "1,234.56" typed by a person → fen, or null when it is not an amount.
 * Parsed as text so no float ever touches the value.
 */
export function parseYuan(text: string): number | null {
  const t = text.replace(/[,\s¥]/g, '');
  const m = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
