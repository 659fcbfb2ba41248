import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountKey, memberAccount, platformAccount } from '../../src/assets';
import { assertBalanced, netEffect, type JournalEntry } from '../../src/ledger';
import { FRESH_COUNTERS, type EligibilityCounters } from '../../src/groupbuy/eligibility';
import { newServerSeed, verifyDraw } from '../../src/groupbuy/fairness';
import type { ActivitySettings, GoldReleaseSetting } from '../../src/groupbuy/settings';
import {
  differential,
  settleGroup,
  type SettleGroupInput,
  type SettlementSeat,
} from '../../src/groupbuy/settlement';
import type { RateOrFixed } from '../../src/money';
import { example1, fixed, holder, newSettings, rate, realSeats, SEED, upline } from './fixtures';

const MEMBERS = 30;

const rofArb: fc.Arbitrary<RateOrFixed | null> = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 10_000 }).map(rate),
    fc.integer({ min: 0, max: 50_000 }).map(fixed),
  ),
  { nil: null },
);
const goldReleaseArb: fc.Arbitrary<GoldReleaseSetting | null> = fc.option(
  fc.oneof(
    fc.integer({ min: 0, max: 20_000 }).map((amount) => ({ kind: 'fixed' as const, amount })),
    fc.integer({ min: 0, max: 10_000 }).map((bp) => ({ kind: 'rate_of_gold' as const, bp })),
  ),
  { nil: null },
);
const cooldownArb = fc.option(
  fc.record({ wins: fc.integer({ min: 1, max: 4 }), cooldown: fc.integer({ min: 1, max: 5 }) }),
  { nil: null },
);
const countersArb: fc.Arbitrary<EligibilityCounters> = fc
  .record({
    streak: fc.integer({ min: 0, max: 3 }),
    sinceCooldownWins: fc.integer({ min: 0, max: 5 }),
    cooldownRemaining: fc.integer({ min: 0, max: 4 }),
    rule: fc.constantFrom('R3' as const, 'R4' as const),
    windowPos: fc.integer({ min: 0, max: 5 }),
    windowWins: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ rule, ...c }) => ({ ...c, cooldownRule: c.cooldownRemaining > 0 ? rule : null }));

const seatArb = fc.record({
  isHouse: fc.boolean(),
  direct: fc.option(fc.nat(), { nil: null }),
  indirect: fc.option(fc.nat(), { nil: null }),
  directTier: fc.option(fc.constantFrom(1, 2, 3), { nil: null }),
  indirectTier: fc.option(fc.constantFrom(1, 2, 3), { nil: null }),
  directValid: fc.boolean(),
  indirectValid: fc.boolean(),
  agents: fc.array(fc.option(fc.integer({ min: 1, max: MEMBERS }), { nil: null }), {
    minLength: 3,
    maxLength: 3,
  }),
  isFirstOfDay: fc.boolean(),
  isFirstEver: fc.boolean(),
  clientSeed: fc.stringMatching(/^[a-z0-9]{0,8}$/),
  optionId: fc.constantFrom(1, 2),
});

