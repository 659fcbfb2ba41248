/**
 * The provider's verdict on a payout, from its signed notification (verified
 * and recorded by recharge/handle-notification.ts, which routes payouts here).
 * The withdrawal row is locked; success books the payout and the fee, failure
 * returns the held cash. The same verdict again is acknowledged with no effect;
 * a verdict for an unknown withdrawal, for another amount, or one its state
 * does not allow (never sent, or contradicting a finished payout) is refused
 * and changes nothing.
 */
import { ledgerRepo, withdrawalsRepo, type Tx } from '@pingou/db';
import type { VerifiedNotification } from '../../payments/provider';
import { canTransition, payoutEntries, releaseEntry } from './withdrawal-lifecycle';

export type PayoutOutcome =
  | 'payout_paid'
  | 'payout_failed'
  | 'duplicate'
  | 'unknown_withdrawal'
  | 'amount_mismatch'
  | 'withdrawal_state';

/** Outcomes after which the provider may stop sending; the refusals make it retry (and are logged). */
export const ACKNOWLEDGED_PAYOUT_OUTCOMES: readonly string[] = [
  'payout_paid',
  'payout_failed',
  'duplicate',
];

export async function applyPayoutNotification(
  tx: Tx,
  n: VerifiedNotification,
  now: Date,
): Promise<PayoutOutcome> {
  const withdrawalNo = n.outPayoutNo ?? n.outTradeNo;
  const w = await withdrawalsRepo.findWithdrawalByNo(tx, withdrawalNo, { forUpdate: true });
  if (!w) return 'unknown_withdrawal';
  if (n.amountFen !== w.payoutAmount) return 'amount_mismatch';
  const to = n.status === 'SUCCESS' ? 'paid' : 'failed';
  if (w.status === to) return 'duplicate';
  if (!canTransition(w.status, to)) return 'withdrawal_state';
  if (to === 'paid') {
    const row = (await withdrawalsRepo.transitionWithdrawal(tx, w.id, w.status, {
      status: 'paid',
      providerTxnId: n.providerTxnId,
      finishedAt: now,
    }))!;
    await ledgerRepo.postEntries(tx, payoutEntries(row, n.providerTxnId));
    return 'payout_paid';
  }
  const reason = `payout failed at ${w.provider}`;
  const row = (await withdrawalsRepo.transitionWithdrawal(tx, w.id, w.status, {
    status: 'failed',
    reason,
    providerTxnId: n.providerTxnId,
    finishedAt: now,
  }))!;
  await ledgerRepo.postEntries(tx, [releaseEntry(row, reason)]);
  return 'payout_failed';
}
