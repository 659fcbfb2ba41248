/** Blind box (盲盒): prize tables, tickets with their commitments, opened results. */
import { and, asc, desc, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { blindBoxTickets } from '../schema';
import { blindBoxCommitments, blindBoxPrizes, blindBoxResults } from '../schema-blind-box';

export type PrizeRow = typeof blindBoxPrizes.$inferSelect;
export type TicketRow = typeof blindBoxTickets.$inferSelect;
export type CommitmentRow = typeof blindBoxCommitments.$inferSelect;
export type ResultRow = typeof blindBoxResults.$inferSelect;

// ---- prizes

export async function insertPrize(
  tx: Tx,
  v: Pick<PrizeRow, 'activityId' | 'name' | 'kind' | 'weight' | 'stock' | 'valueFen' | 'amount'>,
): Promise<PrizeRow> {
  const [row] = await tx.insert(blindBoxPrizes).values(v).returning();
  return row!;
}

export async function findPrize(
  tx: Tx,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<PrizeRow | undefined> {
  const q = tx.select().from(blindBoxPrizes).where(eq(blindBoxPrizes.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updatePrize(
  tx: Tx,
  id: number,
  patch: Partial<Pick<PrizeRow, 'name' | 'kind' | 'weight' | 'stock' | 'valueFen' | 'amount'>>,
): Promise<PrizeRow> {
  const [row] = await tx
    .update(blindBoxPrizes)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(blindBoxPrizes.id, id))
    .returning();
  return row!;
}

/** The activity's prize table in id order; `forUpdate` locks it (openings of one activity queue here). */
export async function listPrizes(
  tx: Tx,
  activityId: number,
  opts: { forUpdate?: boolean } = {},
): Promise<PrizeRow[]> {
  const q = tx
    .select()
    .from(blindBoxPrizes)
    .where(eq(blindBoxPrizes.activityId, activityId))
    .orderBy(asc(blindBoxPrizes.id));
  return opts.forUpdate ? q.for('update') : q;
}

/** Takes one from the stock, only if some is left; undefined when none was. */
export async function takeOne(tx: Tx, id: number): Promise<PrizeRow | undefined> {
  const [row] = await tx
    .update(blindBoxPrizes)
    .set({ stock: sql`${blindBoxPrizes.stock} - 1`, updatedAt: new Date() })
    .where(and(eq(blindBoxPrizes.id, id), gt(blindBoxPrizes.stock, 0)))
    .returning();
  return row;
}

/** Serializes prize writes with changes of the cap, so no prize in stock is ever above it. */
export async function lockPrizeValues(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pingou:blind_box_cap'))`);
}

/** The highest value among prizes that can still be won (stock > 0), or 0. */
export async function maxValueInStock(tx: Tx): Promise<number> {
  const res = await tx.execute<{ v: string | null }>(
    sql`select max(value_fen)::text as v from blind_box_prizes where stock > 0`,
  );
  return Number(res.rows[0]?.v ?? 0);
}

// ---- tickets and commitments

export async function findTicketByKey(
  tx: Tx,
  ticketKey: string,
  opts: { forUpdate?: boolean } = {},
): Promise<TicketRow | undefined> {
  const q = tx.select().from(blindBoxTickets).where(eq(blindBoxTickets.ticketKey, ticketKey));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function listMemberTickets(
  tx: Tx,
  memberId: number,
  f: { before?: number; limit: number },
): Promise<TicketRow[]> {
  const where = [eq(blindBoxTickets.memberId, memberId)];
  if (f.before) where.push(lt(blindBoxTickets.id, f.before));
  return tx
    .select()
    .from(blindBoxTickets)
    .where(and(...where))
    .orderBy(desc(blindBoxTickets.id))
    .limit(f.limit);
}

/** Stores commitments for tickets that have none yet; a commitment once made never changes. */
export async function insertCommitments(
  tx: Tx,
  rows: Pick<CommitmentRow, 'ticketId' | 'serverSeed' | 'commitment'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(blindBoxCommitments).values(rows).onConflictDoNothing();
}

export async function commitmentsFor(tx: Tx, ticketIds: number[]): Promise<CommitmentRow[]> {
  if (ticketIds.length === 0) return [];
  return tx
    .select()
    .from(blindBoxCommitments)
    .where(inArray(blindBoxCommitments.ticketId, ticketIds));
}

/** Marks a ticket opened, only if it was not (compare and set). */
export async function markOpened(
  tx: Tx,
  ticketId: number,
  at: Date,
): Promise<TicketRow | undefined> {
  const [row] = await tx
    .update(blindBoxTickets)
    .set({ openedAt: at })
    .where(and(eq(blindBoxTickets.id, ticketId), isNull(blindBoxTickets.openedAt)))
    .returning();
  return row;
}

// ---- results

export async function insertResult(
  tx: Tx,
  v: Pick<
    ResultRow,
    | 'ticketId'
    | 'memberId'
    | 'activityId'
    | 'prizeId'
    | 'prize'
    | 'published'
    | 'orderId'
    | 'createdAt'
  >,
): Promise<ResultRow> {
  const [row] = await tx.insert(blindBoxResults).values(v).returning();
  return row!;
}

export async function resultsFor(tx: Tx, ticketIds: number[]): Promise<ResultRow[]> {
  if (ticketIds.length === 0) return [];
  return tx.select().from(blindBoxResults).where(inArray(blindBoxResults.ticketId, ticketIds));
}
