/**
 * The outbox worker (pg-boss, every minute): claims due conversions — pending
 * ones, and sent ones whose callback is late — and delivers each. A claim
 * leases the row for two minutes (SKIP LOCKED), so two servers never send the
 * same row at once; and even if they did, the bridge treats the same
 * conversion number as the same transfer.
 */
import { bridgeRepo, inTransaction } from '@pingou/db';
import type { AppContext } from '../../context';
import { deliverConversion, type DeliveryOutcome } from './deliver-conversion';

export const CLAIM_LEASE_MS = 2 * 60_000;

export async function sendDueConversions(
  ctx: AppContext,
  opts: { limit?: number } = {},
): Promise<{ conversionNo: string; outcome: DeliveryOutcome }[]> {
  const now = ctx.clock.now();
  const claimed = await inTransaction(ctx.db, (tx) =>
    bridgeRepo.claimDueConversions(
      tx,
      now,
      new Date(now.getTime() + CLAIM_LEASE_MS),
      opts.limit ?? 50,
    ),
  );
  const done: { conversionNo: string; outcome: DeliveryOutcome }[] = [];
  for (const c of claimed)
    done.push({ conversionNo: c.conversionNo, outcome: await deliverConversion(ctx, c) });
  return done;
}
