/**
 * Refund of a recharge, back the way it came (原路返回). The cash leaves the
 * member's wallet when the refund is requested (so it cannot be spent twice);
 * a refund the provider reports as failed puts it back.
 */
import { AppError } from '@pingou/contract';
import { memberAccount, platformAccount, transfer } from '@pingou/engine';
import { inTransaction, ledgerRepo, paymentsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { newTradeNo } from './create-recharge';

export async function refundRecharge(
  ctx: AppContext,
  actor: Actor,
  outTradeNo: string,
  input: { amountFen: number; reason: string },
) {
  const result = await inTransaction(ctx.db, async (tx) => {
    const order = await paymentsRepo.findOrderByTradeNo(tx, outTradeNo, { forUpdate: true });
    if (!order) throw new AppError('PAYMENT_ORDER_NOT_FOUND');
    if (order.status !== 'paid') throw new AppError('PAYMENT_ORDER_STATE');
    if (input.amountFen > order.amount - order.refundedAmount)
      throw new AppError('REFUND_EXCEEDS_PAYMENT');
    const cash = await ledgerRepo.memberBalance(tx, order.memberId, 'CASH');
    if (cash < input.amountFen) throw new AppError('INSUFFICIENT_CASH');
    const refund = await paymentsRepo.insertRefund(tx, {
      outRefundNo: newTradeNo('F', ctx.clock.now()),
      paymentOrderId: order.id,
      amount: input.amountFen,
      reason: input.reason,
    });
    await paymentsRepo.addRefunded(tx, order.id, input.amountFen);
    await ledgerRepo.postEntries(tx, [
      {
        idempotencyKey: `recharge-refund:${refund.outRefundNo}`,
        kind: 'recharge_refund',
        memo: input.reason,
        ref: { outTradeNo, outRefundNo: refund.outRefundNo },
        postings: transfer(
          memberAccount(order.memberId, 'CASH'),
          platformAccount('payment_clearing', 'CASH'),
          input.amountFen,
        ),
      },
    ]);
    await audit(
      tx,
      actor,
      'recharge.refund',
      { kind: 'payment_order', id: outTradeNo },
      { refundedFen: order.refundedAmount },
      {
        refundedFen: order.refundedAmount + input.amountFen,
        outRefundNo: refund.outRefundNo,
        reason: input.reason,
      },
    );
    return { order, refund };
  });
  const provider = ctx.providers.get(result.order.provider);
  if (provider) {
    await provider.refund({
      outTradeNo,
      outRefundNo: result.refund.outRefundNo,
      amountFen: input.amountFen,
      totalFen: result.order.amount,
      reason: input.reason,
    });
  }
  return {
    outRefundNo: result.refund.outRefundNo,
    amountFen: input.amountFen,
    status: 'processing' as const,
  };
}
