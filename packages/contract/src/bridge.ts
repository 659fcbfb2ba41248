/**
 * The chain bridge (对接区块链, SPEC §10) as the API speaks it: a member's
 * conversion between dividend points (分红积分) and digital points (数字积分),
 * in hundredths, 1 : 1, and the operator's view of the outbox.
 */
import { z } from 'zod';
import { idSchema, pageQuerySchema } from './schemas';

export const conversionDirectionSchema = z.enum(['out', 'in']);
export const conversionStatusSchema = z.enum(['pending', 'sent', 'confirmed', 'reversed']);

export const createConversionBodySchema = z
  .object({
    /** out: dividend points → digital points on chain; in: back to dividend points. */
    direction: conversionDirectionSchema,
    /** Hundredths of a point. */
    amount: z.number().int().min(1).max(10_000_000_000),
  })
  .strict();

export const conversionSchema = z.object({
  conversionNo: z.string(),
  direction: conversionDirectionSchema,
  amount: z.number(),
  status: conversionStatusSchema,
  chainRef: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const adminConversionSchema = conversionSchema.extend({
  id: z.number(),
  memberId: z.number(),
  adapter: z.string(),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const conversionNoParamsSchema = z
  .object({ conversionNo: z.string().regex(/^[A-Z0-9]{8,40}$/) })
  .strict();

export const adminConversionQuerySchema = pageQuerySchema
  .extend({ status: conversionStatusSchema.optional(), memberId: idSchema.optional() })
  .strict();

export const bridgeCallbackParamsSchema = z
  .object({ adapter: z.string().regex(/^[a-z0-9_-]{1,32}$/) })
  .strict();

export const bridgeCallbackReplySchema = z.object({
  outcome: z.enum(['confirmed', 'reversed', 'duplicate']),
  conversionNo: z.string(),
});
