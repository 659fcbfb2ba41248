/** Credits a paid recharge order to the member's cash: the one place this happens. */
import { memberAccount, platformAccount, transfer } from '@pingou/engine';
import { ledgerRepo, paymentsRepo, type Tx } from '@pingou/db';

/** The order row must be locked by the caller and still pending. */
export async function creditRecharge(
  tx: Tx,
  order: paymentsRepo.PaymentOrderRow,
  providerTxnId: string,
  paidAt: Date,
) {
  await paymentsRepo.markOrderPaid(tx, order.id, providerTxnId, paidAt);
  await ledgerRepo.postEntries(tx, [
    {
      idempotencyKey: `recharge:${order.outTradeNo}`,
      kind: 'recharge',
      memo: `${order.provider} ${providerTxnId}`,
      ref: { outTradeNo: order.outTradeNo },
      postings: transfer(
        platformAccount('payment_clearing', 'CASH'),
        memberAccount(order.memberId, 'CASH'),
        order.amount,
      ),
    },
  ]);
}
