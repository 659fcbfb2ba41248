/** examples.md configurations #1–#4, settled by hand. Amounts in fen (gold/points in hundredths). */
import { describe, expect, it } from 'vitest';
import { accountKey, memberAccount } from '../../src/assets';
import { netEffect } from '../../src/ledger';
import { validateActivitySettings } from '../../src/groupbuy/settings';
import { settleGroup } from '../../src/groupbuy/settlement';
import {
  COFOUNDER,
  example1,
  example2,
  example3,
  example4,
  PARTNER,
  realSeats,
  SEED,
  upline,
  V1,
  V2,
} from './fixtures';

const U = 100; // a direct upline
const W = 101; // an indirect upline

function delta(entries: Parameters<typeof netEffect>[0], memberId: number, asset: 'CASH' | 'GOLD') {
  return netEffect(entries).get(accountKey(memberAccount(memberId, asset)))?.delta ?? 0;
}

describe('examples.md', () => {
  it('all four configurations are valid', () => {
    for (const s of [example1(), example2(), example3(), example4()])
      expect(validateActivitySettings(s)).toEqual([]);
  });

  it('#1 high-margin goods: P 100, 10 中 3, cost 30', () => {
    const seats = realSeats(10, () => ({
      goldBefore: 1_000,
      uplines: { direct: upline(U, { tierId: V1 }), indirect: upline(W, { tierId: V2 }) },
      regionalAgents: { district: 201, city: 202, province: 203 },
    }));
    const r = settleGroup({
      settings: example1(),
      groupId: 'E1',
      serverSeedHex: SEED,
      seats,
      counters: {},
    });
    expect(r.outcome.kind).toBe('drawn');
    const st = r.statement;
    expect(st.cashIn).toBe(30_000);
    expect(st.outflows).toEqual({
      productCost: 9_000, // 3 × 30
      loserBonus: 2_100, // 7 × 3 %
      releasesPaid: 5_000, // 10 × 5 % (everyone holds 10 yuan of gold)
      monthlyPool: 900, // 3 % of 300
      dailyPool: 600, // 2 % of 300
      referral: 3_000, // 10 × (2 + 1)
      team: 2_000, // 10 × (V1 1 + V2 (2 − 1))
      regional: 3_000, // 10 × (1 + (2 − 1) + (3 − 2))
    });
    expect(st.cashProfit).toBe(4_400);
    expect(st.obligations).toMatchObject({
      newShoppingGold: 30_000,
      shoppingGoldReleased: 5_000,
      dividendPoints: 30_000,
      consumptionPoints: 100_000,
    });
    expect(delta(r.entries, U, 'CASH')).toBe(10 * (200 + 100));
    expect(delta(r.entries, W, 'CASH')).toBe(10 * (100 + 100));
    const winner = r.outcome.kind === 'drawn' ? r.outcome.winners[0]! : 0;
    expect(delta(r.entries, winner, 'GOLD')).toBe(10_000 - 500);
    expect(delta(r.entries, winner, 'CASH')).toBe(500); // the release; P stayed in escrow → sales
    expect(r.dailyDividendWeights).toHaveLength(3);
  });

  it('#2 low-margin goods: P 100, cost 60, an upper V2 above a V1 earns the difference only', () => {
    const seats = realSeats(10, (n) =>
      n === 1
        ? { uplines: { direct: upline(U, { tierId: V2 }), indirect: upline(W, { tierId: V1 }) } }
        : {},
    );
    const r = settleGroup({
      settings: example2(),
      groupId: 'E2',
      serverSeedHex: SEED,
      seats,
      counters: {},
    });
    const st = r.statement;
    expect(st.cashIn).toBe(30_000);
    expect(st.outflows.productCost).toBe(18_000);
    expect(st.outflows.loserBonus).toBe(1_400); // 7 × 2 %
    expect(st.outflows.monthlyPool + st.outflows.dailyPool).toBe(1_200);
    expect(st.outflows.releasesPaid).toBe(0); // nobody holds gold
    expect(st.outflows.referral).toBe(150); // 1 % + 0.5 %
    expect(st.outflows.team).toBe(100); // V2 1 %, then V1 above: 0.5 % − 1 % < 0 → nothing
    expect(delta(r.entries, W, 'CASH')).toBe(50); // referral only
    expect(st.cashProfit).toBe(30_000 - 18_000 - 1_400 - 1_200 - 150 - 100);
  });

  it('#3 cooldown play: P 200, 10 中 1, fixed amounts, an expired promoter earns nothing', () => {
    const seats = realSeats(10, () => ({
      uplines: {
        direct: upline(U, { tierId: COFOUNDER }),
        indirect: upline(W, { tierId: PARTNER, isValidPromoter: false }),
      },
      regionalAgents: { district: null, city: 202, province: null },
    }));
    const r = settleGroup({
      settings: example3(),
      groupId: 'E3',
      serverSeedHex: SEED,
      seats,
      counters: {},
    });
    const st = r.statement;
    expect(st.cashIn).toBe(20_000);
    expect(st.outflows).toMatchObject({
      productCost: 4_000, // 30 + 10 delivery
      loserBonus: 9_000, // 9 × 10 yuan
      referral: 1_000, // 1 yuan × 10; the indirect upline is expired
      team: 1_000, // 联创 1 yuan; 合伙人 above it earns 0.5 − 1 < 0
      regional: 500, // city agent 0.5 yuan, nobody below
    });
    expect(st.cashProfit).toBe(4_500);
    expect(delta(r.entries, W, 'CASH')).toBe(0);
  });

  it('#3 cooldown play: the 10th win grants 200 draws of cooldown; all in cooldown → the group fails', () => {
    const s = example3();
    const nineWins = {
      streak: 0,
      sinceCooldownWins: 9,
      cooldownRemaining: 0,
      cooldownRule: null,
      windowPos: 0,
      windowWins: 0,
    };
    const counters = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, nineWins]));
    const r = settleGroup({
      settings: s,
      groupId: 'E3b',
      serverSeedHex: SEED,
      seats: realSeats(10),
      counters,
    });
    const winner = r.outcome.kind === 'drawn' ? r.outcome.winners[0]! : 0;
    expect(r.counters[winner]).toMatchObject({
      cooldownRemaining: 200,
      cooldownRule: 'R4',
      sinceCooldownWins: 0,
    });

    const cooling = {
      ...nineWins,
      sinceCooldownWins: 0,
      cooldownRemaining: 200,
      cooldownRule: 'R4' as const,
    };
    const all = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [i + 1, cooling]));
    const f = settleGroup({
      settings: s,
      groupId: 'E3c',
      serverSeedHex: SEED,
      seats: realSeats(10),
      counters: all,
    });
    expect(f.outcome.kind).toBe('failed_conflict');
    expect(f.eligibility.every((e) => e.excludedBy === 'R4')).toBe(true);
    expect(f.entries.map((e) => e.kind)).toEqual(new Array(10).fill('refund'));
    expect(f.entries.every((e) => e.postings.some((p) => p.amount === 20_000))).toBe(true);
    expect(f.counters[1]).toEqual(cooling); // no counter moves
    expect(f.statement.cashIn).toBe(0);
  });

  it('#4 gold release play: every-seat and upline releases are capped by the gold held', () => {
    // Each seat holder holds 1.50 of gold; the direct upline 5.00, the indirect 100.00.
    const seats = realSeats(10, () => ({
      goldBefore: 150,
      uplines: {
        direct: upline(U, { goldBalance: 500 }),
        indirect: upline(W, { goldBalance: 10_000 }),
      },
    }));
    const r = settleGroup({
      settings: example4(),
      groupId: 'E4',
      serverSeedHex: SEED,
      seats,
      counters: {},
    });
    const st = r.statement;
    expect(st.cashIn).toBe(10_000);
    expect(st.outflows).toMatchObject({
      productCost: 2_000,
      loserBonus: 900, // 9 × 1 yuan
      releasesPaid: 1_500 + 500 + 500, // seats 10 × 1.50 (capped); direct upline 5 × 1 then empty; indirect 10 × 0.5
      referral: 500, // 10 × (0.3 % + 0.2 %)
    });
    expect(st.cashProfit).toBe(10_000 - 2_000 - 900 - 2_500 - 500);
    expect(delta(r.entries, U, 'GOLD')).toBe(-500);
    expect(delta(r.entries, W, 'GOLD')).toBe(-500);
    const winner = r.outcome.kind === 'drawn' ? r.outcome.winners[0]! : 0;
    // New gold is credited after the releases: the winner's own 1.50 went, the 100 won stays whole.
    expect(delta(r.entries, winner, 'GOLD')).toBe(10_000 - 150);
    expect(r.counters[winner]).toMatchObject({ windowPos: 1, windowWins: 1 });
  });

  it('#4 a member who is a seat holder and the upline of the others releases no more than they hold', () => {
    const seats = realSeats(10, (n) => ({
      goldBefore: n === 1 ? 500 : 0,
      uplines: { direct: n === 1 ? null : upline(1, { goldBalance: 500 }), indirect: null },
    }));
    const r = settleGroup({
      settings: example4(),
      groupId: 'E4b',
      serverSeedHex: SEED,
      seats,
      counters: {},
    });
    const won = r.outcome.kind === 'drawn' && r.outcome.winners.includes(1) ? 10_000 : 0;
    expect(delta(r.entries, 1, 'GOLD')).toBe(won - 500); // 2 as a seat, then 1 + 1 + 1 as upline
    const uplineReleases = r.entries.filter((e) => e.kind === 'upline_release');
    expect(uplineReleases.map((e) => e.ref?.seatNo)).toEqual([2, 3, 4]);
  });
});
