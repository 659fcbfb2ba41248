/**
 * Economics (利润演算, SPEC §12): what an activity configuration does to the
 * platform's money, per draw (calculator) and day by day over a simulated
 * member population (simulator). The same schemas serve the CLI (files) and
 * the console (HTTP). Amounts: cash in fen, every other asset in hundredths;
 * rates and probabilities in bp (10000 = 100 %).
 */
import { z } from 'zod';
import { activitySettingsSchema } from './activity';

const int = z.number().int();
const count = int.min(0).max(1_000_000_000);
const amountFen = int.min(0).max(10_000_000_000);
const bp = int.min(0).max(10_000);
const dayString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD');

// ---------------------------------------------------------------- calculator

/** An upline of the seats of a profile: their tier, promoter validity and gold before the draw. */
export const economicsUplineSchema = z
  .object({
    /** Team tier (团队等级) id as in the settings' teamTiers; null = no tier. */
    tierId: int.min(1).nullable().default(null),
    /** 推广员有效期: only a valid promoter earns referral commission. */
    isValidPromoter: z.boolean().default(true),
    /** Shopping gold the upline holds before the draw (hundredths). */
    goldBefore: amountFen.default(0),
  })
  .strict();

/**
 * A number of seats whose holders look alike. Every seat holder and every
 * upline is a different member (nobody appears on two seats or above two seats).
 */
export const economicsSeatProfileSchema = z
  .object({
    seats: int.min(1).max(1000),
    /** Shopping gold each holder holds before the draw (hundredths). */
    goldBefore: amountFen.default(0),
    direct: economicsUplineSchema.nullable().default(null),
    /** Needs a direct upline. */
    indirect: economicsUplineSchema.nullable().default(null),
    /** Whether the holder's district / city / province has a regional agent (区域代理). */
    agents: z
      .object({ district: z.boolean(), city: z.boolean(), province: z.boolean() })
      .strict()
      .default({ district: false, city: false, province: false }),
  })
  .strict();

/**
 * How the calculator values the obligations a draw creates, in bp of their face
 * value (1 hundredth = 1 fen). Gold is owed back in cash 1:1; dividend points are a
 * claim on the monthly pool, which the draw has already funded; consumption points
 * and vouchers cost what the malls' goods cost the platform.
 */
export const economicsValuationSchema = z
  .object({
    shoppingGoldBp: bp.default(10_000),
    dividendPointsBp: bp.default(0),
    consumptionPointsBp: bp.default(0),
    vouchersBp: bp.default(10_000),
  })
  .strict();

export const economicsDrawAssumptionsSchema = z
  .object({
    /** The seats held by real members; the rest of the group are house seats (平台补位). */
    profiles: z.array(economicsSeatProfileSchema).min(1).max(50),
    /** The option the winners choose; null = the activity's first option. */
    optionId: int.min(1).nullable().default(null),
    /** Overrides the chosen option's cost price (fen), delivery cost kept; null = as configured. */
    productCostFen: amountFen.nullable().default(null),
    valuation: economicsValuationSchema.default({
      shoppingGoldBp: 10_000,
      dividendPointsBp: 0,
      consumptionPointsBp: 0,
      vouchersBp: 10_000,
    }),
    /** Which seats win is drawn by the real draw from a server seed derived from this text. */
    seed: z.string().min(1).max(128).default('economics'),
  })
  .strict();

/** `POST /api/v1/admin/economics/draw`: settings inline, or a published activity's id. */
export const economicsDrawBodySchema = z
  .object({
    activityId: int.min(1).optional(),
    settings: activitySettingsSchema.optional(),
    assumptions: economicsDrawAssumptionsSchema,
  })
  .strict();

const outflowsSchema = z.object({
  productCost: int,
  loserBonus: int,
  releasesPaid: int,
  monthlyPool: int,
  dailyPool: int,
  referral: int,
  team: int,
  regional: int,
});

