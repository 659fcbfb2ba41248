/**
 * Rules of the calendar settlements (SPEC §7), pure: the static release of
 * shopping gold and which periods are due. The runs themselves (snapshot,
 * batches, exactly once) live in the server.
 */
import { addDays, daysBetween, type PlatformDay } from './calendar';
import { applyRate } from './money';

/** 静态释放: a rate of the gold balance per day, plus an acceleration per join the member made that day, capped. */
export interface StaticReleaseRule {
  isEnabled: boolean;
  baseBp: number;
  accelerationBpPerJoin: number;
  maxBp: number;
}

export const DEFAULT_STATIC_RELEASE: StaticReleaseRule = {
  isEnabled: false,
  baseBp: 100,
  accelerationBpPerJoin: 0,
  maxBp: 100,
};

export function staticReleaseBp(rule: StaticReleaseRule, joins: number): number {
  if (!rule.isEnabled) return 0;
  return Math.min(rule.baseBp + rule.accelerationBpPerJoin * Math.max(0, joins), rule.maxBp);
}

/** The gold released into cash for one member and day: rounded down, never more than the balance. */
export function staticReleaseAmount(rule: StaticReleaseRule, gold: number, joins: number): number {
  if (gold <= 0) return 0;
  return Math.min(gold, applyRate(gold, staticReleaseBp(rule, joins)));
}

export function validateStaticReleaseRule(
  r: StaticReleaseRule,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const bp = (v: number) => Number.isSafeInteger(v) && v >= 0 && v <= 10_000;
  if (!bp(r.baseBp)) out.push({ path: 'baseBp', message: 'rate must be 0–10000 bp' });
  if (!bp(r.accelerationBpPerJoin))
    out.push({ path: 'accelerationBpPerJoin', message: 'rate must be 0–10000 bp' });
  if (!bp(r.maxBp)) out.push({ path: 'maxBp', message: 'rate must be 0–10000 bp' });
  else if (bp(r.baseBp) && r.maxBp < r.baseBp)
    out.push({ path: 'maxBp', message: 'the maximum cannot be below the base rate' });
  return out;
}

/**
 * Daily periods still to settle, oldest first: every day after the last completed
 * one (or from `firstDay`) up to yesterday. Missed days are caught up in order.
 */
export function dueDailyPeriods(
  today: PlatformDay,
  lastCompleted: PlatformDay | null,
  firstDay: PlatformDay,
): PlatformDay[] {
  const start = lastCompleted ? addDays(lastCompleted, 1) : firstDay;
  const n = daysBetween(start, today);
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(start, i));
}
