/** An operator assigns (or removes) a member's team tier. */
import { AppError } from '@pingou/contract';
import { inTransaction, membersRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

export async function assignTier(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  tierId: number | null,
) {
  return inTransaction(ctx.db, async (tx) => {
    const m = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    if (tierId !== null && !(await membersRepo.findTier(tx, tierId)))
      throw new AppError('TIER_NOT_FOUND');
    await membersRepo.updateMember(tx, memberId, { tierId });
    await audit(
      tx,
      actor,
      'member.assign_tier',
      { kind: 'member', id: memberId },
      { tierId: m.tierId },
      { tierId },
    );
  });
}
