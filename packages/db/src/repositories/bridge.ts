/** Chain bridge conversions (对接区块链): the rows, their state changes and the outbox queries. */
import { and, asc, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { bridgeConversions } from '../schema-bridge';

export type ConversionRow = typeof bridgeConversions.$inferSelect;
export type ConversionStatus = ConversionRow['status'];
export type ConversionDirection = ConversionRow['direction'];

export async function insertConversion(
  tx: Tx,
  v: Pick<
    ConversionRow,
    'conversionNo' | 'memberId' | 'direction' | 'amount' | 'adapter' | 'createdAt'
  >,
): Promise<ConversionRow> {
  const [row] = await tx
    .insert(bridgeConversions)
    .values({ ...v, status: 'pending', nextAttemptAt: v.createdAt })
    .returning();
  return row!;
}

export async function findConversionByNo(
  tx: Tx,
  conversionNo: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ConversionRow | undefined> {
  const q = tx
    .select()
    .from(bridgeConversions)
    .where(eq(bridgeConversions.conversionNo, conversionNo));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * Moves a conversion from one state to the next only if it is still in `from`
 * (compare and set); undefined if it had moved on.
 */
export async function transitionConversion(
  tx: Tx,
  id: number,
  from: ConversionStatus,
  patch: Partial<
    Pick<
      ConversionRow,
      'status' | 'chainRef' | 'reason' | 'sentAt' | 'finishedAt' | 'nextAttemptAt' | 'lastError'
    >
  > & { status: ConversionStatus },
): Promise<ConversionRow | undefined> {
  const [row] = await tx
    .update(bridgeConversions)
    .set(patch)
    .where(and(eq(bridgeConversions.id, id), eq(bridgeConversions.status, from)))
    .returning();
  return row;
}

/**
 * Claims due outbox rows (pending, or sent and awaiting an answer) for one
 * sender: each claimed row's next attempt moves to `leaseUntil`, so another
 * server skips it while this one talks to the bridge.
 */
export async function claimDueConversions(
  tx: Tx,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ConversionRow[]> {
  const due = await tx
    .select({ id: bridgeConversions.id })
    .from(bridgeConversions)
    .where(
      and(
        inArray(bridgeConversions.status, ['pending', 'sent']),
        lte(bridgeConversions.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(bridgeConversions.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  return tx
    .update(bridgeConversions)
    .set({ nextAttemptAt: leaseUntil, attempts: sql`${bridgeConversions.attempts} + 1` })
    .where(
      inArray(
        bridgeConversions.id,
        due.map((d) => d.id),
      ),
    )
    .returning();
}

/** Records a failed or unanswered attempt and when to try again; only while still unfinished. */
export async function scheduleRetry(
  tx: Tx,
  id: number,
  nextAttemptAt: Date,
  lastError: string | null,
): Promise<void> {
  await tx
    .update(bridgeConversions)
    .set({ nextAttemptAt, lastError })
    .where(
      and(eq(bridgeConversions.id, id), inArray(bridgeConversions.status, ['pending', 'sent'])),
    );
}

/** An operator's retry: due now, counted like any attempt. */
export async function markAttempt(tx: Tx, id: number, leaseUntil: Date): Promise<void> {
  await tx
    .update(bridgeConversions)
    .set({ nextAttemptAt: leaseUntil, attempts: sql`${bridgeConversions.attempts} + 1` })
    .where(eq(bridgeConversions.id, id));
}

export async function listConversions(
  tx: Tx,
  f: { memberId?: number; status?: ConversionStatus; before?: number; limit: number },
): Promise<ConversionRow[]> {
  const where = [];
  if (f.memberId) where.push(eq(bridgeConversions.memberId, f.memberId));
  if (f.status) where.push(eq(bridgeConversions.status, f.status));
  if (f.before) where.push(lt(bridgeConversions.id, f.before));
  return tx
    .select()
    .from(bridgeConversions)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(bridgeConversions.id))
    .limit(f.limit);
}
