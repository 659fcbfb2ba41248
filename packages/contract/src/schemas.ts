/**
 * The API contract: zod schemas shared by the server (validation at the edge,
 * OpenAPI) and the web apps (forms validate with the same rules). Objects are
 * strict: unknown fields are refused.
 */
import { z } from 'zod';

export const phoneSchema = z
  .string()
  .regex(/^1[3-9]\d{9}$/, '手机号格式不正确 / invalid mobile number');
export const passwordSchema = z.string().min(8).max(64);
export const inviteCodeSchema = z
  .string()
  .regex(/^[A-Z0-9]{6,12}$/, '邀请码格式不正确 / invalid invite code');
const regionPart = z.string().trim().min(1).max(32);
export const regionSchema = z
  .object({ province: regionPart, city: regionPart.nullable(), district: regionPart.nullable() })
  .strict();

/** Integer fen, positive, below a sane ceiling (one hundred million yuan). */
export const fenSchema = z.number().int().min(0).max(10_000_000_000);
export const positiveFenSchema = fenSchema.min(1);
export const bpSchema = z.number().int().min(0).max(10_000);
export const idSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const pageQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

export const idParamsSchema = z.object({ id: idSchema }).strict();

/** Requests that move money carry an Idempotency-Key header: 8–128 of A–Z a–z 0–9 _ . : - (as idempotencyKeyFrom). */
export const idempotencyHeadersSchema = z
  .object({ 'idempotency-key': z.string().regex(/^[A-Za-z0-9_.:-]{8,128}$/) })
  .loose();

/** A keyset page of `item`: the cursor of the next page is `nextBefore` (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextBefore: z.number().nullable() });

// ---- auth
export const registerBodySchema = z
  .object({
    phone: phoneSchema,
    password: passwordSchema,
    inviteCode: inviteCodeSchema.optional(),
    nickname: z.string().trim().min(1).max(32).optional(),
  })
  .strict();
export const memberLoginBodySchema = z
  .object({ phone: phoneSchema, password: z.string().min(1).max(64) })
  .strict();
export const operatorLoginBodySchema = z
  .object({ username: z.string().min(1).max(32), password: z.string().min(1).max(64) })
  .strict();
export const tokenReplySchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  subject: z.object({
    kind: z.enum(['member', 'operator']),
    id: z.number(),
    role: z.string().optional(),
  }),
});

// ---- members
export const memberProfileSchema = z.object({
  id: z.number(),
  phone: z.string(),
  nickname: z.string(),
  inviteCode: z.string(),
  uplineId: z.number().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  tier: z.object({ id: z.number(), code: z.string(), name: z.string() }).nullable(),
  agent: z.object({ level: z.string(), regionKey: z.string() }).nullable(),
  isFrozen: z.boolean(),
  isLargePrepaid: z.boolean(),
  promoterValidUntil: z.string().nullable(),
  createdAt: z.string(),
});
export const updateProfileBodySchema = z
  .object({
    nickname: z.string().trim().min(1).max(32).optional(),
    region: regionSchema.optional(),
  })
  .strict();

export const teamMemberSchema = z.object({
  id: z.number(),
  nickname: z.string(),
  phoneMasked: z.string(),
  joinedAt: z.string(),
  directCount: z.number(),
});
export const teamReplySchema = z.object({
  direct: z.array(teamMemberSchema.extend({ children: z.array(teamMemberSchema) })),
  directCount: z.number(),
  indirectCount: z.number(),
});

// ---- wallet
export const assetParamSchema = z
  .string()
  .regex(/^(CASH|GOLD|DIVIDEND|POOL|CONSUMPTION|DIGITAL|VOUCHER:[1-9]\d{0,15})$/);
export const balanceSchema = z.object({
  asset: z.string(),
  balance: z.number(),
  unit: z.enum(['fen', 'hundredths']),
  label: z.object({ zh: z.string(), en: z.string() }),
});
export const walletReplySchema = z.object({ balances: z.array(balanceSchema) });
export const historyQuerySchema = pageQuerySchema
  .extend({ asset: assetParamSchema.optional() })
  .strict();
export const historyItemSchema = z.object({
  id: z.number(),
  entryId: z.number(),
  kind: z.string(),
  reason: z.object({ zh: z.string(), en: z.string() }),
  memo: z.string().nullable(),
  asset: z.string(),
  /** The asset's name as members see it (operator names applied). */
  label: z.object({ zh: z.string(), en: z.string() }),
  amount: z.number(),
  createdAt: z.string(),
});
export const historyReplySchema = z.object({
  items: z.array(historyItemSchema),
  nextBefore: z.number().nullable(),
});

// ---- recharge
export const createRechargeBodySchema = z
  .object({ amountFen: positiveFenSchema, provider: z.string().min(1).max(32).default('sandbox') })
  .strict();
export const rechargeOrderSchema = z.object({
  outTradeNo: z.string(),
  provider: z.string(),
  amountFen: z.number(),
  status: z.enum(['pending', 'paid', 'closed']),
  refundedFen: z.number(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  payParams: z.record(z.string(), z.string()).optional(),
});

// ---- operator side
export const operatorRoleSchema = z.enum(['super_admin', 'operator', 'finance', 'auditor']);
export const tierBodySchema = z
  .object({
    code: z.string().trim().min(1).max(16),
    name: z.string().trim().min(1).max(32),
    rank: z.number().int().min(1).max(1000),
    rateBp: bpSchema,
  })
  .strict();
export const tierSchema = tierBodySchema.extend({ id: z.number() });
export const assignTierBodySchema = z
  .object({ tierId: z.number().int().positive().nullable() })
  .strict();
export const agentBodySchema = z
  .object({ level: z.enum(['province', 'city', 'district']).nullable() })
  .strict();
export const freezeBodySchema = z
  .object({ isFrozen: z.boolean(), reason: z.string().trim().min(1).max(200) })
  .strict();
export const uplineBodySchema = z
  .object({
    uplineId: z.number().int().positive().nullable(),
    reason: z.string().trim().min(1).max(200),
  })
  .strict();
export const largePrepaidBodySchema = z.object({ isLargePrepaid: z.boolean() }).strict();
export const memberSearchQuerySchema = pageQuerySchema
  .extend({ q: z.string().trim().max(32).optional() })
  .strict();
export const createOperatorBodySchema = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9_.-]{3,32}$/),
    password: passwordSchema,
    role: operatorRoleSchema,
  })
  .strict();
export const auditQuerySchema = pageQuerySchema
  .extend({
    action: z.string().max(64).optional(),
    targetKind: z.string().max(32).optional(),
    targetId: z.string().max(32).optional(),
    operatorId: z.coerce.number().int().positive().optional(),
  })
  .strict();
export const refundBodySchema = z
  .object({ amountFen: positiveFenSchema, reason: z.string().trim().min(1).max(200) })
  .strict();
export const tradeNoParamsSchema = z
  .object({ outTradeNo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/) })
  .strict();
