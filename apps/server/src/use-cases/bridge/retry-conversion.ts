/**
 * Finance sends a stuck conversion (pending or sent) to the bridge again, now,
 * under the same conversion number: the bridge answers with the transfer's
 * result and never does it twice. Audited in the transaction that claims it.
 */
import { AppError } from '@pingou/contract';
import { bridgeRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { adminConversionView, isUnfinished } from './conversion-lifecycle';
import { deliverConversion } from './deliver-conversion';
import { CLAIM_LEASE_MS } from './send-due-conversions';

export async function retryConversion(ctx: AppContext, actor: Actor, conversionNo: string) {
  const claimed = await inTransaction(ctx.db, async (tx) => {
    const c = await bridgeRepo.findConversionByNo(tx, conversionNo, { forUpdate: true });
    if (!c) throw new AppError('CONVERSION_NOT_FOUND');
    if (!isUnfinished(c.status))
      throw new AppError('CONVERSION_STATE', { detail: `${c.status} is final` });
    await bridgeRepo.markAttempt(tx, c.id, new Date(ctx.clock.now().getTime() + CLAIM_LEASE_MS));
    await audit(
      tx,
      actor,
      'bridge.retry',
      { kind: 'bridge_conversion', id: c.conversionNo },
      { status: c.status, attempts: c.attempts },
      { attempts: c.attempts + 1 },
    );
    return { ...c, attempts: c.attempts + 1 };
  });
  await deliverConversion(ctx, claimed);
  const after = await bridgeRepo.findConversionByNo(ctx.db, conversionNo);
  return adminConversionView(after!);
}
