/**
 * Withdrawals (提现, SPEC §8) as the API speaks them: the member's request and
 * fee preview, the finance review, and the operator's rules (minimum and fee,
 * the same shape as the engine's WithdrawalRules; the engine's
 * `withdrawalRulesProblems` answers the semantic checks field by field).
 */
import { z } from 'zod';
import { fenSchema, pageQuerySchema, positiveFenSchema } from './schemas';

const feeBpSchema = z.number().int().min(0).max(9_999);

export const withdrawalFeeRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rate'), bp: feeBpSchema }).strict(),
  z
    .object({
      kind: z.literal('tiers'),
      tiers: z
        .array(z.object({ fromFen: fenSchema, bp: feeBpSchema }).strict())
        .min(1)
        .max(20),
    })
    .strict(),
]);
export const withdrawalRulesSchema = z
  .object({ minimumFen: positiveFenSchema, fee: withdrawalFeeRuleSchema })
  .strict();

export const withdrawalStatusSchema = z.enum([
  'requested',
  'approved',
  'paying',
  'paid',
  'rejected',
  'failed',
]);

export const createWithdrawalBodySchema = z
  .object({
    amountFen: positiveFenSchema,
    /** Where the provider pays to: an openid, a bank card token … as the provider knows it. */
    accountRef: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:@-]{1,64}$/, '收款账户格式不正确 / invalid payee account'),
    provider: z.string().min(1).max(32).default('sandbox'),
  })
  .strict();

export const withdrawalQuoteQuerySchema = z
  .object({ amountFen: z.coerce.number().int().min(1).max(10_000_000_000) })
  .strict();
export const withdrawalQuoteSchema = z.object({
  amountFen: z.number(),
  minimumFen: z.number(),
  feeBp: z.number(),
  feeFen: z.number(),
  payoutFen: z.number(),
  /** The member's cash now: only cash is withdrawable. */
  cashFen: z.number(),
  isBelowMinimum: z.boolean(),
  isAboveCash: z.boolean(),
  rules: withdrawalRulesSchema,
});

export const withdrawalSchema = z.object({
  withdrawalNo: z.string(),
  provider: z.string(),
  accountRef: z.string(),
  amountFen: z.number(),
  feeBp: z.number(),
  feeFen: z.number(),
  payoutFen: z.number(),
  status: withdrawalStatusSchema,
  reason: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export const adminWithdrawalSchema = withdrawalSchema.extend({
  memberId: z.number(),
  reviewedBy: z.number().nullable(),
});

export const withdrawalNoParamsSchema = z
  .object({ withdrawalNo: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/) })
  .strict();
export const rejectWithdrawalBodySchema = z
  .object({ reason: z.string().trim().min(1).max(200) })
  .strict();
export const adminWithdrawalQuerySchema = pageQuerySchema
  .extend({
    memberId: z.coerce.number().int().positive().optional(),
    status: withdrawalStatusSchema.optional(),
  })
  .strict();
export const sandboxPayoutResultBodySchema = z.object({ isSuccess: z.boolean() }).strict();
