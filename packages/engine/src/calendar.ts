/**
 * Platform calendar (SPEC §0.6): day and month boundaries in the platform time
 * zone. Pure: the instant is always passed in.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A calendar day as 'YYYY-MM-DD'. */
export type PlatformDay = string;

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = fmtCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fmtCache.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = formatter(timeZone).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

export function platformDay(instant: Date, timeZone: string): PlatformDay {
  const p = localParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The day after `day` (calendar arithmetic, no time zone involved). */
export function addDays(day: PlatformDay, n: number): PlatformDay {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from a to b (b - a). */
export function daysBetween(a: PlatformDay, b: PlatformDay): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The instant at which a platform day starts (00:00 local). */
export function startOfDay(day: PlatformDay, timeZone: string): Date {
  // Guess UTC midnight, then correct by the zone's offset at that moment (twice, for DST edges).
  let guess = Date.parse(`${day}T00:00:00Z`);
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess -= asUtc - Date.parse(`${day}T00:00:00Z`);
  }
  return new Date(guess);
}
