/**
 * An operator corrects a member's direct upline (audited). The new upline may
 * not be the member or anyone below them: a referral chain never loops.
 */
import { AppError } from '@pingou/contract';
import { inTransaction, membersRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

export async function correctUpline(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  uplineId: number | null,
  reason: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    const m = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    if (uplineId !== null) {
      if (uplineId === memberId) throw new AppError('UPLINE_CYCLE');
      const upline = await membersRepo.findMemberById(tx, uplineId);
      if (!upline) throw new AppError('MEMBER_NOT_FOUND', { detail: 'upline' });
      const chain = await membersRepo.uplineChain(tx, uplineId, 10_000);
      if (chain.includes(memberId)) throw new AppError('UPLINE_CYCLE');
    }
    await membersRepo.updateMember(tx, memberId, { uplineId });
    await audit(
      tx,
      actor,
      'member.correct_upline',
      { kind: 'member', id: memberId },
      { uplineId: m.uplineId },
      { uplineId, reason },
    );
  });
}