/** A random full group over a random configuration and history. */
const groupArb: fc.Arbitrary<SettleGroupInput> = fc
  .record({
    n: fc.integer({ min: 2, max: 12 }),
    mSeed: fc.nat(),
    price: fc.integer({ min: 1, max: 1_000_000 }),
    policy: fc.constantFrom('fail' as const, 'random' as const),
    rules: fc.record({
      r1FirstOfDaySeatOne: fc.boolean(),
      r2NewcomerSeatOne: fc.boolean(),
      r3Streak: cooldownArb,
      r4Cumulative: cooldownArb,
      r5Window: fc.option(
        fc.integer({ min: 2, max: 6 }).chain((block) =>
          fc.record({
            block: fc.constant(block),
            maxWins: fc.integer({ min: 1, max: block - 1 }),
          }),
        ),
        { nil: null },
      ),
    }),
    winner: fc.record({
      dividendPoints: rofArb,
      shoppingGold: rofArb,
      goldRelease: rofArb,
      consumptionPoints: rofArb,
      hasBlindBox: fc.boolean(),
    }),
    loser: fc.record({ cashBonus: rofArb, goldRelease: rofArb, consumptionPoints: rofArb }),
    referral: fc.record({ direct: rofArb, indirect: rofArb }),
    tiers: fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 3, maxLength: 3 }),
    regional: fc.record({ district: rofArb, city: rofArb, province: rofArb }),
    seatGoldRelease: goldReleaseArb,
    uplineRelease: fc.record({ direct: goldReleaseArb, indirect: goldReleaseArb }),
    monthlyPoolBp: fc.integer({ min: 0, max: 5_000 }),
    dailyPoolBp: fc.integer({ min: 0, max: 5_000 }),
    members: fc.shuffledSubarray(
      Array.from({ length: MEMBERS }, (_, i) => i + 1),
      { minLength: 12, maxLength: 12 },
    ),
    seats: fc.array(seatArb, { minLength: 12, maxLength: 12 }),
    gold: fc.array(fc.integer({ min: 0, max: 100_000 }), {
      minLength: MEMBERS + 1,
      maxLength: MEMBERS + 1,
    }),
    counters: fc.array(countersArb, { minLength: MEMBERS + 1, maxLength: MEMBERS + 1 }),
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    groupId: fc.integer({ min: 1, max: 1e9 }),
  })
  .map((g) => {
    const raw = g.seats.slice(0, g.n);
    if (raw.every((s) => s.isHouse)) raw[0] = { ...raw[0]!, isHouse: false };
    const realCount = raw.filter((s) => !s.isHouse).length;
    const winners = 1 + (g.mSeed % Math.min(g.n - 1, realCount));
    const settings: ActivitySettings = newSettings({
      priceFen: g.price,
      groupSize: g.n,
      winners,
      options: [
        { id: 1, kind: 'product', name: 'A', costFen: 3_000, deliveryCostFen: 500 },
        { id: 2, kind: 'voucher', name: 'B', costFen: 0, deliveryCostFen: 0, voucherKindId: 7 },
      ],
      rules: g.rules,
      conflictPolicy: g.policy,
      winnerRewards: g.winner,
      loserRewards: g.loser,
      seatRewards: {
        referral: g.referral,
        teamTiers: g.tiers.map((bp, i) => ({ tierId: i + 1, rank: i + 1, reward: rate(bp) })),
        regional: g.regional,
        seatGoldRelease: g.seatGoldRelease,
        uplineRelease: g.uplineRelease,
      },
      pools: { monthlyPoolBp: g.monthlyPoolBp, dailyPoolBp: g.dailyPoolBp },
    });
    const goldOf = (id: number) => g.gold[id]!;
    const seats: SettlementSeat[] = raw.map((s, i) => {
      const seatNo = i + 1;
      if (s.isHouse) return { seatNo, holder: null };
      const me = g.members[i]!;
      const others = Array.from({ length: MEMBERS }, (_, k) => k + 1).filter((id) => id !== me);
      const direct = s.direct === null ? null : others[s.direct % others.length]!;
      const rest = others.filter((id) => id !== direct);
      const indirect =
        direct === null || s.indirect === null ? null : rest[s.indirect % rest.length]!;
      const [district, city, province] = s.agents as [number | null, number | null, number | null];
      return {
        seatNo,
        holder: holder(me, {
          clientSeed: s.clientSeed,
          optionId: s.optionId,
          isFirstOfDay: s.isFirstOfDay || s.isFirstEver,
          isFirstEver: s.isFirstEver,
          goldBefore: goldOf(me),
          uplines: {
            direct:
              direct === null
                ? null
                : upline(direct, {
                    tierId: s.directTier,
                    isValidPromoter: s.directValid,
                    goldBalance: goldOf(direct),
                  }),
            indirect:
              indirect === null
                ? null
                : upline(indirect, {
                    tierId: s.indirectTier,
                    isValidPromoter: s.indirectValid,
                    goldBalance: goldOf(indirect),
                  }),
          },
          regionalAgents: { district, city, province },
        }),
      };
    });
    const counters = Object.fromEntries(g.counters.map((c, id) => [id, c]));
    return { settings, groupId: g.groupId, serverSeedHex: newServerSeed(g.seed), seats, counters };
  });

