/**
 * Option stock and virtual-product codes (SPEC §3: "physical products (cost price, stock,
 * delivery cost), virtual products such as reading cards (a code is delivered)").
 *
 * Stock lives outside the versioned settings: settings are immutable per version, stock changes
 * daily. One `option_stock` row per (activity, option); no row = unlimited. A join reserves one
 * unit per seat (any seat might win, so every winner is guaranteed goods), the draw moves the
 * winners' units to sold and releases the losers'. `reserved + sold <= stock` is a CHECK, and
 * joins take units with a guarded UPDATE, so the database itself refuses to oversell.
 *
 * A virtual option's stock is the number of codes uploaded for it: each upload adds its new
 * codes to the stock, and a sold unit is always one assigned code.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { activities } from './schema';

const id64 = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const optionStock = pgTable(
  'option_stock',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    optionId: integer('option_id').notNull(),
    /** Units the operator has; null = unlimited, but reservations and sales are still counted. */
    stock: integer('stock'),
    /** Units held by seats of groups not yet drawn. */
    reserved: integer('reserved').notNull().default(0),
    /** Units won in drawn groups. */
    sold: integer('sold').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.optionId] }),
    check('option_stock_counts', sql`${t.reserved} >= 0 and ${t.sold} >= 0`),
    check(
      'option_stock_within',
      sql`${t.stock} is null or (${t.stock} >= 0 and ${t.reserved} + ${t.sold} <= ${t.stock})`,
    ),
  ],
);

/**
 * The unit a seat holds: reserved at the join, then sold (won) or released (lost, failed,
 * expired). Keyed by seat, so a settlement written twice moves each unit once, and a seat that
 * joined before the option had a stock row (nothing reserved) moves nothing.
 */
export const optionStockReservations = pgTable(
  'option_stock_reservations',
  {
    groupId: id64('group_id').notNull(),
    seatNo: integer('seat_no').notNull(),
    activityId: integer('activity_id').notNull(),
    optionId: integer('option_id').notNull(),
    state: text('state', { enum: ['reserved', 'sold', 'released'] })
      .notNull()
      .default('reserved'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.seatNo] }),
    check('option_stock_reservations_state', sql`${t.state} in ('reserved', 'sold', 'released')`),
  ],
);

/** Codes of a virtual option (阅读卡 …); `order_no` is set when a winning seat takes one. */
export const virtualCodes = pgTable(
  'virtual_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    optionId: integer('option_id').notNull(),
    code: text('code').notNull(),
    /** The winner's order (orders.order_no); null while the code is available. */
    orderNo: text('order_no').unique(),
    memberId: id64('member_id'),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('virtual_codes_unique').on(t.activityId, t.optionId, t.code),
    check('virtual_codes_code', sql`length(${t.code}) between 1 and 200`),
    check(
      'virtual_codes_assignment',
      sql`(${t.orderNo} is null) = (${t.memberId} is null) and (${t.orderNo} is null) = (${t.assignedAt} is null)`,
    ),
    index('virtual_codes_available_idx')
      .on(t.activityId, t.optionId, t.id)
      .where(sql`${t.orderNo} is null`),
  ],
);
