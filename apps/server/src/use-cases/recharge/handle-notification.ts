/**
 * A payment provider's asynchronous notification. Verified (signature, age,
 * decryption) by the provider adapter; every notification is recorded, a
 * forged one as evidence. A paid order credits cash exactly once: the order
 * row is locked, and the ledger entry's idempotency key is the trade number.
 */
import { memberAccount, platformAccount, transfer } from '@pingou/engine';
import { inTransaction, ledgerRepo, paymentsRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import type { ParsedNotification } from '../../payments/provider';
import { creditRecharge } from './credit-recharge';
import {
  ACKNOWLEDGED_PAYOUT_OUTCOMES,
  applyPayoutNotification,
  type PayoutOutcome,
} from '../withdrawals/handle-payout-notification';

export type NotificationOutcome =
  | 'credited'
  | 'duplicate'
  | 'refund_succeeded'
  | 'refund_failed'
  | 'closed'
  | 'ignored'
  | 'rejected_signature'
  | 'rejected_stale'
  | 'rejected_malformed'
  | 'rejected_decrypt'
  | 'unknown_order'
  | 'amount_mismatch'
  | PayoutOutcome;

/** Whether the provider should be told "received" (it stops retrying) or "failed". */
export function isAcknowledged(outcome: NotificationOutcome): boolean {
  return [
    'credited',
    'duplicate',
    'refund_succeeded',
    'refund_failed',
    'closed',
    'ignored',
    ...ACKNOWLEDGED_PAYOUT_OUTCOMES,
  ].includes(outcome);
}

export async function handleNotification(
  ctx: AppContext,
  providerName: string,
  headers: Record<string, string | undefined>,
  rawBody: string,
): Promise<NotificationOutcome> {
  const provider = ctx.providers.get(providerName);
  if (!provider) return 'rejected_malformed';
  const parsed = await provider.parseNotification({ headers, rawBody, now: ctx.clock.now() });
  const record = (tx: Tx, outcome: NotificationOutcome, p?: ParsedNotification) =>
    paymentsRepo.insertNotification(tx, {
      provider: providerName,
      notifyId: p && p.ok ? p.notifyId : null,
      outTradeNo: p && p.ok ? p.outTradeNo : null,
      outcome,
      headers,
      body: rawBody.slice(0, 16_384),
    });
  if (!parsed.ok) {
    const outcome = `rejected_${parsed.reason}` as NotificationOutcome;
    await record(ctx.db, outcome);
    ctx.log.warn({ provider: providerName, reason: parsed.reason }, 'payment notification refused');
    return outcome;
  }
  return inTransaction(ctx.db, async (tx) => {
    const outcome = await apply(tx, parsed, ctx.clock.now());
    await record(tx, outcome, parsed);
    if (!isAcknowledged(outcome)) {
      ctx.log.warn(
        { provider: providerName, outTradeNo: parsed.outTradeNo, outcome },
        'payment notification refused',
      );
    }
    return outcome;
  });
}

async function apply(
  tx: Tx,
  n: Extract<ParsedNotification, { ok: true }>,
  now: Date,
): Promise<NotificationOutcome> {
  if (n.kind === 'payout') return applyPayoutNotification(tx, n, now);
  const order = await paymentsRepo.findOrderByTradeNo(tx, n.outTradeNo, { forUpdate: true });
  if (!order) return 'unknown_order';
  if (n.kind === 'refund') return applyRefund(tx, order, n);
  if (n.kind !== 'payment') return 'ignored';
  if (n.status !== 'SUCCESS') return order.status === 'paid' ? 'duplicate' : 'closed';
  if (n.amountFen !== order.amount) return 'amount_mismatch';
  if (order.status === 'paid') return 'duplicate';
  await creditRecharge(tx, order, n.providerTxnId, now);
  return 'credited';
}

async function applyRefund(
  tx: Tx,
  order: paymentsRepo.PaymentOrderRow,
  n: Extract<ParsedNotification, { ok: true }>,
): Promise<NotificationOutcome> {
  if (!n.outRefundNo) return 'ignored';
  const refund = await paymentsRepo.findRefund(tx, n.outRefundNo);
  if (!refund || refund.paymentOrderId !== order.id) return 'unknown_order';
  if (refund.status !== 'processing') return 'duplicate';
  if (n.status === 'SUCCESS') {
    await paymentsRepo.setRefundStatus(tx, refund.id, 'succeeded');
    return 'refund_succeeded';
  }
  // The provider could not return the money: give the member their cash back.
  await paymentsRepo.setRefundStatus(tx, refund.id, 'failed');
  await paymentsRepo.addRefunded(tx, order.id, -refund.amount);
  await ledgerRepo.postEntries(tx, [
    {
      idempotencyKey: `recharge-refund-failed:${refund.outRefundNo}`,
      kind: 'reversal',
      memo: `refund ${refund.outRefundNo} failed`,
      ref: { outTradeNo: order.outTradeNo, outRefundNo: refund.outRefundNo },
      postings: transfer(
        platformAccount('payment_clearing', 'CASH'),
        memberAccount(order.memberId, 'CASH'),
        refund.amount,
      ),
    },
  ]);
  return 'refund_failed';
}
