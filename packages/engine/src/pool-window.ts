/**
 * The monthly points pool's window (积分池, SPEC §7): which transfers the
 * calendar allows at an instant. Days 1…inOutUntilDay: in and out, and
 * dividend points can be redeemed for products; then to inOnlyUntilDay: in
 * only; from the next day to month end: frozen (the month's dividend is
 * split then). Days are platform days (SPEC §0.6). Pure: the instant is
 * passed in.
 */
import { addDays, localParts, startOfDay, type PlatformDay } from './calendar';

/** The operator's day boundaries: the last day of each phase, inclusive. */
export interface PoolWindowSettings {
  inOutUntilDay: number;
  inOnlyUntilDay: number;
}

export const DEFAULT_POOL_WINDOWS: PoolWindowSettings = { inOutUntilDay: 5, inOnlyUntilDay: 24 };

/** Up to 27 so every month, February included, keeps at least one frozen day. */
export const MAX_POOL_WINDOW_DAY = 27;

/** A transfer into the pool is a whole hundred points (整百): 100 points × 100 hundredths. */
export const POOL_TRANSFER_UNIT = 10_000;

export type PoolPhase = 'in_out' | 'in_only' | 'frozen';

export interface PoolWindow {
  phase: PoolPhase;
  canTransferIn: boolean;
  canTransferOut: boolean;
  /** Dividend points can be redeemed for products only while transfers go both ways. */
  canRedeem: boolean;
  /** The platform day the window was computed for. */
  today: PlatformDay;
  /** The instant (ISO) the next phase starts: local midnight in the platform time zone. */
  phaseEndsAt: string;
  /** The last day of this month. */
  monthEnd: PlatformDay;
}

export function isWholeHundredPoints(amountHundredths: number): boolean {
  return (
    Number.isSafeInteger(amountHundredths) &&
    amountHundredths > 0 &&
    amountHundredths % POOL_TRANSFER_UNIT === 0
  );
}

export function poolWindowProblems(
  settings: PoolWindowSettings,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const { inOutUntilDay, inOnlyUntilDay } = settings;
  if (!Number.isInteger(inOutUntilDay) || inOutUntilDay < 1)
    problems.push({ path: 'inOutUntilDay', message: 'must be a day of the month from 1' });
  if (!Number.isInteger(inOnlyUntilDay) || inOnlyUntilDay > MAX_POOL_WINDOW_DAY)
    problems.push({
      path: 'inOnlyUntilDay',
      message: `must be a day of the month up to ${MAX_POOL_WINDOW_DAY}`,
    });
  else if (Number.isInteger(inOutUntilDay) && inOnlyUntilDay <= inOutUntilDay)
    problems.push({ path: 'inOnlyUntilDay', message: 'must come after inOutUntilDay' });
  return problems;
}

function dayOf(year: number, month: number, day: number): PlatformDay {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function poolWindowAt(
  instant: Date,
  timeZone: string,
  settings: PoolWindowSettings = DEFAULT_POOL_WINDOWS,
): PoolWindow {
  const local = localParts(instant, timeZone);
  const today = dayOf(local.year, local.month, local.day);
  const nextMonthStart = addDays(dayOf(local.year, local.month, 28), 4).slice(0, 8) + '01';
  const monthEnd = addDays(nextMonthStart, -1);
  const phaseStart = (dayOfMonth: number) =>
    startOfDay(dayOf(local.year, local.month, dayOfMonth), timeZone).toISOString();
  if (local.day <= settings.inOutUntilDay)
    return {
      phase: 'in_out',
      canTransferIn: true,
      canTransferOut: true,
      canRedeem: true,
      today,
      phaseEndsAt: phaseStart(settings.inOutUntilDay + 1),
      monthEnd,
    };
  if (local.day <= settings.inOnlyUntilDay)
    return {
      phase: 'in_only',
      canTransferIn: true,
      canTransferOut: false,
      canRedeem: false,
      today,
      phaseEndsAt: phaseStart(settings.inOnlyUntilDay + 1),
      monthEnd,
    };
  return {
    phase: 'frozen',
    canTransferIn: false,
    canTransferOut: false,
    canRedeem: false,
    today,
    phaseEndsAt: startOfDay(nextMonthStart, timeZone).toISOString(),
    monthEnd,
  };
}
