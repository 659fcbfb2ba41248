/**
 * Groups for the console: filtered by activity, state and the platform day they
 * opened, with the activity's name, house seats and the draw's cash profit.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ConsoleGroup } from '@pingou/contract';
import { addDays } from '@pingou/engine';
import type { AppContext } from '../../context';

export interface GroupFilter {
  limit: number;
  before?: number;
  activityId?: number;
  status?: ConsoleGroup['status'];
  from?: string;
  to?: string;
}

export async function listConsoleGroups(ctx: AppContext, f: GroupFilter) {
  const tz = ctx.config.timeZone;
  const where: SQL[] = [sql`true`];
  if (f.before !== undefined) where.push(sql`g.id < ${f.before}`);
  if (f.activityId !== undefined) where.push(sql`g.activity_id = ${f.activityId}`);
  if (f.status !== undefined) where.push(sql`g.status = ${f.status}`);
  if (f.from !== undefined)
    where.push(sql`g.opened_at >= (${f.from}::date)::timestamp at time zone ${tz}`);
  if (f.to !== undefined)
    where.push(sql`g.opened_at < (${addDays(f.to, 1)}::date)::timestamp at time zone ${tz}`);
  const res = await ctx.db.execute<{
    id: number;
    activity_id: number;
    activity_name: string;
    version_id: number;
    status: ConsoleGroup['status'];
    group_size: number;
    seat_count: number;
    house_seats: number;
    winners: number;
    price_fen: number;
    cash_profit: string | null;
    opened_at: Date | string;
    closed_at: Date | string | null;
  }>(sql`
    select g.id, g.activity_id, a.name as activity_name, g.version_id, g.status, g.group_size,
      g.seat_count,
      (select count(*)::int from seats s where s.group_id = g.id and s.member_id is null) as house_seats,
      (v.settings->>'winners')::int as winners, (v.settings->>'priceFen')::bigint as price_fen,
      g.statement->>'cashProfit' as cash_profit, g.opened_at, g.closed_at
    from groups g
      join activities a on a.id = g.activity_id
      join activity_versions v on v.id = g.version_id
    where ${sql.join(where, sql` and `)}
    order by g.id desc
    limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const items: ConsoleGroup[] = rows.map((r) => ({
    id: Number(r.id),
    activityId: r.activity_id,
    activityName: r.activity_name,
    versionId: r.version_id,
    status: r.status,
    groupSize: r.group_size,
    seatsTaken: r.seat_count,
    houseSeats: r.house_seats,
    winners: r.winners,
    priceFen: Number(r.price_fen),
    cashProfitFen: r.cash_profit === null ? null : Number(r.cash_profit),
    openedAt: new Date(r.opened_at).toISOString(),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at).toISOString(),
  }));
  return { items, nextBefore: res.rows.length > f.limit ? items[items.length - 1]!.id : null };
}
