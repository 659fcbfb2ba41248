/**
 * The console's dashboard (SPEC §11 reports): today, this month and the last days
 * at a glance, computed from the ledger in a few set-based queries, days in the
 * platform time zone. Cash profit follows the simulator's definition: the draws'
 * cash profit (their stored statements) plus withdrawal fees minus static release.
 */
import { sql } from 'drizzle-orm';
import type { DashboardFigures, DashboardReply } from '@pingou/contract';
import { addDays, platformDay } from '@pingou/engine';
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
  const month = today.slice(0, 7);
  const firstSeriesDay = addDays(today, -(days - 1));
  const from = firstSeriesDay < `${month}-01` ? firstSeriesDay : `${month}-01`;

  // 1. ledger by day: joins, cash in (payment clearing), cash out (payout clearing), fees, static release
  const ledger = await ctx.db.execute<{
    day: string;
    joins: number;
    cash_in: string;
    cash_out: string;
    fees: string;
    static_release: string;
  }>(sql`
    select to_char(e.created_at at time zone ${tz}, 'YYYY-MM-DD') as day,
      count(distinct e.id) filter (where e.kind = 'join')::int as joins,
      coalesce(-sum(p.amount) filter (where a.purpose = 'payment_clearing' and p.asset = 'CASH'), 0)::text as cash_in,
      coalesce(sum(p.amount) filter (where a.purpose = 'payout_clearing' and p.asset = 'CASH'), 0)::text as cash_out,
      coalesce(sum(p.amount) filter (where a.purpose = 'fees' and p.asset = 'CASH'), 0)::text as fees,
      coalesce(sum(p.amount) filter (where e.kind = 'static_release' and a.member_id is not null and p.asset = 'CASH'), 0)::text as static_release
    from journal_entries e
      join postings p on p.entry_id = e.id
      join accounts a on a.id = p.account_id
    where e.created_at >= (${from}::date)::timestamp at time zone ${tz}
    group by 1`);

  // 2. draws by day: groups drawn and their statements' cash profit
  const draws = await ctx.db.execute<{ day: string; drawn: number; profit: string }>(sql`
    select to_char(g.closed_at at time zone ${tz}, 'YYYY-MM-DD') as day, count(*)::int as drawn,
      coalesce(sum((g.statement->>'cashProfit')::bigint), 0)::text as profit
    from groups g
    where g.status = 'drawn' and g.closed_at >= (${from}::date)::timestamp at time zone ${tz}
    group by 1`);

  const byDay = new Map<string, DashboardFigures>();
  const at = (d: string) => {
    let f = byDay.get(d);
    if (!f) byDay.set(d, (f = { ...ZERO }));
    return f;
  };
  for (const r of ledger.rows) {
    const f = at(r.day);
    f.joins += Number(r.joins);
    f.cashInFen += Number(r.cash_in);
    f.cashOutFen += Number(r.cash_out);
    f.cashProfitFen += Number(r.fees) - Number(r.static_release);
  }
  for (const r of draws.rows) {
    const f = at(r.day);
    f.groupsDrawn += Number(r.drawn);
    f.cashProfitFen += Number(r.profit);
  }

  const series: DashboardReply['series'] = [];
  for (let d = firstSeriesDay; d <= today; d = addDays(d, 1)) series.push({ day: d, ...at(d) });
  const monthFigures = { ...ZERO };
  for (const [d, f] of byDay) {
    if (!d.startsWith(month) || d > today) continue;
    for (const k of Object.keys(ZERO) as (keyof DashboardFigures)[]) monthFigures[k] += f[k];
  }

  // 3. outstanding obligations now: member balances by asset, pools and pending withdrawals
  const owed = await ctx.db.execute<{ key: string; total: string }>(sql`
    select case when asset like 'VOUCHER:%' then 'VOUCHER' else asset end as key,
      coalesce(sum(balance), 0)::text as total
    from accounts where member_id is not null group by 1
    union all
    select a.purpose, coalesce(sum(p.amount), 0)::text
    from accounts a join postings p on p.account_id = a.id
    where a.purpose in ('pool_monthly', 'pool_daily', 'withdrawals_pending') and a.asset = 'CASH'
    group by a.purpose
    union all
    select 'pending_withdrawals_count', count(*)::text from withdrawals
    where status in ('requested', 'approved', 'paying')`);
  const o = new Map(owed.rows.map((r) => [r.key, Number(r.total)]));
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
