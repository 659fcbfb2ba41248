/**
 * One outbox delivery: send a claimed conversion to its adapter under its
 * conversion number and apply the answer. Called outside any transaction (the
 * bridge may be slow); the answer is applied in its own transaction with the
 * row locked, so a callback arriving meanwhile is applied once. No usable
 * answer leaves the row as it was, due again after a back-off.
 */
import { bridgeRepo, inTransaction } from '@pingou/db';
import type { BridgeAnswer } from '../../bridge/adapter';
import { bridgeRegistry } from '../../bridge/registry';
import type { AppContext } from '../../context';
import { applyBridgeAnswer, type BridgeAnswerOutcome } from './apply-bridge-answer';
import { chainAccountOf } from './conversion-lifecycle';

export type DeliveryOutcome = BridgeAnswerOutcome | 'no_answer';

/** 1, 2, 4 … minutes, at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 60) * 60_000;
}

export async function deliverConversion(
  ctx: AppContext,
  c: bridgeRepo.ConversionRow,
): Promise<DeliveryOutcome> {
  let answer: BridgeAnswer;
  try {
    const adapter = bridgeRegistry().adapters.get(c.adapter);
    if (!adapter) throw new Error(`bridge adapter ${c.adapter} is not configured`);
    answer = await adapter.send({
      conversionNo: c.conversionNo,
      direction: c.direction,
      account: chainAccountOf(c.memberId),
      amount: c.amount,
    });
  } catch (err) {
    const now = ctx.clock.now();
    const message = err instanceof Error ? err.message : String(err);
    await inTransaction(ctx.db, (tx) =>
      bridgeRepo.scheduleRetry(
        tx,
        c.id,
        new Date(now.getTime() + backoffMs(c.attempts)),
        message.slice(0, 500),
      ),
    );
    ctx.log.warn(
      { err, conversionNo: c.conversionNo, attempts: c.attempts },
      'no answer from the bridge; the conversion stays held and is sent again later',
    );
    return 'no_answer';
  }
  const outcome = await inTransaction(ctx.db, async (tx) => {
    const row = await bridgeRepo.findConversionByNo(tx, c.conversionNo, { forUpdate: true });
    return applyBridgeAnswer(tx, row!, answer, ctx.clock.now());
  });
  if (outcome === 'conversion_state')
    ctx.log.error(
      { conversionNo: c.conversionNo, answer },
      'the bridge contradicts a finished conversion; nothing changed, needs an operator',
    );
  return outcome;
}