const RUNS = { numRuns: 300 };
const cashOf = (entries: JournalEntry[], ref: ReturnType<typeof platformAccount>) =>
  netEffect(entries).get(accountKey(ref))?.delta ?? 0;

describe('settleGroup (properties over random configurations and histories)', () => {
  it('draws M winners, or fails only on conflict under policy fail', () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        const eligible = r.eligibility.filter((e) => e.eligible).length;
        const M = input.settings.winners;
        if (r.outcome.kind === 'failed_conflict') {
          expect(input.settings.conflictPolicy).toBe('fail');
          expect(eligible).toBeLessThan(M);
          return;
        }
        expect(new Set(r.outcome.winners).size).toBe(M);
        const ineligibleWinners = r.outcome.winners.filter((w) => !r.eligibility[w - 1]!.eligible);
        expect(r.outcome.forcedWinners).toEqual(ineligibleWinners);
        if (input.settings.conflictPolicy === 'fail') expect(ineligibleWinners).toEqual([]);
        if (eligible < M)
          for (const e of r.eligibility)
            if (e.eligible) expect(r.outcome.winners).toContain(e.seatNo);
      }),
      RUNS,
    );
  });

  it('house seats never win, receive nothing and generate nothing', () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        const house = new Set(input.seats.filter((s) => !s.holder).map((s) => s.seatNo));
        for (const s of house) expect(r.eligibility[s - 1]!.excludedBy).toBe('HOUSE');
        if (r.outcome.kind === 'drawn')
          for (const w of r.outcome.winners) expect(house.has(w)).toBe(false);
        for (const e of r.entries) expect(house.has(Number(e.ref?.seatNo))).toBe(false);
        for (const o of r.orders) expect(house.has(o.seatNo)).toBe(false);
        for (const t of r.blindBoxTickets) expect(house.has(t.seatNo)).toBe(false);
      }),
      RUNS,
    );
  });

  it('every entry balances per asset, keys are unique and derived from the group', () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        for (const e of r.entries) {
          expect(() => assertBalanced(e)).not.toThrow();
          expect(e.idempotencyKey.startsWith(`g:${input.groupId}:`)).toBe(true);
        }
        expect(new Set(r.entries.map((e) => e.idempotencyKey)).size).toBe(r.entries.length);
      }),
      RUNS,
    );
  });

  it('escrow releases exactly N_real × P, and no member balance goes negative', () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        const real = input.seats.filter((s) => s.holder).length;
        expect(cashOf(r.entries, platformAccount('escrow', 'CASH'))).toBe(
          -real * input.settings.priceFen,
        );
        const goldBefore = new Map<number, number>();
        for (const s of input.seats)
          if (s.holder) {
            goldBefore.set(s.holder.memberId, s.holder.goldBefore);
            for (const u of [s.holder.uplines.direct, s.holder.uplines.indirect])
              if (u) goldBefore.set(u.memberId, u.goldBalance);
          }
        for (const { account, delta } of netEffect(r.entries).values()) {
          if (account.owner !== 'member') continue;
          if (account.asset === 'GOLD')
            expect((goldBefore.get(account.memberId) ?? 0) + delta).toBeGreaterThanOrEqual(0);
          else expect(delta).toBeGreaterThanOrEqual(0);
        }
      }),
      RUNS,
    );
  });

  it('the same seed and history settle the same way, and the published draw verifies', () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        expect(settleGroup(structuredClone(input))).toEqual(r);
        expect(verifyDraw(r.draw)).toEqual({ ok: true });
        if (r.outcome.kind === 'drawn') {
          const loser = r.draw.seats.find(
            (s) => s.excludedBy !== 'HOUSE' && !r.draw.winners.includes(s.seatNo),
          );
          if (loser)
            expect(
              verifyDraw({ ...r.draw, winners: [...r.draw.winners.slice(1), loser.seatNo] }).ok,
            ).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it("the statement's figures are what the entries say", () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        const st = r.statement;
        const P = input.settings.priceFen;
        const winners = r.outcome.kind === 'drawn' ? r.outcome.winners.length : 0;
        const real = input.seats.filter((s) => s.holder).length;
        const refunds = r.outcome.kind === 'drawn' ? (real - winners) * P : real * P;
        expect(st.cashIn).toBe(winners * P);
        expect(cashOf(r.entries, platformAccount('sales', 'CASH'))).toBe(
          st.cashIn - st.outflows.monthlyPool - st.outflows.dailyPool,
        );
        let memberCash = 0;
        let memberGold = 0;
        for (const { account, delta } of netEffect(r.entries).values())
          if (account.owner === 'member' && account.asset === 'CASH') memberCash += delta;
          else if (account.owner === 'member' && account.asset === 'GOLD') memberGold += delta;
        const o = st.outflows;
        expect(memberCash - refunds).toBe(
          o.loserBonus + o.releasesPaid + o.referral + o.team + o.regional,
        );
        expect(st.cashOut).toBe(Object.values(o).reduce((a, b) => a + b, 0));
        expect(st.cashProfit).toBe(st.cashIn - st.cashOut);
        expect(memberGold).toBe(
          st.obligations.newShoppingGold - st.obligations.shoppingGoldReleased,
        );
        expect(st.obligations.shoppingGoldReleased).toBe(o.releasesPaid);
        expect(o.productCost).toBe(r.orders.reduce((t, x) => t + x.costFen + x.deliveryCostFen, 0));
        expect(r.orders).toHaveLength(winners);
      }),
      RUNS,
    );
  });

  it('referral reaches at most two valid promoters per seat; a failed group moves no counter', () => {
    fc.assert(
      fc.property(groupArb, (input) => {
        const r = settleGroup(input);
        for (const s of input.seats) {
          if (!s.holder) continue;
          const paid = r.entries.filter(
            (e) => e.kind === 'referral_commission' && e.ref?.seatNo === s.seatNo,
          );
          expect(paid.length).toBeLessThanOrEqual(2);
          const valid = [s.holder.uplines.direct, s.holder.uplines.indirect]
            .filter((u) => u?.isValidPromoter)
            .map((u) => u!.memberId);
          for (const e of paid) expect(valid).toContain(e.ref?.memberId);
          if (r.outcome.kind === 'failed_conflict')
            expect(r.counters[s.holder.memberId]).toEqual(
              input.counters[s.holder.memberId] ?? FRESH_COUNTERS,
            );
        }
      }),
      RUNS,
    );
  });
});

