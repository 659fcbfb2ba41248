/** Calendar settlement runs, their snapshot items, and the daily pool's intake per day. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { dailyPoolDays, settlementItems, settlementRuns } from '../schema-settlements';

export type RunRow = typeof settlementRuns.$inferSelect;
export type RunKind = RunRow['kind'];

export async function addDailyPool(tx: Tx, day: string, amount: number) {
  if (amount <= 0) return;
  await tx
    .insert(dailyPoolDays)
    .values({ day, amount })
    .onConflictDoUpdate({
      target: dailyPoolDays.day,
      set: { amount: sql`${dailyPoolDays.amount} + excluded.amount` },
    });
}

export async function dailyPoolAmount(tx: Tx, day: string): Promise<number> {
  const [row] = await tx.select().from(dailyPoolDays).where(eq(dailyPoolDays.day, day));
  return row?.amount ?? 0;
}

export async function findRun(
  tx: Tx,
  kind: RunKind,
  period: string,
  opts: { forUpdate?: boolean } = {},
) {
  const q = tx
    .select()
    .from(settlementRuns)
    .where(and(eq(settlementRuns.kind, kind), eq(settlementRuns.period, period)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertRun(tx: Tx, kind: RunKind, period: string, totals: unknown) {
  const [row] = await tx
    .insert(settlementRuns)
    .values({ kind, period, status: 'running', totals })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function lastCompletedPeriod(tx: Tx, kind: RunKind): Promise<string | null> {
  const [row] = await tx
    .select({ period: settlementRuns.period })
    .from(settlementRuns)
    .where(and(eq(settlementRuns.kind, kind), eq(settlementRuns.status, 'completed')))
    .orderBy(desc(settlementRuns.period))
    .limit(1);
  return row?.period ?? null;
}

export async function listRuns(tx: Tx, f: { kind?: RunKind; before?: number; limit: number }) {
  const where = [];
  if (f.kind) where.push(eq(settlementRuns.kind, f.kind));
  if (f.before) where.push(lt(settlementRuns.id, f.before));
  return tx
    .select()
    .from(settlementRuns)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(settlementRuns.id))
    .limit(f.limit);
}

/**
 * The daily snapshot, set-based: each winner's share of the day's pool by the
 * largest-remainder method (the parts add up to the pool exactly; ties to the
 * lower member id), and — when the static release is on — every member holding
 * gold, with their joins that day.
 */
export async function snapshotDaily(
  tx: Tx,
  runId: number,
  day: string,
  pool: number,
  withGold: boolean,
) {
  await tx.execute(sql`
    insert into settlement_items (run_id, member_id, dividend, joins)
    with w as (select member_id, weight::numeric as weight from daily_dividend_weights where day = ${day} and weight > 0),
    tot as (select sum(weight) as total from w),
    share as (
      select w.member_id, floor(${pool}::numeric * w.weight / tot.total) as q, mod(${pool}::numeric * w.weight, tot.total) as r
      from w, tot where tot.total > 0),
    leftover as (select ${pool}::numeric - coalesce(sum(q), 0) as k from share),
    dividend as (
      select member_id, (q + case when row_number() over (order by r desc, member_id) <= (select k from leftover) then 1 else 0 end)::bigint as amount
      from share),
    holders as (
      select a.member_id from accounts a where ${withGold} and a.asset = 'GOLD' and a.member_id is not null and a.balance > 0),
    joins as (select member_id, sum(joins)::int as joins from join_days where day = ${day} group by member_id),
    everyone as (select member_id from dividend union select member_id from holders)
    select ${runId}, e.member_id, coalesce(d.amount, 0), coalesce(j.joins, 0)
    from everyone e left join dividend d using (member_id) left join joins j using (member_id)`);
  const [c] = (
    await tx.execute<{ n: number; dividend: string }>(sql`
    select count(*)::int as n, coalesce(sum(dividend), 0)::text as dividend from settlement_items where run_id = ${runId}`)
  ).rows;
  await tx.update(settlementRuns).set({ total: c!.n }).where(eq(settlementRuns.id, runId));
  return { items: c!.n, dividend: Number(c!.dividend) };
}

/**
 * The monthly snapshot: `amount` split among pool holders by their pool points,
 * largest remainder (exact; ties to the lower member id). Pool points stay where they are.
 */
export async function snapshotMonthly(tx: Tx, runId: number, amount: number) {
  await tx.execute(sql`
    insert into settlement_items (run_id, member_id, dividend, joins)
    with w as (select member_id, balance::numeric as weight from accounts where asset = 'POOL' and member_id is not null and balance > 0),
    tot as (select sum(weight) as total from w),
    share as (
      select w.member_id, floor(${amount}::numeric * w.weight / tot.total) as q, mod(${amount}::numeric * w.weight, tot.total) as r
      from w, tot where tot.total > 0),
    leftover as (select ${amount}::numeric - coalesce(sum(q), 0) as k from share)
    select ${runId}, member_id,
      (q + case when row_number() over (order by r desc, member_id) <= (select k from leftover) then 1 else 0 end)::bigint, 0
    from share`);
  const [c] = (
    await tx.execute<{ n: number; dividend: string }>(sql`
    select count(*)::int as n, coalesce(sum(dividend), 0)::text as dividend from settlement_items where run_id = ${runId}`)
  ).rows;
  await tx.update(settlementRuns).set({ total: c!.n }).where(eq(settlementRuns.id, runId));
  return { items: c!.n, dividend: Number(c!.dividend) };
}

/** Up to `limit` unpaid items, locked; another worker skips them and takes the next ones. */
export async function claimBatch(tx: Tx, runId: number, limit: number) {
  const res = await tx.execute<{ member_id: number; dividend: number; joins: number }>(sql`
    select member_id, dividend, joins from settlement_items
    where run_id = ${runId} and not is_paid order by member_id limit ${limit} for update skip locked`);
  return res.rows.map((r) => ({
    memberId: Number(r.member_id),
    dividend: Number(r.dividend),
    joins: Number(r.joins),
  }));
}

export async function markPaid(tx: Tx, runId: number, memberIds: number[]) {
  await tx.execute(sql`update settlement_items set is_paid = true
    where run_id = ${runId} and member_id in (select jsonb_array_elements_text(${JSON.stringify(memberIds)}::jsonb)::bigint)`);
  await tx.execute(
    sql`update settlement_runs set done = done + ${memberIds.length} where id = ${runId}`,
  );
}

export async function unpaidCount(tx: Tx, runId: number): Promise<number> {
  const res = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from settlement_items where run_id = ${runId} and not is_paid`,
  );
  return Number(res.rows[0]!.n);
}

export async function completeRun(tx: Tx, runId: number, now: Date) {
  await tx
    .update(settlementRuns)
    .set({ status: 'completed', finishedAt: now })
    .where(and(eq(settlementRuns.id, runId), eq(settlementRuns.status, 'running')));
}

/** Members' current gold, locked in account order (a release must not race a draw's release). */
export async function lockGold(tx: Tx, memberIds: number[]): Promise<Map<number, number>> {
  if (memberIds.length === 0) return new Map();
  const res = await tx.execute<{ member_id: number; balance: number }>(sql`
    select member_id, balance from accounts
    where asset = 'GOLD' and member_id in (select jsonb_array_elements_text(${JSON.stringify(memberIds)}::jsonb)::bigint)
    order by id for no key update`);
  return new Map(res.rows.map((r) => [Number(r.member_id), Number(r.balance)]));
}

export { settlementItems };
