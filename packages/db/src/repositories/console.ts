/**
 * Read models of the operator console: the dashboard's figures by platform day, the ledger
 * explorer's postings and the groups list. Days are cut in the platform's zone: callers pass
 * the instants where platform days start (the engine's `startOfDay`) and the zone to group by.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../client';

/** Joins, cash in (payment clearing), cash out (payout clearing), fees and static release, by day. */
export async function ledgerByDay(tx: Tx, since: Date, timeZone: string) {
  const res = await tx.execute<{
    day: string;
    joins: number;
    cash_in: string;
    cash_out: string;
    fees: string;
    static_release: string;
  }>(sql`
    select to_char(e.created_at at time zone ${timeZone}, 'YYYY-MM-DD') as day,
      count(distinct e.id) filter (where e.kind = 'join')::int as joins,
      coalesce(-sum(p.amount) filter (where a.purpose = 'payment_clearing' and p.asset = 'CASH'), 0)::text as cash_in,
      coalesce(sum(p.amount) filter (where a.purpose = 'payout_clearing' and p.asset = 'CASH'), 0)::text as cash_out,
      coalesce(sum(p.amount) filter (where a.purpose = 'fees' and p.asset = 'CASH'), 0)::text as fees,
      coalesce(sum(p.amount) filter (where e.kind = 'static_release' and a.member_id is not null and p.asset = 'CASH'), 0)::text as static_release
    from journal_entries e
      join postings p on p.entry_id = e.id
      join accounts a on a.id = p.account_id
    where e.created_at >= ${since}
    group by 1`);
  return res.rows.map((r) => ({
    day: r.day,
    joins: Number(r.joins),
    cashInFen: Number(r.cash_in),
    cashOutFen: Number(r.cash_out),
    feesFen: Number(r.fees),
    staticReleaseFen: Number(r.static_release),
  }));
}

/** Groups drawn by the day they closed, with their statements' cash profit. */
export async function drawsByDay(tx: Tx, since: Date, timeZone: string) {
  const res = await tx.execute<{ day: string; drawn: number; profit: string }>(sql`
    select to_char(g.closed_at at time zone ${timeZone}, 'YYYY-MM-DD') as day, count(*)::int as drawn,
      coalesce(sum((g.statement->>'cashProfit')::bigint), 0)::text as profit
    from groups g
    where g.status = 'drawn' and g.closed_at >= ${since}
    group by 1`);
  return res.rows.map((r) => ({
    day: r.day,
    drawn: Number(r.drawn),
    cashProfitFen: Number(r.profit),
  }));
}

/**
 * What is owed now: member balances by asset (vouchers together), the pools and pending
 * withdrawals (their money and their count). Keyed by asset, purpose or 'pending_withdrawals_count'.
 */
export async function outstandingNow(tx: Tx): Promise<Map<string, number>> {
  const res = await tx.execute<{ key: string; total: string }>(sql`
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
  return new Map(res.rows.map((r) => [r.key, Number(r.total)]));
}

export interface PostingFilter {
  limit: number;
  before?: number;
  memberId?: number;
  purpose?: string;
  asset?: string;
  kind?: string;
  /** Entries created at or after this instant. */
  from?: Date;
  /** Entries created before this instant. */
  until?: Date;
}

/** Postings with their entry and account, newest first; `limit + 1` rows (keyset paging). */
export async function postingsPage(tx: Tx, f: PostingFilter) {
  const where: SQL[] = [sql`true`];
  if (f.before !== undefined) where.push(sql`p.id < ${f.before}`);
  if (f.memberId !== undefined) where.push(sql`a.member_id = ${f.memberId}`);
  if (f.purpose !== undefined) where.push(sql`a.purpose = ${f.purpose}`);
  if (f.asset !== undefined) where.push(sql`p.asset = ${f.asset}`);
  if (f.kind !== undefined) where.push(sql`e.kind = ${f.kind}`);
  if (f.from !== undefined) where.push(sql`e.created_at >= ${f.from}`);
  if (f.until !== undefined) where.push(sql`e.created_at < ${f.until}`);
  const res = await tx.execute<{
    posting_id: number;
    entry_id: number;
    kind: string;
    memo: string | null;
    account_id: number;
    member_id: number | null;
    purpose: string | null;
    asset: string;
    amount: number;
    created_at: Date | string;
  }>(sql`
    select p.id as posting_id, e.id as entry_id, e.kind, e.memo, a.id as account_id, a.member_id,
      a.purpose, p.asset, p.amount, e.created_at
    from postings p
      join journal_entries e on e.id = p.entry_id
      join accounts a on a.id = p.account_id
    where ${sql.join(where, sql` and `)}
    order by p.id desc
    limit ${f.limit + 1}`);
  return res.rows.map((r) => ({
    postingId: Number(r.posting_id),
    entryId: Number(r.entry_id),
    kind: r.kind,
    memo: r.memo,
    accountId: Number(r.account_id),
    memberId: r.member_id === null ? null : Number(r.member_id),
    purpose: r.purpose,
    asset: r.asset,
    amount: Number(r.amount),
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

export type GroupState = 'open' | 'full' | 'drawn' | 'failed' | 'expired';

export interface GroupFilter {
  limit: number;
  before?: number;
  activityId?: number;
  status?: GroupState;
  /** Opened at or after this instant. */
  from?: Date;
  /** Opened before this instant. */
  until?: Date;
}

/** Groups with their activity's name, house seats and the draw's cash profit; `limit + 1` rows. */
export async function groupsPage(tx: Tx, f: GroupFilter) {
  const where: SQL[] = [sql`true`];
  if (f.before !== undefined) where.push(sql`g.id < ${f.before}`);
  if (f.activityId !== undefined) where.push(sql`g.activity_id = ${f.activityId}`);
  if (f.status !== undefined) where.push(sql`g.status = ${f.status}`);
  if (f.from !== undefined) where.push(sql`g.opened_at >= ${f.from}`);
  if (f.until !== undefined) where.push(sql`g.opened_at < ${f.until}`);
  const res = await tx.execute<{
    id: number;
    activity_id: number;
    activity_name: string;
    version_id: number;
    status: GroupState;
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
  return res.rows.map((r) => ({
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
}
