/**
 * The economics tools (SPEC §12): the per-draw calculator checked by hand against
 * SPEC §6 for examples.md #1, the statement's identity (cash in = outflows +
 * profit), the simulator's determinism, daily limit and ledger, and refusals.
 */
import { describe, expect, it } from 'vitest';
import {
  calculateDraw,
  DEFAULT_VALUATION,
  EconomicsInputError,
  example1,
  example3,
  example4,
  exampleActivities,
  simulateEconomics,
  type DrawAssumptions,
  type SimulationPopulation,
} from '../src';

const upline = (tierId: number | null, goldBefore = 0) => ({
  tierId,
  isValidPromoter: true,
  goldBefore,
});

/** Ten alike seats: gold ¥100, a V1 direct and a V2 indirect upline, every regional agent. */
const FULL: DrawAssumptions = {
  profiles: [
    {
      seats: 10,
      goldBefore: 10_000,
      direct: upline(1, 10_000),
      indirect: upline(2, 10_000),
      agents: { district: true, city: true, province: true },
    },
  ],
  optionId: null,
  productCostFen: null,
  valuation: DEFAULT_VALUATION,
  seed: 'economics',
};

const POPULATION: SimulationPopulation = {
  startDay: '2026-01-25',
  days: 40,
  seed: 'test-seed',
  initialMembers: 150,
  arrivalsPerDay: 3,
  maxMembers: 250,
  activeBp: 4_000,
  joinsWhenActive: { min: 1, max: 8 },
  churnBp: 50,
  referral: { invitedBp: 7_000, tiers: [{ tierId: 1, shareBp: 1_000 }] },
  regions: {
    provinces: 2,
    citiesPerProvince: 2,
    districtsPerCity: 2,
    agentBp: { district: 5_000, city: 5_000, province: 10_000 },
  },
  rechargeFen: 30_000,
  withdrawBp: 1_000,
  withdrawal: { minimumFen: 10_000, feeBp: 650 },
  staticRelease: { isEnabled: true, baseBp: 100, accelerationBpPerJoin: 10, maxBp: 150 },
  poolTransferBp: 5_000,
  poolWindows: { inOutUntilDay: 5, inOnlyUntilDay: 24 },
  monthlyDividend: true,
  timeZone: 'Asia/Shanghai',
};

