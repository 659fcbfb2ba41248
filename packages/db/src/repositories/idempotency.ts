/**
 * Stored replies to requests made with an Idempotency-Key. The reply is
 * written in the same transaction as the request's effect, so a retry either
 * finds the reply or finds nothing happened. A concurrent duplicate waits on
 * the advisory lock and then finds the reply.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { idempotencyKeys } from '../schema';

export async function lockIdempotencyKey(tx: Tx, scope: string, key: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${scope + '|' + key}, 0))`);
}

export async function findIdempotentReply(tx: Tx, scope: string, key: string) {
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
  return row;
}

export async function saveIdempotentReply(
  tx: Tx,
  v: {
    scope: string;
    key: string;
    requestHash: string;
    responseStatus: number;
    responseBody: unknown;
  },
) {
  await tx.insert(idempotencyKeys).values({ ...v, responseBody: v.responseBody ?? null });
}
