/**
 * Calendar settlements (SPEC §7): one run per kind and period, exactly once.
 * A run first snapshots what each member is owed (`settlement_items`), then pays
 * the items in batches; an item is marked paid in the same transaction as its
 * ledger entries, so a crash leaves no item half-paid and a restart continues.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';

export const settlementRuns = pgTable(
  'settlement_runs',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['daily', 'monthly'] }).notNull(),
    /** 'YYYY-MM-DD' for daily runs (the day settled), 'YYYY-MM' for monthly ones. */
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'completed'] }).notNull(),
    total: integer('total').notNull().default(0),
    done: integer('done').notNull().default(0),
    /** What the run pays, by kind, fixed at snapshot. */
    totals: jsonb('totals').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('settlement_runs_period').on(t.kind, t.period),
    check('settlement_runs_progress', sql`${t.done} between 0 and ${t.total}`),
  ],
);

export const settlementItems = pgTable(
  'settlement_items',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => settlementRuns.id),
    memberId: bigint('member_id', { mode: 'number' }).notNull(),
    /** Daily: the member's share of the day's dividend pool (fen). */
    dividend: bigint('dividend', { mode: 'number' }).notNull().default(0),
    /** Daily: joins the member made on the settled day (acceleration of the static release). */
    joins: integer('joins').notNull().default(0),
    isPaid: boolean('is_paid').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.memberId] }),
    index('settlement_items_unpaid')
      .on(t.runId, t.memberId)
      .where(sql`not ${t.isPaid}`),
  ],
);

/** The daily dividend pool's intake per platform day (SPEC §6: a rate of each draw's winners' payments). */
export const dailyPoolDays = pgTable('daily_pool_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
});