describe('calculateDraw', () => {
  it('gives examples.md #1 the figures of SPEC §6, worked by hand', () => {
    const r = calculateDraw(example1(), FULL);
    // P = ¥100, 10 seats, 3 winners: the winners' payments are the cash in.
    expect(r.cashIn).toBe(3 * 10_000);
    expect(r.outflows).toEqual({
      productCost: 3 * 3_000, // cost ¥30 per winner
      loserBonus: 7 * 300, // 3 % of P to each of 7 losers
      releasesPaid: 10 * 500, // 5 % of P to every seat (winner D, loser B), capped by ¥100 gold
      monthlyPool: 900, // 3 % of ¥300
      dailyPool: 600, // 2 % of ¥300
      referral: 10 * (200 + 100), // 2 % + 1 % per seat, valid promoters
      team: 10 * (100 + 100), // V1 1 %; V2 2 % − 1 % already paid below
      regional: 10 * (100 + 100 + 100), // district 1 %, city 2 − 1, province 3 − 2
    });
    expect(r.cashOut).toBe(9_000 + 2_100 + 5_000 + 900 + 600 + 3_000 + 2_000 + 3_000);
    expect(r.cashProfit).toBe(30_000 - 25_600);
    expect(r.obligations).toEqual({
      newShoppingGold: 3 * 10_000, // 100 % of P to each winner
      shoppingGoldReleased: 10 * 500,
      dividendPoints: 3 * 10_000,
      consumptionPoints: 10 * 10_000, // winners and losers 100 %
      vouchers: {},
      poolMoney: 1_500,
    });
    // gold counted 1:1 net of what the releases paid; points at 0 by default
    expect(r.obligationsValue.total).toBe(30_000 - 5_000);
    expect(r.profitAfterObligations).toBe(4_400 - 25_000);
    expect(r.realSeats).toBe(10);
    expect(r.winningSeats).toHaveLength(3);
  });

  it('adds up: cash in = every outflow + cash profit, for each example and several seat mixes', () => {
    for (const { settings } of exampleActivities())
      for (const profiles of [
        FULL.profiles,
        [{ ...FULL.profiles[0]!, seats: settings.winners, goldBefore: 7 }],
        [
          { ...FULL.profiles[0]!, seats: 4, goldBefore: 0 },
          {
            seats: 3,
            goldBefore: 123_457,
            direct: upline(3, 99),
            indirect: null,
            agents: { district: false, city: true, province: false },
          },
        ],
      ]) {
        const r = calculateDraw(settings, { ...FULL, profiles });
        const outflows = Object.values(r.outflows).reduce((a, b) => a + b, 0);
        expect(r.cashOut).toBe(outflows);
        expect(r.cashIn).toBe(outflows + r.cashProfit);
        expect(r.cashIn).toBe(settings.winners * settings.priceFen);
        expect(r.houseSeats + r.realSeats).toBe(settings.groupSize);
      }
  });

  it('uses the assumed product cost and valuation', () => {
    const r = calculateDraw(example1(), {
      ...FULL,
      productCostFen: 5_000,
      valuation: { ...DEFAULT_VALUATION, consumptionPointsBp: 1_000 },
    });
    expect(r.outflows.productCost).toBe(3 * 5_000);
    expect(r.obligationsValue.consumptionPoints).toBe(10_000); // 10 % of ¥1,000
  });

  it('refuses impossible assumptions and invalid settings, with every problem', () => {
    const refusal = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(EconomicsInputError);
        return e as EconomicsInputError;
      }
      throw new Error('not refused');
    };
    const tooMany = refusal(() =>
      calculateDraw(example1(), { ...FULL, profiles: [{ ...FULL.profiles[0]!, seats: 11 }] }),
    );
    expect(tooMany.code).toBe('ASSUMPTIONS_INVALID');
    const bad = refusal(() =>
      calculateDraw(example1(), {
        ...FULL,
        optionId: 9,
        profiles: [{ ...FULL.profiles[0]!, seats: 2, goldBefore: -1, direct: null }],
      }),
    );
    expect(bad.problems.map((p) => p.path).sort()).toEqual([
      'optionId',
      'profiles',
      'profiles.0.goldBefore',
      'profiles.0.indirect',
    ]);
    const invalid = refusal(() => calculateDraw({ ...example1(), winners: 10 }, FULL));
    expect(invalid.code).toBe('ACTIVITY_INVALID');
    expect(invalid.problems[0]!.path).toBe('settings.winners');
  });
});

