/**
 * A bridge's answer applied to a conversion, inside the caller's transaction
 * with the row locked: `accepted` marks it sent (the verdict will follow),
 * `confirmed` books it out of bridge_pending for good, `refused` returns the
 * points. The same verdict again changes nothing (`duplicate`); a verdict the
 * state does not allow (confirmed after reversed, or the reverse) is refused.
 */
import { bridgeRepo, ledgerRepo, type Tx } from '@pingou/db';
import type { BridgeAnswer } from '../../bridge/adapter';
import { canTransition, confirmEntry, reverseEntry } from './conversion-lifecycle';

export type BridgeAnswerOutcome =
  'sent' | 'confirmed' | 'reversed' | 'duplicate' | 'conversion_state';

/** How long to wait for a callback before asking again (the same number is a status query). */
export const RE_ASK_AFTER_MS = 10 * 60_000;

export async function applyBridgeAnswer(
  tx: Tx,
  c: bridgeRepo.ConversionRow,
  answer: BridgeAnswer,
  now: Date,
): Promise<BridgeAnswerOutcome> {
  switch (answer.status) {
    case 'accepted': {
      if (c.status !== 'pending') return 'duplicate';
      await bridgeRepo.transitionConversion(tx, c.id, 'pending', {
        status: 'sent',
        sentAt: now,
        lastError: null,
        nextAttemptAt: new Date(now.getTime() + RE_ASK_AFTER_MS),
      });
      return 'sent';
    }
    case 'confirmed': {
      if (c.status === 'confirmed') return 'duplicate';
      if (!canTransition(c.status, 'confirmed')) return 'conversion_state';
      const row = (await bridgeRepo.transitionConversion(tx, c.id, c.status, {
        status: 'confirmed',
        chainRef: answer.chainRef,
        sentAt: c.sentAt ?? now,
        finishedAt: now,
        nextAttemptAt: null,
        lastError: null,
      }))!;
      await ledgerRepo.postEntries(tx, [confirmEntry(row, answer.chainRef)]);
      return 'confirmed';
    }
    case 'refused': {
      if (c.status === 'reversed') return 'duplicate';
      if (!canTransition(c.status, 'reversed')) return 'conversion_state';
      const reason = answer.reason.slice(0, 200);
      const row = (await bridgeRepo.transitionConversion(tx, c.id, c.status, {
        status: 'reversed',
        reason,
        finishedAt: now,
        nextAttemptAt: null,
        lastError: null,
      }))!;
      await ledgerRepo.postEntries(tx, [reverseEntry(row, reason)]);
      return 'reversed';
    }
    default: {
      const never: never = answer;
      return never;
    }
  }
}
