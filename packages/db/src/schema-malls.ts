/**
 * The points mall (积分商城) and the voucher mall (购物券专区), SPEC §2 and §9:
 * voucher kinds named by the operator, the items on sale and every redemption.
 * Stock never goes below zero: a CHECK here, and redemptions take stock with a
 * guarded UPDATE (`stock >= q`).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgTable,
  serial,
  text,
  timestamp,
  varchar,
} from 'drizzle-orm/pg-core';
import { members, orders } from './schema';

const id64 = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** One voucher balance per kind: the ledger asset is `VOUCHER:<id>`. */
export const voucherKinds = pgTable(
  'voucher_kinds',
  {
    id: serial('id').primaryKey(),
    name: varchar('name', { length: 32 }).notNull().unique(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('voucher_kinds_name', sql`length(trim(${t.name})) > 0`)],
);

export const mallItems = pgTable(
  'mall_items',
  {
    id: serial('id').primaryKey(),
    mall: text('mall', { enum: ['points', 'voucher', 'dividend'] }).notNull(),
    /** The voucher kind spent in the voucher mall; null in the points mall. */
    voucherKindId: integer('voucher_kind_id').references(() => voucherKinds.id),
    name: varchar('name', { length: 64 }).notNull(),
    description: text('description').notNull().default(''),
    imageUrl: text('image_url'),
    kind: text('kind', { enum: ['product', 'virtual'] }).notNull(),
    /** Hundredths of consumption points (points mall) or of the voucher kind (voucher mall). */
    pointsPrice: id64('points_price').notNull(),
    cashPriceFen: id64('cash_price_fen').notNull().default(0),
    stock: integer('stock').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('mall_items_stock', sql`${t.stock} >= 0`),
    check('mall_items_prices', sql`${t.pointsPrice} > 0 and ${t.cashPriceFen} >= 0`),
    check('mall_items_mall', sql`${t.mall} in ('points', 'voucher', 'dividend')`),
    check('mall_items_kind', sql`${t.kind} in ('product', 'virtual')`),
    check(
      'mall_items_voucher_kind',
      sql`(${t.mall} = 'voucher') = (${t.voucherKindId} is not null)`,
    ),
    index('mall_items_mall_idx').on(t.mall, t.id),
  ],
);

/** What a member paid for which item; the delivery lives in its order (source 'mall'). */
export const mallRedemptions = pgTable(
  'mall_redemptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderNo: text('order_no')
      .notNull()
      .unique()
      .references(() => orders.orderNo),
    memberId: id64('member_id')
      .notNull()
      .references(() => members.id),
    itemId: integer('item_id')
      .notNull()
      .references(() => mallItems.id),
    quantity: integer('quantity').notNull(),
    /** The ledger asset spent: CONSUMPTION or VOUCHER:<kind>. */
    asset: text('asset').notNull(),
    pointsPaid: id64('points_paid').notNull(),
    cashPaidFen: id64('cash_paid_fen').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'mall_redemptions_amounts',
      sql`${t.quantity} > 0 and ${t.pointsPaid} > 0 and ${t.cashPaidFen} >= 0`,
    ),
    index('mall_redemptions_member_idx').on(t.memberId, t.id),
    index('mall_redemptions_item_idx').on(t.itemId),
  ],
);
