/**
 * The chain bridge (对接区块链, SPEC §10): one row per conversion between
 * dividend points and digital points. The row is also the outbox: a worker
 * sends `pending` (and re-asks `sent`) rows whose `next_attempt_at` is due,
 * under the conversion number as the bridge's idempotency key.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { members } from './schema';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const bridgeConversions = pgTable(
  'bridge_conversions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Sent to the bridge as its idempotency key: a retry carries the same number. */
    conversionNo: text('conversion_no').notNull().unique(),
    memberId: bigint('member_id', { mode: 'number' })
      .notNull()
      .references(() => members.id),
    /** out: dividend points → chain (digital points); in: chain → dividend points. */
    direction: text('direction', { enum: ['out', 'in'] }).notNull(),
    /** Hundredths of a point, the same number on both sides (1 : 1). */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    /** The adapter that carries it; its answers and callbacks must come through the same one. */
    adapter: text('adapter').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'confirmed', 'reversed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at'),
    lastError: text('last_error'),
    /** The chain's reference (transaction hash) once confirmed. */
    chainRef: text('chain_ref'),
    reason: text('reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    check('bridge_conversions_amount', sql`${t.amount} > 0`),
    check('bridge_conversions_direction', sql`${t.direction} in ('out', 'in')`),
    check(
      'bridge_conversions_status',
      sql`${t.status} in ('pending', 'sent', 'confirmed', 'reversed')`,
    ),
    check(
      'bridge_conversions_finished',
      sql`(${t.status} in ('confirmed', 'reversed')) = (${t.finishedAt} is not null)`,
    ),
    index('bridge_conversions_due_idx').on(t.status, t.nextAttemptAt),
    index('bridge_conversions_member_idx').on(t.memberId, t.id),
  ],
);