export const economicsDrawResultSchema = z.object({
  priceFen: int,
  groupSize: int,
  winners: int,
  realSeats: int,
  houseSeats: int,
  outcome: z.enum(['drawn', 'failed_conflict']),
  winningSeats: z.array(int),
  /** Winners' payments (cash in). */
  cashIn: int,
  outflows: outflowsSchema,
  cashOut: int,
  /** cashIn − cashOut, exactly. */
  cashProfit: int,
  /** Created by the draw (hundredths). */
  obligations: z.object({
    newShoppingGold: int,
    /** Gold extinguished by the draw's releases (paid in cash: releasesPaid). */
    shoppingGoldReleased: int,
    dividendPoints: int,
    consumptionPoints: int,
    vouchers: z.record(z.string(), int),
    /** Money set aside for members in the pools (already a cash outflow above). */
    poolMoney: int,
  }),
  /** Value of the obligations at the valuation (fen): gold net of what the releases extinguished. */
  obligationsValue: z.object({
    shoppingGold: int,
    dividendPoints: int,
    consumptionPoints: int,
    vouchers: int,
    total: int,
  }),
  /** cashProfit − obligationsValue.total. */
  profitAfterObligations: int,
  /** Per seat of the group, for comparison across group sizes. */
  cashProfitPerSeat: int,
  valuation: economicsValuationSchema,
});

// ---------------------------------------------------------------- simulator

export const economicsPopulationSchema = z
  .object({
    /** First simulated platform day. */
    startDay: dayString.default('2026-01-01'),
    /** Days simulated (the CLI's --days overrides). */
    days: int.min(1).max(3650).default(365),
    /** Same seed, same series (the CLI's --seed overrides). */
    seed: z.string().min(1).max(128).default('pingou'),
    /** Members present on day one. */
    initialMembers: count.default(0),
    /** New members per day (注册). */
    arrivalsPerDay: count.default(0),
    /** Arrivals stop once this many members have arrived in total; null = no cap. */
    maxMembers: count.nullable().default(null),
    /** Chance a present member plays on a given day. */
    activeBp: bp,
    /** Joins a playing member wants that day, uniform in [min, max]; the daily limit caps them. */
    joinsWhenActive: z.object({ min: int.min(1).max(1000), max: int.min(1).max(1000) }).strict(),
    /** Chance per day that a member leaves for good (withdrawing their cash if they can). */
    churnBp: bp.default(0),
    referral: z
      .object({
        /** Share of arrivals who come with an invite code from a present member (uniform). */
        invitedBp: bp,
        /** Team tiers held by members: each share of members holds that tier (assigned on arrival). */
        tiers: z
          .array(z.object({ tierId: int.min(1), shareBp: bp }).strict())
          .max(20)
          .default([]),
      })
      .strict()
      .default({ invitedBp: 0, tiers: [] }),
    /** Regions: each member lives in one district; a region's agent is its first member, if it has one. */
    regions: z
      .object({
        provinces: int.min(1).max(100),
        citiesPerProvince: int.min(1).max(100),
        districtsPerCity: int.min(1).max(100),
        /** Share of regions of each level that have an agent. */
        agentBp: z.object({ district: bp, city: bp, province: bp }).strict(),
      })
      .strict()
      .default({
        provinces: 1,
        citiesPerProvince: 1,
        districtsPerCity: 1,
        agentBp: { district: 0, city: 0, province: 0 },
      }),
    /** When cash is short for a join, the member recharges max(this, what is missing). */
    rechargeFen: amountFen.min(1),
    /** Chance per day that a member whose cash reaches the minimum withdraws all of it. */
    withdrawBp: bp.default(0),
    withdrawal: z
      .object({ minimumFen: amountFen, feeBp: int.min(0).max(9_999) })
      .strict()
      .default({ minimumFen: 10_000, feeBp: 650 }),
    /** 静态释放 (platform setting). */
    staticRelease: z
      .object({
        isEnabled: z.boolean(),
        baseBp: bp,
        accelerationBpPerJoin: bp,
        maxBp: bp,
      })
      .strict()
      .default({ isEnabled: false, baseBp: 100, accelerationBpPerJoin: 0, maxBp: 100 }),
    /** Share of their whole-hundred dividend points members move into the pool on a day the window allows. */
    poolTransferBp: bp.default(0),
    poolWindows: z
      .object({ inOutUntilDay: int.min(1).max(27), inOnlyUntilDay: int.min(1).max(27) })
      .strict()
      .default({ inOutUntilDay: 5, inOnlyUntilDay: 24 }),
    /** Month-end dividend: the monthly pool's balance split by pool points. */
    monthlyDividend: z.boolean().default(true),
    /** Platform time zone (only names the days; the simulation is day by day). */
    timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
  })
  .strict();

