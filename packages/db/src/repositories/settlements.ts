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

export { settlementItems };

// ---- set-based payment of a batch (the hot path of a run over a million members)
//
// A batch is claimed into a temporary table (dropped at commit), its members' CASH and GOLD
// accounts are locked in id order, and postings and balances are written from it with a few
// statements whatever the batch size. The temp table has no statistics, so accounts are reached
// by `= ANY(array(...))`, which the planner serves from the (member_id, asset) index; a plain join
// was planned as a sequential scan of every account, once per batch. Amounts are computed here in SQL with the same rules as
// the engine: release = min(gold, floor(gold × min(base + accel × joins, max) / 10000)).

export interface ReleaseRate {
  baseBp: number;
  accelerationBpPerJoin: number;
  maxBp: number;
}

/** Claims up to `limit` unpaid items into `pay_batch`; returns how many. */
export async function claimBatchSet(
  tx: Tx,
  runId: number,
  limit: number,
  release: ReleaseRate | null,
): Promise<number> {
  await tx.execute(sql`create temp table if not exists pay_batch (
      member_id bigint primary key, dividend bigint not null, joins int not null,
      cash_id bigint, gold_id bigint, gold bigint, release bigint not null default 0) on commit delete rows`);
  const claimed = await tx.execute(sql`insert into pay_batch (member_id, dividend, joins)
    select member_id, dividend, joins from settlement_items
    where run_id = ${runId} and not is_paid order by member_id limit ${limit} for update skip locked`);
  const n = claimed.rowCount ?? 0;
  if (n === 0) return 0;
  await tx.execute(sql`select a.id from accounts a
    where a.member_id = any(array(select member_id from pay_batch)) and a.asset in ('CASH', 'GOLD')
    order by a.id for no key update`);
  await tx.execute(
    sql`update pay_batch b set cash_id = c.id from accounts c
    where c.member_id = any(array(select member_id from pay_batch)) and c.member_id = b.member_id and c.asset = 'CASH'`,
  );
  if (release) {
    await tx.execute(sql`update pay_batch b set gold_id = g.id, gold = g.balance,
        release = least(g.balance, floor(g.balance::numeric *
          least(${release.baseBp} + ${release.accelerationBpPerJoin} * b.joins, ${release.maxBp}) / 10000))::bigint
      from accounts g
      where g.member_id = any(array(select member_id from pay_batch)) and g.member_id = b.member_id and g.asset = 'GOLD' and g.balance > 0`);
  }
  return n;
}

export async function batchTotals(tx: Tx): Promise<{ dividend: number; release: number }> {
  const r = await tx.execute<{ dividend: string; release: string }>(
    sql`select coalesce(sum(dividend), 0)::text as dividend, coalesce(sum(release), 0)::text as release from pay_batch`,
  );
  return { dividend: Number(r.rows[0]!.dividend), release: Number(r.rows[0]!.release) };
}

/**
 * Writes one entry for the batch: the members' side from `pay_batch` (`dividend`: +dividend to
 * CASH; `release`: −release from GOLD and +release to CASH) and the platform side as given.
 * The database checks at commit that the entry balances per asset.
 */
export async function postBatchEntry(
  tx: Tx,
  e: {
    key: string;
    kind: string;
    memo: string;
    ref: object;
    side: 'dividend' | 'release';
    platform: { accountId: number; asset: string; amount: number }[];
  },
) {
  const head = await tx.execute<{
    id: number;
  }>(sql`insert into journal_entries (idempotency_key, kind, memo, ref)
    values (${e.key}, ${e.kind}, ${e.memo}, ${JSON.stringify(e.ref)}::jsonb) returning id`);
  const id = Number(head.rows[0]!.id);
  if (e.side === 'dividend') {
    await tx.execute(sql`insert into postings (entry_id, account_id, asset, amount)
      select ${id}::bigint, cash_id, 'CASH', dividend from pay_batch where dividend > 0`);
  } else {
    await tx.execute(sql`insert into postings (entry_id, account_id, asset, amount)
      select ${id}::bigint, gold_id, 'GOLD', -release from pay_batch where release > 0
      union all select ${id}::bigint, cash_id, 'CASH', release from pay_batch where release > 0`);
  }
  for (const p of e.platform) {
    if (p.amount !== 0) {
      await tx.execute(
        sql`insert into postings (entry_id, account_id, asset, amount) values (${id}, ${p.accountId}, ${p.asset}, ${p.amount})`,
      );
    }
  }
}

/** Member balances follow the batch's postings; marks the items paid and moves the progress. */
export async function settleBatch(tx: Tx, runId: number, n: number) {
  await tx.execute(sql`update accounts a set balance = a.balance + d.delta
    from (select cash_id as id, dividend + release as delta from pay_batch
          union all select gold_id, -release from pay_batch where release > 0) d
    where a.id = d.id and d.delta <> 0`);
  await tx.execute(sql`update settlement_items i set is_paid = true from pay_batch b
    where i.run_id = ${runId} and i.member_id = b.member_id`);
  await tx.execute(sql`update settlement_runs set done = done + ${n} where id = ${runId}`);
}
