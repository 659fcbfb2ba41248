/**
 * Runs every settlement that is due, oldest first: yesterday's after
 * midnight, and any day missed while no server was running. A fresh platform
 * starts settling from its first day (so it never settles days before it existed).
 */
import { dueDailyPeriods, dueMonthlyPeriods, monthOf, platformDay } from '@pingou/engine';
import { settingsRepo, settlementsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { runDailySettlement } from './daily-settlement';
import { runMonthlySettlement } from './monthly-settlement';

export const FIRST_DAY_SETTING = 'settlements_first_day';

export async function catchUpDailySettlements(ctx: AppContext) {
  const today = platformDay(ctx.clock.now(), ctx.config.timeZone);
  const firstDay = await settingsRepo.putSettingIfAbsent(ctx.db, FIRST_DAY_SETTING, today);
  const last = await settlementsRepo.lastCompletedPeriod(ctx.db, 'daily');
  const runs = [];
  for (const day of dueDailyPeriods(today, last, firstDay)) {
    runs.push(await runDailySettlement(ctx, day));
  }
  return runs;
}

/** Every ended month not yet settled, oldest first (the daily runs of its last day go first). */
export async function catchUpMonthlySettlements(ctx: AppContext) {
  const today = platformDay(ctx.clock.now(), ctx.config.timeZone);
  const firstDay = await settingsRepo.putSettingIfAbsent(ctx.db, FIRST_DAY_SETTING, today);
  const last = await settlementsRepo.lastCompletedPeriod(ctx.db, 'monthly');
  const runs = [];
  for (const period of dueMonthlyPeriods(today, last, monthOf(firstDay)))
    runs.push(await runMonthlySettlement(ctx, period));
  return runs;
}

/** Daily runs first, then monthly ones: what the schedule and the catch-up button run. */
export async function catchUpSettlements(ctx: AppContext) {
  return [...(await catchUpDailySettlements(ctx)), ...(await catchUpMonthlySettlements(ctx))];
}
