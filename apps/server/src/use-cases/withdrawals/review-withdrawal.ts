/**
 * Finance review of a withdrawal (提现审核), each decision audited in the
 * transaction that makes it.
 *
 * Approve: `requested → approved` commits first, then the provider is asked to
 * pay out (amount − fee) under the withdrawal number, then `approved → paying`.
 * If the provider cannot be reached the withdrawal stays `approved` and the
 * money stays held; approving it again sends the same payout number again,
 * which the provider treats as the same payout. A frozen member's withdrawal
 * is not paid out (it can still be rejected, which returns the cash).
 *
 * Reject: only a `requested` withdrawal, with a reason; the held cash returns.
 */
import { AppError } from '@pingou/contract';
import { inTransaction, ledgerRepo, membersRepo, withdrawalsRepo, type Tx } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { adminWithdrawalView, assertTransition, releaseEntry } from './withdrawal-lifecycle';

async function lockWithdrawal(tx: Tx, withdrawalNo: string) {
  const w = await withdrawalsRepo.findWithdrawalByNo(tx, withdrawalNo, { forUpdate: true });
  if (!w) throw new AppError('WITHDRAWAL_NOT_FOUND');
  return w;
}

export async function approveWithdrawal(ctx: AppContext, actor: Actor, withdrawalNo: string) {
  const approved = await inTransaction(ctx.db, async (tx) => {
    const w = await lockWithdrawal(tx, withdrawalNo);
    if (w.status === 'approved') {
      // The provider never confirmed it took the payout: send it again.
      await audit(
        tx,
        actor,
        'withdrawal.payout_resend',
        target(w),
        { status: w.status },
        {
          payoutFen: w.payoutAmount,
        },
      );
      return w;
    }
    assertTransition(w.status, 'approved');
    const member = await membersRepo.findMemberById(tx, w.memberId);
    if (member?.isFrozen) throw new AppError('MEMBER_FROZEN');
    const now = ctx.clock.now();
    const row = (await withdrawalsRepo.transitionWithdrawal(tx, w.id, w.status, {
      status: 'approved',
      reviewedBy: actor.operatorId,
      reviewedAt: now,
    }))!;
    await audit(
      tx,
      actor,
      'withdrawal.approve',
      target(w),
      { status: w.status },
      { status: row.status, amountFen: w.amount, feeFen: w.fee, payoutFen: w.payoutAmount },
    );
    return row;
  });

  const provider = ctx.providers.get(approved.provider);
  try {
    if (!provider) throw new Error(`payment provider ${approved.provider} is not configured`);
    await provider.payout({
      outPayoutNo: approved.withdrawalNo,
      amountFen: approved.payoutAmount,
      accountRef: approved.accountRef,
    });
  } catch (err) {
    ctx.log.error(
      { err, withdrawalNo },
      'payout not accepted by the provider; the withdrawal stays approved, approve again to resend',
    );
    return adminWithdrawalView(approved);
  }
  // A notification may already have finished it: then this changes nothing.
  const after = await inTransaction(
    ctx.db,
    async (tx) =>
      (await withdrawalsRepo.transitionWithdrawal(tx, approved.id, 'approved', {
        status: 'paying',
      })) ?? (await withdrawalsRepo.findWithdrawalByNo(tx, withdrawalNo))!,
  );
  return adminWithdrawalView(after);
}

export async function rejectWithdrawal(
  ctx: AppContext,
  actor: Actor,
  withdrawalNo: string,
  reason: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    const w = await lockWithdrawal(tx, withdrawalNo);
    assertTransition(w.status, 'rejected');
    const now = ctx.clock.now();
    const row = (await withdrawalsRepo.transitionWithdrawal(tx, w.id, w.status, {
      status: 'rejected',
      reason,
      reviewedBy: actor.operatorId,
      reviewedAt: now,
      finishedAt: now,
    }))!;
    await ledgerRepo.postEntries(tx, [releaseEntry(row, reason)]);
    await audit(
      tx,
      actor,
      'withdrawal.reject',
      target(w),
      { status: w.status },
      { status: row.status, reason, returnedFen: w.amount },
    );
    return adminWithdrawalView(row);
  });
}

function target(w: withdrawalsRepo.WithdrawalRow) {
  return { kind: 'withdrawal', id: w.withdrawalNo };
}
