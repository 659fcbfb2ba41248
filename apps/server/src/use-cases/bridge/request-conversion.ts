/**
 * A member converts points through the chain bridge (SPEC §10): `out` turns
 * dividend points into digital points on chain, `in` brings digital points
 * back. The points are held at once (member → bridge_pending) and the
 * conversion row, which is also the outbox row, is written in the same
 * transaction; the bridge is only called by the outbox worker, after commit.
 * One effect per Idempotency-Key.
 */
import { AppError } from '@pingou/contract';
import { bridgeRepo, ledgerRepo, membersRepo } from '@pingou/db';
import { bridgeRegistry } from '../../bridge/registry';
import type { AppContext } from '../../context';
import { idempotent } from '../idempotent';
import { newTradeNo } from '../recharge/create-recharge';
import { assetsOf, conversionView, holdEntry } from './conversion-lifecycle';

export interface ConversionRequest {
  direction: 'out' | 'in';
  amount: number;
}

export async function requestConversion(
  ctx: AppContext,
  memberId: number,
  input: ConversionRequest,
  idempotencyKey: string,
) {
  const adapter = bridgeRegistry().active;
  return idempotent(ctx, `member:${memberId}:bridge`, idempotencyKey, input, 201, async (tx) => {
    // The member row lock serializes this member's spending (joins and withdrawals lock it too).
    const member = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    if (member.isFrozen) throw new AppError('MEMBER_FROZEN');
    const { from } = assetsOf(input.direction);
    if ((await ledgerRepo.memberBalance(tx, memberId, from)) < input.amount)
      throw new AppError('INSUFFICIENT_POINTS');
    const now = ctx.clock.now();
    const c = await bridgeRepo.insertConversion(tx, {
      conversionNo: newTradeNo('B', now),
      memberId,
      direction: input.direction,
      amount: input.amount,
      adapter: adapter.name,
      createdAt: now,
    });
    await ledgerRepo.postEntries(tx, [holdEntry(c)]);
    return conversionView(c);
  });
}
