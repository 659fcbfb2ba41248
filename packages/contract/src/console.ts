/**
 * The operator console's own read models (SPEC §11): the dashboard, the ledger
 * explorer and groups filtered by date. Days are platform-time-zone calendar
 * days (YYYY-MM-DD); cash in fen, every other asset in hundredths.
 */
import { z } from 'zod';
import { assetParamSchema, pageQuerySchema } from './schemas';

const day = z.iso.date();

export const dashboardQuerySchema = z
  .object({ days: z.coerce.number().int().min(7).max(90).default(30) })
  .strict();

export const dashboardFiguresSchema = z.object({
  joins: z.number(),
  groupsDrawn: z.number(),
  /** Recharges net of refunds (fen). */
  cashInFen: z.number(),
  /** Withdrawals paid out (fen). */
  cashOutFen: z.number(),
  /** Draws' cash profit (their statements) + withdrawal fees − static release (fen). */
  cashProfitFen: z.number(),
});

export const dashboardReplySchema = z.object({
  timeZone: z.string(),
  today: day,
  month: z.string(),
  todayFigures: dashboardFiguresSchema,
  monthFigures: dashboardFiguresSchema,
  series: z.array(dashboardFiguresSchema.extend({ day })),
  /** What the platform owes now. */
  outstanding: z.object({
    memberCashFen: z.number(),
    shoppingGold: z.number(),
    dividendPoints: z.number(),
    poolPoints: z.number(),
    consumptionPoints: z.number(),
    vouchers: z.number(),
    monthlyPoolFen: z.number(),
    dailyPoolFen: z.number(),
    pendingWithdrawalsFen: z.number(),
    pendingWithdrawalsCount: z.number(),
  }),
});

export const ledgerQuerySchema = pageQuerySchema
  .extend({
    memberId: z.coerce.number().int().positive().optional(),
    /** A platform account's purpose (escrow, sales, fees …). */
    purpose: z
      .string()
      .regex(/^[a-z_]{2,32}$/)
      .optional(),
    asset: assetParamSchema.optional(),
    kind: z
      .string()
      .regex(/^[a-z_]{2,32}$/)
      .optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict();

export const ledgerRowSchema = z.object({
  postingId: z.number(),
  entryId: z.number(),
  kind: z.string(),
  memo: z.string().nullable(),
  accountId: z.number(),
  memberId: z.number().nullable(),
  purpose: z.string().nullable(),
  asset: z.string(),
  amount: z.number(),
  createdAt: z.string(),
});
export const ledgerPageSchema = z.object({
  items: z.array(ledgerRowSchema),
  nextBefore: z.number().nullable(),
});

export const groupStatusSchema = z.enum(['open', 'full', 'drawn', 'failed', 'expired']);
export const consoleGroupsQuerySchema = pageQuerySchema
  .extend({
    activityId: z.coerce.number().int().positive().optional(),
    status: groupStatusSchema.optional(),
    /** Opened on or after this platform day. */
    from: day.optional(),
    /** Opened on or before this platform day. */
    to: day.optional(),
  })
  .strict();
export const consoleGroupSchema = z.object({
  id: z.number(),
  activityId: z.number(),
  activityName: z.string(),
  versionId: z.number(),
  status: groupStatusSchema,
  groupSize: z.number(),
  seatsTaken: z.number(),
  houseSeats: z.number(),
  winners: z.number(),
  priceFen: z.number(),
  cashProfitFen: z.number().nullable(),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
});
export const consoleGroupsPageSchema = z.object({
  items: z.array(consoleGroupSchema),
  nextBefore: z.number().nullable(),
});

export type DashboardReply = z.infer<typeof dashboardReplySchema>;
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;
export type LedgerRow = z.infer<typeof ledgerRowSchema>;
export type ConsoleGroup = z.infer<typeof consoleGroupSchema>;