describe('settleGroup (cases)', () => {
  it('a voucher option credits P of that voucher kind; blind box and daily weights go to winners', () => {
    const s = newSettings({
      winners: 9,
      options: [
        {
          id: 5,
          kind: 'voucher',
          name: '购物券',
          costFen: 0,
          deliveryCostFen: 0,
          voucherKindId: 3,
        },
      ],
      winnerRewards: {
        dividendPoints: null,
        shoppingGold: null,
        goldRelease: null,
        consumptionPoints: null,
        hasBlindBox: true,
      },
    });
    const r = settleGroup({
      settings: s,
      groupId: 'V',
      serverSeedHex: SEED,
      seats: realSeats(10, () => ({ optionId: 5 })),
      counters: {},
    });
    expect(r.statement.obligations.vouchers).toEqual({ 'VOUCHER:3': 9 * 10_000 });
    expect(r.blindBoxTickets).toHaveLength(9);
    expect(r.dailyDividendWeights.every((w) => w.weight === 10_000)).toBe(true);
    expect(r.orders.every((o) => o.kind === 'voucher' && o.voucherKindId === 3)).toBe(true);
  });

  it('R1/R2 exclude seat 1 in a settlement and record the rule', () => {
    const s = newSettings({
      rules: {
        r1FirstOfDaySeatOne: false,
        r2NewcomerSeatOne: true,
        r3Streak: null,
        r4Cumulative: null,
        r5Window: null,
      },
    });
    const seats = realSeats(10, (n) => (n === 1 ? { isFirstEver: true, isFirstOfDay: true } : {}));
    const r = settleGroup({ settings: s, groupId: 'R2', serverSeedHex: SEED, seats, counters: {} });
    expect(r.eligibility[0]).toEqual({ seatNo: 1, eligible: false, excludedBy: 'R2' });
    expect(r.outcome.kind === 'drawn' && r.outcome.winners.includes(1)).toBe(false);
  });

  it('policy random: forced winners keep their cooldown', () => {
    const s = newSettings({
      winners: 3,
      conflictPolicy: 'random',
      rules: {
        r1FirstOfDaySeatOne: false,
        r2NewcomerSeatOne: false,
        r3Streak: { wins: 2, cooldown: 3 },
        r4Cumulative: null,
        r5Window: null,
      },
    });
    const cooling: EligibilityCounters = {
      ...FRESH_COUNTERS,
      cooldownRemaining: 3,
      cooldownRule: 'R3',
    };
    const counters = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, cooling]));
    const r = settleGroup({
      settings: s,
      groupId: 'RND',
      serverSeedHex: SEED,
      seats: realSeats(10),
      counters,
    });
    if (r.outcome.kind !== 'drawn') throw new Error('expected a draw');
    expect(r.outcome.forcedWinners).toHaveLength(3);
    for (const w of r.outcome.forcedWinners)
      expect(r.counters[w]).toMatchObject({ cooldownRemaining: 3, streak: 1 });
    const { winners } = r.outcome;
    const loser = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].find((n) => !winners.includes(n))!;
    expect(r.counters[loser]).toMatchObject({ cooldownRemaining: 2, streak: 0 });
  });

  it('refuses a group that is not full, a member on two seats, or a self-upline', () => {
    const base = { settings: example1(), groupId: 'X', serverSeedHex: SEED, counters: {} };
    expect(() => settleGroup({ ...base, seats: realSeats(9) })).toThrow(/seats 1..10/);
    const twice = realSeats(10).map((s) => (s.seatNo === 2 ? { ...s, holder: holder(1) } : s));
    expect(() => settleGroup({ ...base, seats: twice })).toThrow(/two seats/);
    const self = realSeats(10, (n) => ({ uplines: { direct: upline(n), indirect: null } }));
    expect(() => settleGroup({ ...base, seats: self })).toThrow(/own upline/);
  });

  it('differential: each level earns its amount minus the highest already reached below', () => {
    const levels = [
      { level: 'district', memberId: 1, reward: rate(100) },
      { level: 'city', memberId: null, reward: rate(200) },
      { level: 'province', memberId: 3, reward: rate(300) },
    ];
    // The empty city level raises nothing: the province agent earns 3 % − 1 %.
    expect(differential(levels, 10_000)).toEqual([
      { level: 'district', memberId: 1, amount: 100 },
      { level: 'province', memberId: 3, amount: 200 },
    ]);
  });

  it('an exact example: member gold moves as SPEC §6 says (release first, capped; then new gold)', () => {
    const seats = realSeats(10, (n) => ({ goldBefore: n * 100 }));
    const r = settleGroup({
      settings: example1(),
      groupId: 'G',
      serverSeedHex: SEED,
      seats,
      counters: {},
    });
    for (let n = 1; n <= 10; n++) {
      const won = r.outcome.kind === 'drawn' && r.outcome.winners.includes(n);
      const released = Math.min(500, n * 100);
      const gold = netEffect(r.entries).get(accountKey(memberAccount(n, 'GOLD')))?.delta ?? 0;
      expect(gold).toBe((won ? 10_000 : 0) - released);
    }
  });
});
