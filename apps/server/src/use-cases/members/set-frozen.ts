/** Freeze or unfreeze a member (no joins, no withdrawals); freezing also ends their sessions. */
import { AppError } from '@pingou/contract';
import { authRepo, inTransaction, membersRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

export async function setFrozen(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  isFrozen: boolean,
  reason: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    const m = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    await membersRepo.updateMember(tx, memberId, { isFrozen });
    if (isFrozen) await authRepo.revokeSubjectSessions(tx, 'member', memberId, ctx.clock.now());
    await audit(
      tx,
      actor,
      isFrozen ? 'member.freeze' : 'member.unfreeze',
      { kind: 'member', id: memberId },
      { isFrozen: m.isFrozen },
      { isFrozen, reason },
    );
  });
}

export async function setLargePrepaid(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  isLargePrepaid: boolean,
) {
  return inTransaction(ctx.db, async (tx) => {
    const m = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    await membersRepo.updateMember(tx, memberId, { isLargePrepaid });
    await audit(
      tx,
      actor,
      'member.set_large_prepaid',
      { kind: 'member', id: memberId },
      { isLargePrepaid: m.isLargePrepaid },
      { isLargePrepaid },
    );
  });
}
