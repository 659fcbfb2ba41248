/**
 * The monthly points pool (积分池, SPEC §7) as the API speaks it: the member's
 * balances and today's window, a transfer in or out, and the operator's day
 * boundaries (the same shape as the engine's PoolWindowSettings; the engine's
 * `poolWindowProblems` answers the semantic checks field by field).
 * Amounts are hundredths of a point.
 */
import { z } from 'zod';

const dayOfMonthSchema = z.number().int().min(1).max(31);

export const poolWindowSettingsSchema = z
  .object({ inOutUntilDay: dayOfMonthSchema, inOnlyUntilDay: dayOfMonthSchema })
  .strict();

export const poolPhaseSchema = z.enum(['in_out', 'in_only', 'frozen']);

export const poolWindowSchema = z.object({
  phase: poolPhaseSchema,
  canTransferIn: z.boolean(),
  canTransferOut: z.boolean(),
  /** Dividend points can be redeemed for products (days 1–5 by default). */
  canRedeem: z.boolean(),
  today: z.string(),
  /** When the current phase ends: the next phase starts at this instant. */
  phaseEndsAt: z.string(),
  monthEnd: z.string(),
});

export const poolStatusSchema = z.object({
  /** Dividend points in the wallet (hundredths). */
  dividend: z.number(),
  /** Points in the pool (hundredths). */
  pool: z.number(),
  window: poolWindowSchema,
  settings: poolWindowSettingsSchema,
});

export const poolTransferBodySchema = z
  .object({
    direction: z.enum(['in', 'out']),
    /** Hundredths of a point; into the pool a whole hundred points (a multiple of 10,000). */
    amount: z.number().int().min(1).max(10_000_000_000),
  })
  .strict();

export const poolTransferSchema = z.object({
  direction: z.enum(['in', 'out']),
  amount: z.number(),
  dividend: z.number(),
  pool: z.number(),
  createdAt: z.string(),
});
