/**
 * The console's dashboard (SPEC §11 reports): today, this month and the last days
 * at a glance, computed from the ledger in a few set-based queries, days in the
 * platform time zone. Cash profit follows the simulator's definition: the draws'
 * cash profit (their stored statements) plus withdrawal fees minus static release.
 */
import type { DashboardFigures, DashboardReply } from '@pingou/contract';
import { addDays, monthOf, platformDay, startOfDay } from '@pingou/engine';
import { consoleRepo } from '@pingou/db';
import type { AppContext } from '../../context';

const ZERO: DashboardFigures = {
  joins: 0,
  groupsDrawn: 0,
  cashInFen: 0,
  cashOutFen: 0,
  cashProfitFen: 0,
};

export async function loadDashboard(ctx: AppContext, days: number): Promise<DashboardReply> {
  const tz = ctx.config.timeZone;
  const today = platformDay(ctx.clock.now(), tz);
  const month = monthOf(today);
  const firstSeriesDay = addDays(today, -(days - 1));
  const from = firstSeriesDay < `${month}-01` ? firstSeriesDay : `${month}-01`;

  const since = startOfDay(from, tz);
  const ledger = await consoleRepo.ledgerByDay(ctx.db, since, tz);
  const draws = await consoleRepo.drawsByDay(ctx.db, since, tz);

  const byDay = new Map<string, DashboardFigures>();
  const at = (d: string) => {
    let f = byDay.get(d);
    if (!f) byDay.set(d, (f = { ...ZERO }));
    return f;
  };
  for (const r of ledger) {
    const f = at(r.day);
    f.joins += r.joins;
    f.cashInFen += r.cashInFen;
    f.cashOutFen += r.cashOutFen;
    f.cashProfitFen += r.feesFen - r.staticReleaseFen;
  }
  for (const r of draws) {
    const f = at(r.day);
    f.groupsDrawn += r.drawn;
    f.cashProfitFen += r.cashProfitFen;
  }

  const series: DashboardReply['series'] = [];
  for (let d = firstSeriesDay; d <= today; d = addDays(d, 1)) series.push({ day: d, ...at(d) });
  const monthFigures = { ...ZERO };
  for (const [d, f] of byDay) {
    if (!d.startsWith(month) || d > today) continue;
    for (const k of Object.keys(ZERO) as (keyof DashboardFigures)[]) monthFigures[k] += f[k];
  }

  // outstanding obligations now: member balances by asset, pools and pending withdrawals
  const o = await consoleRepo.outstandingNow(ctx.db);
  const n = (k: string) => o.get(k) ?? 0;

  return {
    timeZone: tz,
    today,
    month,
    todayFigures: at(today),
    monthFigures,
    series,
    outstanding: {
      memberCashFen: n('CASH'),
      shoppingGold: n('GOLD'),
      dividendPoints: n('DIVIDEND'),
      poolPoints: n('POOL'),
      consumptionPoints: n('CONSUMPTION'),
      vouchers: n('VOUCHER'),
      monthlyPoolFen: n('pool_monthly'),
      dailyPoolFen: n('pool_daily'),
      pendingWithdrawalsFen: n('withdrawals_pending'),
      pendingWithdrawalsCount: n('pending_withdrawals_count'),
    },
  };
}
