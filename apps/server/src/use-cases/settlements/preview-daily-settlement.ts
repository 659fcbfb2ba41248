/** What a day's settlement would pay, before it pays: the pool, its winners, the static release. */
import { sql } from 'drizzle-orm';
import { settlementsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { loadStaticRelease } from './daily-settlement';

export async function previewDailySettlement(ctx: AppContext, day: string) {
  const rule = await loadStaticRelease(ctx.db);
  const pool = await settlementsRepo.dailyPoolAmount(ctx.db, day);
  const run = await settlementsRepo.findRun(ctx.db, 'daily', day);
  const w = await ctx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from daily_dividend_weights where day = ${day} and weight > 0`,
  );
  const winners = Number(w.rows[0]!.n);
  // the same formula as staticReleaseAmount, summed in the database over every gold holder
  const r = await ctx.db.execute<{ members: number; total: string }>(sql`
    select count(*)::int as members, coalesce(sum(least(a.balance, floor(a.balance::numeric *
      least(${rule.baseBp} + ${rule.accelerationBpPerJoin} * coalesce(j.joins, 0), ${rule.maxBp}) / 10000))), 0)::text as total
    from accounts a left join (select member_id, sum(joins) as joins from join_days where day = ${day} group by member_id) j
      on j.member_id = a.member_id
    where ${rule.isEnabled} and a.asset = 'GOLD' and a.member_id is not null and a.balance > 0`);
  return {
    day,
    status: run?.status ?? 'not_started',
    dailyPool: pool,
    winners,
    dividendToPay: winners > 0 ? pool : 0,
    staticRelease: {
      rule,
      members: Number(r.rows[0]!.members),
      estimatedTotal: Number(r.rows[0]!.total),
    },
  };
}
