/**
 * The activity settings as the API accepts them (SPEC §3, §5, §6): the same
 * shape as the engine's ActivitySettings. Semantic checks (M < N, caps …) are
 * the engine's `validateActivitySettings`, answered field by field.
 */
import { z } from 'zod';

const int = z.number().int();
export const rateOrFixedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rate'), bp: int.min(0).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('fixed'), amount: int.min(0).max(10_000_000_000) }).strict(),
]);
const amount = rateOrFixedSchema.nullable();
const goldRelease = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed'), amount: int.min(0).max(10_000_000_000) }).strict(),
    z.object({ kind: z.literal('rate_of_gold'), bp: int.min(0).max(10_000) }).strict(),
  ])
  .nullable();
const cooldown = z
  .object({ wins: int.min(1).max(100_000), cooldown: int.min(1).max(1_000_000) })
  .strict()
  .nullable();

export const activityOptionSchema = z
  .object({
    id: int.min(1).max(1_000_000),
    kind: z.enum(['product', 'virtual', 'voucher']),
    name: z.string().trim().min(1).max(64),
    costFen: int.min(0).max(10_000_000_000),
    deliveryCostFen: int.min(0).max(10_000_000_000),
    voucherKindId: int.min(1).optional(),
    /** A picture of the product: an https address or a path on this server (e.g. /products/cup.svg). */
    imageUrl: z
      .string()
      .max(512)
      .regex(/^(https:\/\/|\/)[^\s"'<>\\]*$/, 'an https:// address or a path starting with /')
      .optional(),
  })
  .strict();

export const activitySettingsSchema = z
  .object({
    priceFen: int.min(1).max(100_000_000),
    groupSize: int.min(2).max(1000),
    winners: int.min(1).max(999),
    options: z.array(activityOptionSchema).max(50),
    dailyJoinLimit: int.min(1).max(10_000).nullable(),
    groupTimeout: z
      .object({ hours: int.min(1).max(720), action: z.enum(['refund', 'house_fill']) })
      .strict()
      .nullable(),
    rules: z
      .object({
        r1FirstOfDaySeatOne: z.boolean(),
        r2NewcomerSeatOne: z.boolean(),
        r3Streak: cooldown,
        r4Cumulative: cooldown,
        r5Window: z
          .object({ block: int.min(1).max(100_000), maxWins: int.min(1).max(100_000) })
          .strict()
          .nullable(),
      })
      .strict(),
    conflictPolicy: z.enum(['fail', 'random']),
    winnerRewards: z
      .object({
        dividendPoints: amount,
        shoppingGold: amount,
        goldRelease: amount,
        consumptionPoints: amount,
        hasBlindBox: z.boolean(),
      })
      .strict(),
    loserRewards: z
      .object({ cashBonus: amount, goldRelease: amount, consumptionPoints: amount })
      .strict(),
    seatRewards: z
      .object({
        referral: z.object({ direct: amount, indirect: amount }).strict(),
        teamTiers: z
          .array(
            z.object({ tierId: int.min(1), rank: int.min(1), reward: rateOrFixedSchema }).strict(),
          )
          .max(20),
        regional: z.object({ district: amount, city: amount, province: amount }).strict(),
        seatGoldRelease: goldRelease,
        uplineRelease: z.object({ direct: goldRelease, indirect: goldRelease }).strict(),
      })
      .strict(),
    pools: z
      .object({ monthlyPoolBp: int.min(0).max(10_000), dailyPoolBp: int.min(0).max(10_000) })
      .strict(),
  })
  .strict();

export const activityBodySchema = z
  .object({
    name: z.string().trim().min(1).max(64),
    description: z.string().max(2000).default(''),
    isLargeZone: z.boolean().default(false),
    startsAt: z.iso.datetime({ offset: true }).nullable().default(null),
    endsAt: z.iso.datetime({ offset: true }).nullable().default(null),
    settings: activitySettingsSchema,
  })
  .strict();

export const joinBodySchema = z
  .object({
    optionId: int.min(1),
    clientSeed: z
      .string()
      .max(64)
      .regex(
        /^[A-Za-z0-9._~-]*$/,
        '客户端种子只能包含字母、数字和 ._~- / letters, digits and ._~- only',
      )
      .default(''),
  })
  .strict();

export const houseFillBodySchema = z.object({ reason: z.string().trim().min(1).max(200) }).strict();
export const manualOpenBodySchema = z
  .object({ houseSeats: int.min(1).max(999), reason: z.string().trim().min(1).max(200) })
  .strict();
export const orderAddressBodySchema = z
  .object({
    name: z.string().trim().min(1).max(32),
    phone: z.string().regex(/^1[3-9]\d{9}$/),
    province: z.string().trim().min(1).max(32),
    city: z.string().trim().min(1).max(32),
    district: z.string().trim().min(1).max(32),
    detail: z.string().trim().min(1).max(200),
  })
  .strict();
export const shipOrderBodySchema = z
  .object({ trackingNo: z.string().trim().min(1).max(64) })
  .strict();
