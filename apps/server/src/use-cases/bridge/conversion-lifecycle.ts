/**
 * The lifecycle of a chain bridge conversion (对接区块链) as one transition
 * table, and the ledger entry each step writes. 1 dividend point = 1 digital
 * point; DIGITAL in the ledger is the member-visible mirror of what they hold
 * on chain, so it is issued when points go out and retired when they come in.
 *
 *   pending → sent → confirmed | reversed
 *   pending → confirmed | reversed   (a synchronous verdict, or a callback
 *                                     that overtakes the `sent` mark)
 *
 * Entries, for `out` (from = DIVIDEND, to = DIGITAL) and `in` (the other way):
 * - request: member `from` → bridge_pending `from`            (bridge_out / bridge_in)
 * - confirm: bridge_pending `from` → issuance `from` (left the platform)
 *            issuance `to` → member `to`                      (bridge_out / bridge_in)
 * - reverse: bridge_pending `from` → member `from`            (bridge_reverse)
 * Keys name the conversion, so a step written twice has one effect.
 */
import { AppError } from '@pingou/contract';
import {
  memberAccount,
  platformAccount,
  transfer,
  type FixedAsset,
  type JournalEntry,
} from '@pingou/engine';
import type { bridgeRepo } from '@pingou/db';

export type ConversionStatus = bridgeRepo.ConversionStatus;
type ConversionRow = bridgeRepo.ConversionRow;

export const CONVERSION_TRANSITIONS: Readonly<
  Record<ConversionStatus, readonly ConversionStatus[]>
> = {
  pending: ['sent', 'confirmed', 'reversed'],
  sent: ['confirmed', 'reversed'],
  confirmed: [],
  reversed: [],
};

export function canTransition(from: ConversionStatus, to: ConversionStatus): boolean {
  return CONVERSION_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ConversionStatus, to: ConversionStatus): void {
  if (!canTransition(from, to))
    throw new AppError('CONVERSION_STATE', { detail: `${from} → ${to}` });
}

export function isUnfinished(status: ConversionStatus): boolean {
  return CONVERSION_TRANSITIONS[status].length > 0;
}

/** What the member gives (`from`) and gets (`to`). */
export function assetsOf(direction: bridgeRepo.ConversionDirection): {
  from: FixedAsset;
  to: FixedAsset;
} {
  return direction === 'out'
    ? { from: 'DIVIDEND', to: 'DIGITAL' }
    : { from: 'DIGITAL', to: 'DIVIDEND' };
}

const kindOf = (c: ConversionRow) => (c.direction === 'out' ? 'bridge_out' : 'bridge_in');

export function holdEntry(c: ConversionRow): JournalEntry {
  const { from } = assetsOf(c.direction);
  return {
    idempotencyKey: `bridge:${c.conversionNo}:hold`,
    kind: kindOf(c),
    ref: { conversionNo: c.conversionNo },
    postings: transfer(
      memberAccount(c.memberId, from),
      platformAccount('bridge_pending', from),
      c.amount,
    ),
  };
}

export function confirmEntry(c: ConversionRow, chainRef: string): JournalEntry {
  const { from, to } = assetsOf(c.direction);
  return {
    idempotencyKey: `bridge:${c.conversionNo}:confirm`,
    kind: kindOf(c),
    memo: `${c.adapter} ${chainRef}`,
    ref: { conversionNo: c.conversionNo },
    postings: [
      ...transfer(
        platformAccount('bridge_pending', from),
        platformAccount('issuance', from),
        c.amount,
      ),
      ...transfer(platformAccount('issuance', to), memberAccount(c.memberId, to), c.amount),
    ],
  };
}

export function reverseEntry(c: ConversionRow, reason: string): JournalEntry {
  const { from } = assetsOf(c.direction);
  return {
    idempotencyKey: `bridge:${c.conversionNo}:reverse`,
    kind: 'bridge_reverse',
    memo: reason,
    ref: { conversionNo: c.conversionNo },
    postings: transfer(
      platformAccount('bridge_pending', from),
      memberAccount(c.memberId, from),
      c.amount,
    ),
  };
}

/** The member as the chain knows them. */
export const chainAccountOf = (memberId: number) => `pingou:${memberId}`;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function conversionView(c: ConversionRow) {
  return {
    conversionNo: c.conversionNo,
    direction: c.direction,
    amount: c.amount,
    status: c.status,
    chainRef: c.chainRef,
    reason: c.reason,
    createdAt: c.createdAt.toISOString(),
    sentAt: iso(c.sentAt),
    finishedAt: iso(c.finishedAt),
  };
}

export function adminConversionView(c: ConversionRow) {
  return {
    ...conversionView(c),
    id: c.id,
    memberId: c.memberId,
    adapter: c.adapter,
    attempts: c.attempts,
    nextAttemptAt: iso(c.nextAttemptAt),
    lastError: c.lastError,
  };
}
