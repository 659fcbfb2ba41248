/**
 * Runs a request's effect at most once per (scope, Idempotency-Key). The reply
 * is stored in the same transaction as the effect; a retry with the same body
 * gets the stored reply, a retry with another body gets IDEMPOTENCY_KEY_REUSED.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@pingou/contract';
import { idempotencyRepo, inTransaction, type Tx } from '@pingou/db';
import type { AppContext } from '../context';

export function requestHash(body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

export async function idempotent<T>(
  ctx: AppContext,
  scope: string,
  key: string,
  body: unknown,
  status: number,
  effect: (tx: Tx) => Promise<T>,
): Promise<{ status: number; body: T; isReplay: boolean }> {
  const hash = requestHash(body);
  return inTransaction(ctx.db, async (tx) => {
    await idempotencyRepo.lockIdempotencyKey(tx, scope, key);
    const prior = await idempotencyRepo.findIdempotentReply(tx, scope, key);
    if (prior) {
      if (prior.requestHash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return { status: prior.responseStatus, body: prior.responseBody as T, isReplay: true };
    }
    const result = await effect(tx);
    await idempotencyRepo.saveIdempotentReply(tx, {
      scope,
      key,
      requestHash: hash,
      responseStatus: status,
      responseBody: result,
    });
    return { status, body: result, isReplay: false };
  });
}

export function idempotencyKeyFrom(headers: Record<string, string | string[] | undefined>): string {
  const k = headers['idempotency-key'];
  if (typeof k !== 'string' || !/^[A-Za-z0-9_.:-]{8,128}$/.test(k))
    throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  return k;
}
