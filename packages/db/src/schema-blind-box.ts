/**
 * Blind box (盲盒, SPEC §9): the prize table per activity, the commitment made
 * for each ticket before it can be opened, and the published result of every
 * opened ticket. Tickets themselves are written by the settlement
 * (`blind_box_tickets` in schema.ts).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { activities, blindBoxTickets, members, orders } from './schema';

const id64 = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const blindBoxPrizes = pgTable(
  'blind_box_prizes',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    name: varchar('name', { length: 64 }).notNull(),
    kind: text('kind', { enum: ['product', 'cash', 'points', 'gold'] }).notNull(),
    weight: integer('weight').notNull(),
    stock: integer('stock').notNull(),
    /** What the prize is worth (fen); a cash prize pays exactly this. At most the operator's cap. */
    valueFen: id64('value_fen').notNull(),
    /** Points and gold: hundredths credited. 0 for product and cash. */
    amount: id64('amount').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('blind_box_prizes_weight', sql`${t.weight} >= 1`),
    check('blind_box_prizes_stock', sql`${t.stock} >= 0`),
    check('blind_box_prizes_value', sql`${t.valueFen} >= 0 and ${t.amount} >= 0`),
    check('blind_box_prizes_kind', sql`${t.kind} in ('product', 'cash', 'points', 'gold')`),
    index('blind_box_prizes_activity_idx').on(t.activityId, t.id),
  ],
);

/** The server seed of a ticket, drawn (and its SHA-256 shown) before the member opens it. */
export const blindBoxCommitments = pgTable('blind_box_commitments', {
  ticketId: id64('ticket_id')
    .notNull()
    .unique()
    .references(() => blindBoxTickets.id),
  /** Secret until the ticket is opened. */
  serverSeed: text('server_seed').notNull(),
  commitment: text('commitment').notNull(),
  createdAt: createdAt(),
});

/** One row per opened ticket: the prize and the published procedure result. */
export const blindBoxResults = pgTable(
  'blind_box_results',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ticketId: id64('ticket_id')
      .notNull()
      .unique()
      .references(() => blindBoxTickets.id),
    memberId: id64('member_id')
      .notNull()
      .references(() => members.id),
    activityId: integer('activity_id').notNull(),
    prizeId: integer('prize_id')
      .notNull()
      .references(() => blindBoxPrizes.id),
    /** The prize as it was when won (name, kind, value, amount). */
    prize: jsonb('prize').notNull(),
    /** The engine's PublishedBlindBox: seed, commitment, client seed, table, prize. */
    published: jsonb('published').notNull(),
    orderId: id64('order_id').references(() => orders.id),
    createdAt: createdAt(),
  },
  (t) => [index('blind_box_results_member_idx').on(t.memberId, t.id)],
);
