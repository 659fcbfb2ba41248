/**
 * A member asks to withdraw cash (提现, SPEC §8). Only cash is withdrawable;
 * frozen members cannot; the amount must reach the operator's minimum. The
 * whole amount is held at once (member CASH → withdrawals_pending) and the fee
 * is fixed as quoted. One effect per Idempotency-Key.
 */
import { AppError } from '@pingou/contract';
import { quoteWithdrawal } from '@pingou/engine';
import { ledgerRepo, membersRepo, withdrawalsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { idempotent } from '../idempotent';
import { newTradeNo } from '../recharge/create-recharge';
import { holdEntry, withdrawalView } from './withdrawal-lifecycle';
import { loadWithdrawalRules } from './withdrawal-rules';

export interface WithdrawalRequest {
  amountFen: number;
  accountRef: string;
  provider: string;
}

export async function requestWithdrawal(
  ctx: AppContext,
  memberId: number,
  input: WithdrawalRequest,
  idempotencyKey: string,
) {
  if (!ctx.providers.has(input.provider)) throw new AppError('PAYMENT_PROVIDER_UNKNOWN');
  return idempotent(
    ctx,
    `member:${memberId}:withdrawal`,
    idempotencyKey,
    input,
    201,
    async (tx) => {
      // The member row lock serializes this member's withdrawals and joins (join-group locks it too).
      const member = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      if (member.isFrozen) throw new AppError('MEMBER_FROZEN');
      const quote = quoteWithdrawal(input.amountFen, await loadWithdrawalRules(tx));
      if (!quote.ok) throw new AppError('WITHDRAWAL_BELOW_MINIMUM');
      const cash = await ledgerRepo.memberBalance(tx, memberId, 'CASH');
      if (cash < quote.amountFen) throw new AppError('INSUFFICIENT_CASH');
      const now = ctx.clock.now();
      const w = await withdrawalsRepo.insertWithdrawal(tx, {
        withdrawalNo: newTradeNo('W', now),
        memberId,
        provider: input.provider,
        accountRef: input.accountRef,
        amount: quote.amountFen,
        feeBp: quote.feeBp,
        fee: quote.feeFen,
        payoutAmount: quote.payoutFen,
        createdAt: now,
      });
      await ledgerRepo.postEntries(tx, [holdEntry(w)]);
      return withdrawalView(w);
    },
  );
}
