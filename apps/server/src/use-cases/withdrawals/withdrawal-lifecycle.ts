/**
 * The lifecycle of a withdrawal (提现) as one transition table, and the ledger
 * entry each step writes. Cash is held from the request (member CASH →
 * withdrawals_pending); a payout moves it on to payout_clearing (what the
 * provider pays) and fees (platform revenue); a rejection or a failed payout
 * returns all of it. Every entry's key names the withdrawal, so a step
 * written twice has one effect.
 *
 *   requested → approved → paying → paid | failed
 *   requested → rejected
 *
 * `approved` is committed before the provider is called; `paying` once it has
 * accepted the payout. A notification may overtake that second step, so
 * `approved` can finish directly.
 */
import { AppError } from '@pingou/contract';
import { memberAccount, platformAccount, transfer, type JournalEntry } from '@pingou/engine';
import type { withdrawalsRepo } from '@pingou/db';

export type WithdrawalStatus = withdrawalsRepo.WithdrawalStatus;
type WithdrawalRow = withdrawalsRepo.WithdrawalRow;

export const WITHDRAWAL_TRANSITIONS: Readonly<
  Record<WithdrawalStatus, readonly WithdrawalStatus[]>
> = {
  requested: ['approved', 'rejected'],
  approved: ['paying', 'paid', 'failed'],
  paying: ['paid', 'failed'],
  paid: [],
  rejected: [],
  failed: [],
};

export function canTransition(from: WithdrawalStatus, to: WithdrawalStatus): boolean {
  return WITHDRAWAL_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: WithdrawalStatus, to: WithdrawalStatus): void {
  if (!canTransition(from, to))
    throw new AppError('WITHDRAWAL_STATE', { detail: `${from} → ${to}` });
}

export function holdEntry(w: WithdrawalRow): JournalEntry {
  return {
    idempotencyKey: `withdrawal:${w.withdrawalNo}:hold`,
    kind: 'withdrawal_hold',
    ref: { withdrawalNo: w.withdrawalNo },
    postings: transfer(
      memberAccount(w.memberId, 'CASH'),
      platformAccount('withdrawals_pending', 'CASH'),
      w.amount,
    ),
  };
}

/** Rejected or failed: the whole amount, fee included, goes back to the member's cash. */
export function releaseEntry(w: WithdrawalRow, memo: string): JournalEntry {
  return {
    idempotencyKey: `withdrawal:${w.withdrawalNo}:release`,
    kind: 'withdrawal_release',
    memo,
    ref: { withdrawalNo: w.withdrawalNo },
    postings: transfer(
      platformAccount('withdrawals_pending', 'CASH'),
      memberAccount(w.memberId, 'CASH'),
      w.amount,
    ),
  };
}

/** Paid: the payout leaves through the provider, the fee is booked as platform revenue. */
export function payoutEntries(w: WithdrawalRow, providerTxnId: string): JournalEntry[] {
  const entries: JournalEntry[] = [
    {
      idempotencyKey: `withdrawal:${w.withdrawalNo}:payout`,
      kind: 'withdrawal_payout',
      memo: `${w.provider} ${providerTxnId}`,
      ref: { withdrawalNo: w.withdrawalNo },
      postings: transfer(
        platformAccount('withdrawals_pending', 'CASH'),
        platformAccount('payout_clearing', 'CASH'),
        w.payoutAmount,
      ),
    },
  ];
  // A fee rounded down to nothing is no entry (an entry needs postings).
  if (w.fee > 0)
    entries.push({
      idempotencyKey: `withdrawal:${w.withdrawalNo}:fee`,
      kind: 'withdrawal_fee',
      ref: { withdrawalNo: w.withdrawalNo },
      postings: transfer(
        platformAccount('withdrawals_pending', 'CASH'),
        platformAccount('fees', 'CASH'),
        w.fee,
      ),
    });
  return entries;
}

export function withdrawalView(w: WithdrawalRow) {
  return {
    withdrawalNo: w.withdrawalNo,
    provider: w.provider,
    accountRef: w.accountRef,
    amountFen: w.amount,
    feeBp: w.feeBp,
    feeFen: w.fee,
    payoutFen: w.payoutAmount,
    status: w.status,
    reason: w.reason,
    createdAt: w.createdAt.toISOString(),
    reviewedAt: w.reviewedAt ? w.reviewedAt.toISOString() : null,
    finishedAt: w.finishedAt ? w.finishedAt.toISOString() : null,
  };
}

export function adminWithdrawalView(w: WithdrawalRow) {
  return { ...withdrawalView(w), memberId: w.memberId, reviewedBy: w.reviewedBy };
}
