/** Monthly periods ('YYYY-MM') of the points pool dividend (SPEC §7), pure calendar arithmetic. */
import type { PlatformDay } from './calendar';

export type MonthPeriod = string;

export function monthOf(day: PlatformDay): MonthPeriod {
  return day.slice(0, 7);
}

export function nextMonth(period: MonthPeriod): MonthPeriod {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Months that have ended and are not settled, oldest first, from the first month on. */
export function dueMonthlyPeriods(
  today: PlatformDay,
  lastCompleted: MonthPeriod | null,
  firstMonth: MonthPeriod,
): MonthPeriod[] {
  const current = monthOf(today);
  const out: MonthPeriod[] = [];
  for (let p = lastCompleted ? nextMonth(lastCompleted) : firstMonth; p < current; p = nextMonth(p))
    out.push(p);
  return out;
}