/** `POST /api/v1/admin/economics/simulate`: bounded (ECONOMICS_TOO_LARGE says the bound). */
export const economicsSimulateBodySchema = z
  .object({
    activityId: int.min(1).optional(),
    settings: activitySettingsSchema.optional(),
    population: economicsPopulationSchema,
  })
  .strict();

export const netPositionsSchema = z.object({
  /** Members who ever paid in. */
  members: int,
  /** Percentiles of (taken out + cash still held − paid in), fen. */
  p10: int,
  p25: int,
  p50: int,
  p75: int,
  p90: int,
  /** Share of those members ahead (> 0) and behind (< 0), bp. */
  aheadBp: int,
  behindBp: int,
});

export const economicsDayResultSchema = z.object({
  day: dayString,
  /** Members present (arrived and not churned). */
  members: int,
  joins: int,
  groupsDrawn: int,
  /** 成团流失: groups failed on conflict today. */
  groupsFailed: int,
  rechargesFen: int,
  withdrawalsFen: int,
  feesFen: int,
  staticReleaseFen: int,
  dailyDividendFen: int,
  monthlyDividendFen: int,
  /** Draws' cash profit today (statements) + fees − static release. */
  cashProfitTodayFen: int,
  /** Cumulative: recharges − payouts − product costs (the money the platform holds). */
  platformCashFen: int,
  /** Cumulative cash profit (platform cash − member cash − escrow − pools). */
  cashProfitFen: int,
  /** What the platform owes at the end of the day. */
  memberCashFen: int,
  escrowFen: int,
  obligations: z.object({
    shoppingGold: int,
    dividendPoints: int,
    poolPoints: int,
    consumptionPoints: int,
    vouchers: int,
    monthlyPoolFen: int,
    dailyPoolFen: int,
  }),
  net: netPositionsSchema,
});

export const economicsSimulationResultSchema = z.object({
  seed: z.string(),
  startDay: dayString,
  days: int,
  totals: z.object({
    members: int,
    joins: int,
    seats: int,
    groupsDrawn: int,
    groupsFailed: int,
    /** Joins refused by the daily limit (wanted beyond it). */
    limitedJoins: int,
    maxJoinsOneMemberOneDay: int,
    rechargesFen: int,
    withdrawalsFen: int,
    productCostFen: int,
    /** The drawn groups' statements' cash profit, summed (SPEC §12). */
    drawsCashProfitFen: int,
    /** Seats still waiting in an open group at the end. */
    openSeats: int,
  }),
  series: z.array(economicsDayResultSchema),
});

export type EconomicsDrawAssumptions = z.infer<typeof economicsDrawAssumptionsSchema>;
export type EconomicsDrawAssumptionsInput = z.input<typeof economicsDrawAssumptionsSchema>;
export type EconomicsDrawBody = z.infer<typeof economicsDrawBodySchema>;
export type EconomicsDrawResult = z.infer<typeof economicsDrawResultSchema>;
export type EconomicsPopulation = z.infer<typeof economicsPopulationSchema>;
export type EconomicsPopulationInput = z.input<typeof economicsPopulationSchema>;
export type EconomicsSimulateBody = z.infer<typeof economicsSimulateBodySchema>;
export type EconomicsDayResult = z.infer<typeof economicsDayResultSchema>;
export type EconomicsSimulationResult = z.infer<typeof economicsSimulationResultSchema>;
