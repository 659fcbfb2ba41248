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
    /** When the member first joined a group (SPEC §5 R2 and §1 promoter validity). */
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }),
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

// ---- group buying (SPEC §3–§6)

export const activities = pgTable(
  'activities',
  {
    id: serial('id').primaryKey(),
    name: varchar('name', { length: 64 }).notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: ['draft', 'published', 'paused', 'ended'] }).notNull(),
    /** Shown only to large-prepaid members or those with enough cash (大额专区). */
    isLargeZone: boolean('is_large_zone').notNull().default(false),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    /** The version new groups open with; null until first published. */
    currentVersionId: integer('current_version_id'),
    /** The settings being edited (published as a new version). */
    draft: jsonb('draft').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'activities_dates',
      sql`${t.endsAt} is null or ${t.startsAt} is null or ${t.endsAt} > ${t.startsAt}`,
    ),
  ],
);

export const activityVersions = pgTable(
  'activity_versions',
  {
    id: serial('id').primaryKey(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    version: integer('version').notNull(),
    settings: jsonb('settings').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer('published_by').references(() => operators.id),
  },
  (t) => [unique('activity_versions_unique').on(t.activityId, t.version)],
);

export const groups = pgTable(
  'groups',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    versionId: integer('version_id')
      .notNull()
      .references(() => activityVersions.id),
    status: text('status', { enum: ['open', 'full', 'drawn', 'failed', 'expired'] }).notNull(),
    groupSize: integer('group_size').notNull(),
    seatCount: integer('seat_count').notNull().default(0),
    /** Secret until the draw; its SHA-256 (commitment) is public from the start. */
    serverSeed: text('server_seed').notNull(),
    commitment: text('commitment').notNull(),
    failReason: text('fail_reason'),
    /** The published draw: seats, eligibility, winners, revealed seed. */
    draw: jsonb('draw'),
    statement: jsonb('statement'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    check('groups_seat_count', sql`${t.seatCount} between 0 and ${t.groupSize}`),
    index('groups_open_idx')
      .on(t.activityId, t.id)
      .where(sql`${t.status} = 'open'`),
    index('groups_activity_idx').on(t.activityId, t.status, t.id),
  ],
);

export const seats = pgTable(
  'seats',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    groupId: id64('group_id')
      .notNull()
      .references(() => groups.id),
    seatNo: integer('seat_no').notNull(),
    /** null = house seat (平台补位). */
    memberId: id64('member_id').references(() => members.id),
    optionId: integer('option_id').notNull(),
    memberRef: text('member_ref').notNull(),
    clientSeed: varchar('client_seed', { length: 64 }).notNull().default(''),
    isFirstOfDay: boolean('is_first_of_day').notNull().default(false),
    isFirstEver: boolean('is_first_ever').notNull().default(false),
    joinDay: date('join_day', { mode: 'string' }).notNull(),
    result: text('result', { enum: ['won', 'lost', 'refunded'] }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('seats_group_seat').on(t.groupId, t.seatNo),
    unique('seats_group_member').on(t.groupId, t.memberId),
    check('seats_seat_no', sql`${t.seatNo} >= 1`),
    index('seats_member_idx').on(t.memberId, t.id),
  ],
);

/** R3–R5 counters per member per activity (SPEC §5). */
export const drawCounters = pgTable(
  'draw_counters',
  {
    memberId: id64('member_id')
      .notNull()
      .references(() => members.id),
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id),
    counters: jsonb('counters').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.activityId] })],
);

/** Joins per member, activity and platform day: daily limits, R1, acceleration of releases. */
export const joinDays = pgTable(
  'join_days',
  {
    memberId: id64('member_id').notNull(),
    activityId: integer('activity_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    joins: integer('joins').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.day, t.activityId] })],
);

export const orders = pgTable(
  'orders',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderNo: text('order_no').notNull().unique(),
    memberId: id64('member_id')
      .notNull()
      .references(() => members.id),
    source: text('source', { enum: ['group', 'mall', 'blind_box'] }).notNull(),
    groupId: id64('group_id').references(() => groups.id),
    seatNo: integer('seat_no'),
    activityId: integer('activity_id'),
    optionId: integer('option_id'),
    itemName: text('item_name').notNull(),
    kind: text('kind').notNull(),
    costFen: id64('cost_fen').notNull().default(0),
    status: text('status', {
      enum: ['awaiting_address', 'awaiting_shipment', 'shipped', 'completed'],
    }).notNull(),
    address: jsonb('address'),
    trackingNo: text('tracking_no'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orders_member_idx').on(t.memberId, t.id),
    index('orders_status_idx').on(t.status, t.id),
    unique('orders_group_seat').on(t.groupId, t.seatNo),
  ],
);

/** Daily dividend weight per platform day (SPEC §6 E, §7). */
export const dailyDividendWeights = pgTable(
  'daily_dividend_weights',
  {
    day: date('day', { mode: 'string' }).notNull(),
    memberId: id64('member_id').notNull(),
    weight: id64('weight').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.memberId] })],
);

export const blindBoxTickets = pgTable('blind_box_tickets', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketKey: text('ticket_key').notNull().unique(),
  memberId: id64('member_id')
    .notNull()
    .references(() => members.id),
  activityId: integer('activity_id').notNull(),
  groupId: id64('group_id').notNull(),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  createdAt: createdAt(),
});

// ---- withdrawals (提现, SPEC §8)

/**
 * A member's withdrawal: the cash is held in `withdrawals_pending` from the
 * request; finance approves (payout at the provider) or rejects. The fee is
 * fixed at request time, as the member saw it. `withdrawal_no` is also the
 * provider's payout number (out_payout_no).
 */
export const withdrawals = pgTable(
  'withdrawals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    withdrawalNo: text('withdrawal_no').notNull().unique(),
    memberId: id64('member_id')
      .notNull()
      .references(() => members.id),
    provider: text('provider').notNull(),
    /** Where the provider pays to (an openid, a bank card token …). */
    accountRef: text('account_ref').notNull(),
    amount: id64('amount').notNull(),
    feeBp: integer('fee_bp').notNull(),
    fee: id64('fee').notNull(),
    payoutAmount: id64('payout_amount').notNull(),
    status: text('status', {
      enum: ['requested', 'approved', 'paying', 'paid', 'rejected', 'failed'],
    }).notNull(),
    /** The rejection reason, or why the payout failed. */
    reason: text('reason'),
    providerTxnId: text('provider_txn_id'),
    reviewedBy: integer('reviewed_by').references(() => operators.id),
    createdAt: createdAt(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('withdrawals_amount', sql`${t.amount} > 0 and ${t.payoutAmount} > 0 and ${t.fee} >= 0`),
    check('withdrawals_parts', sql`${t.fee} + ${t.payoutAmount} = ${t.amount}`),
    check('withdrawals_fee_bp', sql`${t.feeBp} between 0 and 10000`),
    check(
      'withdrawals_status',
      sql`${t.status} in ('requested', 'approved', 'paying', 'paid', 'rejected', 'failed')`,
    ),
    index('withdrawals_member_idx').on(t.memberId, t.id),
    index('withdrawals_status_idx').on(t.status, t.id),
  ],
);