describe('simulateEconomics', () => {
  it('gives the same series for the same seed, and another for another seed', () => {
    const a = simulateEconomics(example1(), POPULATION);
    const b = simulateEconomics(example1(), POPULATION);
    expect(b).toEqual(a);
    const c = simulateEconomics(example1(), { ...POPULATION, seed: 'other' });
    expect(c.series).not.toEqual(a.series);
    expect(a.totals.groupsDrawn).toBeGreaterThan(20);
  });

  it('keeps the daily join limit, and counts the joins it refused', () => {
    const limited = { ...example1(), dailyJoinLimit: 2 };
    const r = simulateEconomics(limited, POPULATION);
    expect(r.totals.maxJoinsOneMemberOneDay).toBe(2);
    expect(r.totals.limitedJoins).toBeGreaterThan(0);
    const free = simulateEconomics(example1(), POPULATION);
    expect(free.totals.maxJoinsOneMemberOneDay).toBeGreaterThan(2);
  });

  it('keeps the books: platform cash = member cash + escrow + pools + cash profit, every day', () => {
    for (const { settings } of exampleActivities()) {
      const r = simulateEconomics(settings, POPULATION);
      let profit = 0;
      let fees = 0;
      let staticRelease = 0;
      for (const d of r.series) {
        fees += d.feesFen;
        staticRelease += d.staticReleaseFen;
        profit += d.cashProfitTodayFen;
        expect(d.cashProfitFen).toBe(profit);
        expect(d.platformCashFen).toBe(
          d.memberCashFen +
            d.escrowFen +
            d.obligations.monthlyPoolFen +
            d.obligations.dailyPoolFen +
            d.cashProfitFen,
        );
        for (const v of Object.values(d.obligations)) expect(v).toBeGreaterThanOrEqual(0);
        expect(d.net.aheadBp + d.net.behindBp).toBeLessThanOrEqual(10_000);
        expect(d.net.p10).toBeLessThanOrEqual(d.net.p90);
      }
      // the residual above comes from the members' balances; it must equal what the draws'
      // statements, the withdrawal fees and the static releases say the profit is
      expect(r.series.at(-1)!.cashProfitFen).toBe(
        r.totals.drawsCashProfitFen + fees - staticRelease,
      );
      expect(r.totals.drawsCashProfitFen).toBeGreaterThan(0);
      const seatsInGroups = (r.totals.groupsDrawn + r.totals.groupsFailed) * settings.groupSize;
      expect(r.totals.seats).toBe(seatsInGroups);
      expect(r.totals.joins).toBe(seatsInGroups + r.totals.openSeats);
    }
  });

  it('runs the calendar settlements: static release, monthly dividend over a month end, pools emptied', () => {
    const r = simulateEconomics(example1(), POPULATION);
    // from Jan 25 the pool is frozen: nobody holds pool points at January's end, the money waits
    const january = r.series.find((d) => d.day === '2026-01-31')!;
    expect(january.monthlyDividendFen).toBe(0);
    expect(january.obligations.poolPoints).toBe(0);
    expect(january.obligations.monthlyPoolFen).toBeGreaterThan(0);
    const february = r.series.find((d) => d.day === '2026-02-28')!;
    expect(february.obligations.poolPoints).toBeGreaterThan(0);
    expect(february.monthlyDividendFen).toBeGreaterThan(january.obligations.monthlyPoolFen);
    expect(february.obligations.monthlyPoolFen).toBe(0);
    expect(r.series.some((d) => d.obligations.poolPoints > 0)).toBe(true);
    expect(r.series.every((d) => d.obligations.dailyPoolFen === 0)).toBe(true);
    expect(r.series.some((d) => d.staticReleaseFen > 0)).toBe(true);
    const off = simulateEconomics(example1(), {
      ...POPULATION,
      staticRelease: { ...POPULATION.staticRelease, isEnabled: false },
    });
    expect(off.series.every((d) => d.staticReleaseFen === 0)).toBe(true);
  });

  it('counts groups that fail on conflict (R4 with policy fail)', () => {
    // everyone wins once and cools down for 200: with M = 1 of 10, groups soon find nobody eligible
    const strict = {
      ...example3(),
      dailyJoinLimit: null,
      rules: { ...example3().rules, r4Cumulative: { wins: 1, cooldown: 200 } },
    };
    const r = simulateEconomics(strict, { ...POPULATION, days: 20 });
    expect(r.totals.groupsFailed).toBeGreaterThan(0);
    expect(r.series.reduce((t, d) => t + d.groupsFailed, 0)).toBe(r.totals.groupsFailed);
    expect(simulateEconomics(example4(), POPULATION).totals.groupsFailed).toBe(0);
  });

  it('refuses a population that cannot fill a group, bad behaviour, invalid settings and too large a run', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(EconomicsInputError);
        return (e as EconomicsInputError).code;
      }
      return 'not refused';
    };
    expect(
      codeOf(() =>
        simulateEconomics(example1(), { ...POPULATION, initialMembers: 5, arrivalsPerDay: 0 }),
      ),
    ).toBe('POPULATION_INVALID');
    expect(codeOf(() => simulateEconomics(example1(), { ...POPULATION, activeBp: 0 }))).toBe(
      'POPULATION_INVALID',
    );
    expect(
      codeOf(() =>
        simulateEconomics(example1(), { ...POPULATION, joinsWhenActive: { min: 3, max: 2 } }),
      ),
    ).toBe('POPULATION_INVALID');
    expect(codeOf(() => simulateEconomics(example1(), { ...POPULATION, churnBp: -1 }))).toBe(
      'POPULATION_INVALID',
    );
    // possible in principle, but in two days ten members at 1 % never fill a group
    expect(
      codeOf(() =>
        simulateEconomics(example1(), {
          ...POPULATION,
          days: 2,
          initialMembers: 10,
          arrivalsPerDay: 0,
          activeBp: 100,
          joinsWhenActive: { min: 1, max: 1 },
        }),
      ),
    ).toBe('POPULATION_INVALID');
    expect(codeOf(() => simulateEconomics({ ...example1(), groupSize: 1 }, POPULATION))).toBe(
      'ACTIVITY_INVALID',
    );
    expect(codeOf(() => simulateEconomics(example1(), POPULATION, { maxJoins: 1_000 }))).toBe(
      'TOO_LARGE',
    );
    expect(codeOf(() => simulateEconomics(example1(), POPULATION, { maxDays: 39 }))).toBe(
      'TOO_LARGE',
    );
  });
});
