/**
 * What the member shop (H5) reads beyond the other areas' routes: the platform
 * settings it formats with, the team's earnings by kind, and last month's
 * dividend from the points pool.
 */
import { z } from 'zod';

const label = z.object({ zh: z.string(), en: z.string() });

export const shopConfigSchema = z
  .object({
    /** Calendar days and times are shown in this zone (SPEC §0.6). */
    timeZone: z.string(),
    /** Today in the platform zone, YYYY-MM-DD. */
    today: z.string(),
    /** Payment providers a member can recharge through; `sandbox` only in development. */
    rechargeProviders: z.array(z.string()),
    /** The name of every fixed asset kind (CASH, GOLD, DIVIDEND, POOL, CONSUMPTION, DIGITAL), the operator's names applied (SPEC §2). */
    assetNames: z.record(z.string(), label),
  })
  .strict();

export const commissionTotalSchema = z
  .object({
    kind: z.string(),
    label,
    asset: z.string(),
    /** Fen for CASH, hundredths for GOLD and points. */
    total: z.number(),
    count: z.number(),
  })
  .strict();

export const teamSummarySchema = z
  .object({
    inviteCode: z.string(),
    /** Last day (inclusive, platform calendar) the member earns referral commission; null: never joined. */
    promoterValidUntil: z.string().nullable(),
    isPromoter: z.boolean(),
    commissions: z.array(commissionTotalSchema),
  })
  .strict();

export const lastMonthDividendSchema = z
  .object({
    /** The month settled, YYYY-MM (the month before today's). */
    period: z.string(),
    /** none: not settled yet; running: being paid; completed: paid. */
    status: z.enum(['none', 'running', 'completed']),
    amountFen: z.number(),
    finishedAt: z.string().nullable(),
  })
  .strict();
