/**
 * The tables of Pingou. Invariants live here as constraints too, not only in
 * code: balances never negative (unless the account stands for the outside
 * world), a posting's asset is its account's asset, one idempotency key one
 * entry. Append-only and balanced-entry triggers are in the custom migration.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core';

const id64 = (name: string) => bigint(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const tiers = pgTable(
  'tiers',
  {
    id: serial('id').primaryKey(),
    code: varchar('code', { length: 16 }).notNull().unique(),
    name: varchar('name', { length: 32 }).notNull(),
    rank: integer('rank').notNull().unique(),
    rateBp: integer('rate_bp').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('tiers_rate_bp', sql`${t.rateBp} between 0 and 10000`),
    check('tiers_rank', sql`${t.rank} > 0`),
  ],
);

export const members = pgTable(
  'members',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    phone: varchar('phone', { length: 20 }).notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    nickname: varchar('nickname', { length: 32 }).notNull(),
    inviteCode: varchar('invite_code', { length: 12 }).notNull().unique(),
    uplineId: id64('upline_id'),
    province: varchar('province', { length: 32 }),
    city: varchar('city', { length: 32 }),
    district: varchar('district', { length: 32 }),
    tierId: integer('tier_id').references(() => tiers.id),
    isFrozen: boolean('is_frozen').notNull().default(false),
    isLargePrepaid: boolean('is_large_prepaid').notNull().default(false),
    /** Last platform day on which this member is a valid promoter (SPEC §1). */
    promoterValidUntil: date('promoter_valid_until', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.uplineId], foreignColumns: [t.id] }),
    index('members_upline_idx').on(t.uplineId),
    check('members_not_own_upline', sql`${t.uplineId} is distinct from ${t.id}`),
  ],
);

export const agents = pgTable(
  'agents',
  {
    id: serial('id').primaryKey(),
    memberId: id64('member_id')
      .notNull()
      .unique()
      .references(() => members.id),
    level: text('level', { enum: ['province', 'city', 'district'] }).notNull(),
    /** 'province', 'province/city' or 'province/city/district'. */
    regionKey: text('region_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('agents_region_unique').on(t.level, t.regionKey)],
);

export const operators = pgTable('operators', {
  id: serial('id').primaryKey(),
  username: varchar('username', { length: 32 }).notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['super_admin', 'operator', 'finance', 'auditor'] }).notNull(),
  isDisabled: boolean('is_disabled').notNull().default(false),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    subjectKind: text('subject_kind', { enum: ['member', 'operator'] }).notNull(),
    subjectId: id64('subject_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('sessions_subject_idx').on(t.subjectKind, t.subjectId)],
);

/** Failed sign-ins per login name, for lock-out (brute force). */
export const loginFailures = pgTable('login_failures', {
  subject: text('subject').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    operatorId: integer('operator_id').references(() => operators.id),
    action: text('action').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: text('target_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_target_idx').on(t.targetKind, t.targetId),
  ],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const accounts = pgTable(
  'accounts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: id64('member_id').references(() => members.id),
    purpose: text('purpose'),
    asset: text('asset').notNull(),
    balance: id64('balance').notNull().default(0),
    allowNegative: boolean('allow_negative').notNull().default(false),
  },
  (t) => [
    check('accounts_balance_non_negative', sql`${t.allowNegative} or ${t.balance} >= 0`),
    check('accounts_owner', sql`(${t.memberId} is null) <> (${t.purpose} is null)`),
    check('accounts_member_never_negative', sql`${t.memberId} is null or not ${t.allowNegative}`),
    uniqueIndex('accounts_member_asset')
      .on(t.memberId, t.asset)
      .where(sql`${t.memberId} is not null`),
    uniqueIndex('accounts_purpose_asset')
      .on(t.purpose, t.asset)
      .where(sql`${t.purpose} is not null`),
    unique('accounts_id_asset').on(t.id, t.asset),
  ],
);

export const journalEntries = pgTable(
  'journal_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    kind: text('kind').notNull(),
    memo: text('memo'),
    ref: jsonb('ref'),
    createdAt: createdAt(),
  },
  (t) => [
    index('journal_entries_created_idx').on(t.createdAt),
    index('journal_entries_kind_idx').on(t.kind, t.id),
  ],
);

export const postings = pgTable(
  'postings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entryId: id64('entry_id')
      .notNull()
      .references(() => journalEntries.id),
    accountId: id64('account_id').notNull(),
    asset: text('asset').notNull(),
    amount: id64('amount').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.accountId, t.asset], foreignColumns: [accounts.id, accounts.asset] }),
    check('postings_amount_non_zero', sql`${t.amount} <> 0`),
    index('postings_account_idx').on(t.accountId, t.id),
    index('postings_entry_idx').on(t.entryId),
  ],
);

/** Replies to requests made with an Idempotency-Key, so a retry gets the same answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

export const paymentOrders = pgTable(
  'payment_orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outTradeNo: text('out_trade_no').notNull().unique(),
    memberId: id64('member_id')
      .notNull()
      .references(() => members.id),
    provider: text('provider').notNull(),
    amount: id64('amount').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'closed'] }).notNull(),
    providerTxnId: text('provider_txn_id'),
    refundedAmount: id64('refunded_amount').notNull().default(0),
    createdAt: createdAt(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
  },
  (t) => [
    check('payment_orders_amount', sql`${t.amount} > 0`),
    check('payment_orders_refund', sql`${t.refundedAmount} between 0 and ${t.amount}`),
    index('payment_orders_member_idx').on(t.memberId, t.id),
  ],
);

/** Every notification received, verified or not: forged ones are kept as evidence. */
export const paymentNotifications = pgTable(
  'payment_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    notifyId: text('notify_id'),
    outTradeNo: text('out_trade_no'),
    outcome: text('outcome').notNull(),
    headers: jsonb('headers'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('payment_notifications_trade_idx').on(t.outTradeNo)],
);

export const paymentRefunds = pgTable(
  'payment_refunds',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outRefundNo: text('out_refund_no').notNull().unique(),
    paymentOrderId: id64('payment_order_id')
      .notNull()
      .references(() => paymentOrders.id),
    amount: id64('amount').notNull(),
    status: text('status', { enum: ['processing', 'succeeded', 'failed'] }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [check('payment_refunds_amount', sql`${t.amount} > 0`)],
);
