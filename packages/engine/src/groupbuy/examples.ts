/**
 * The four operator configurations of examples.md as activity settings: the
 * demo data ships them, and the economics tools and tests start from them.
 * Amounts in fen; rates in bp of the price P.
 */
import type { RateOrFixed } from '../money';
import type { ActivitySettings } from './settings';

export const rate = (bp: number): RateOrFixed => ({ kind: 'rate', bp });
export const fixed = (amount: number): RateOrFixed => ({ kind: 'fixed', amount });

export function newSettings(over: Partial<ActivitySettings> = {}): ActivitySettings {
  return {
    priceFen: 10_000,
    groupSize: 10,
    winners: 3,
    options: [{ id: 1, kind: 'product', name: '商品', costFen: 3_000, deliveryCostFen: 0 }],
    dailyJoinLimit: null,
    groupTimeout: null,
    rules: {
      r1FirstOfDaySeatOne: false,
      r2NewcomerSeatOne: false,
      r3Streak: null,
      r4Cumulative: null,
      r5Window: null,
    },
    conflictPolicy: 'fail',
    winnerRewards: {
      dividendPoints: null,
      shoppingGold: null,
      goldRelease: null,
      consumptionPoints: null,
      hasBlindBox: false,
    },
    loserRewards: { cashBonus: null, goldRelease: null, consumptionPoints: null },
    seatRewards: {
      referral: { direct: null, indirect: null },
      teamTiers: [],
      regional: { district: null, city: null, province: null },
      seatGoldRelease: null,
      uplineRelease: { direct: null, indirect: null },
    },
    pools: { monthlyPoolBp: 0, dailyPoolBp: 0 },
    ...over,
  };
}

/** Tier ids the examples pay: the demo data's tiers V1 合伙人, V2 联创, V3 董事 (ids 1–3). */
export const V1 = 1;
export const V2 = 2;

/** examples.md #1 — high-margin goods (成本 3 折). */
export function example1(): ActivitySettings {
  return newSettings({
    winnerRewards: {
      dividendPoints: rate(10_000),
      shoppingGold: rate(10_000),
      goldRelease: rate(500),
      consumptionPoints: rate(10_000),
      hasBlindBox: false,
    },
    loserRewards: { cashBonus: rate(300), goldRelease: rate(500), consumptionPoints: rate(10_000) },
    seatRewards: {
      referral: { direct: rate(200), indirect: rate(100) },
      teamTiers: [
        { tierId: V1, rank: 1, reward: rate(100) },
        { tierId: V2, rank: 2, reward: rate(200) },
      ],
      regional: { district: rate(100), city: rate(200), province: rate(300) },
      seatGoldRelease: null,
      uplineRelease: { direct: null, indirect: null },
    },
    pools: { monthlyPoolBp: 300, dailyPoolBp: 200 },
  });
}

/** examples.md #2 — low-margin goods (成本 6 折). */
export function example2(): ActivitySettings {
  return newSettings({
    options: [{ id: 1, kind: 'product', name: '商品', costFen: 6_000, deliveryCostFen: 0 }],
    winnerRewards: {
      dividendPoints: rate(10_000),
      shoppingGold: rate(10_000),
      goldRelease: rate(300),
      consumptionPoints: rate(10_000),
      hasBlindBox: false,
    },
    loserRewards: { cashBonus: rate(200), goldRelease: rate(300), consumptionPoints: rate(10_000) },
    seatRewards: {
      referral: { direct: rate(100), indirect: rate(50) },
      teamTiers: [
        { tierId: V1, rank: 1, reward: rate(50) },
        { tierId: V2, rank: 2, reward: rate(100) },
      ],
      regional: { district: rate(50), city: rate(100), province: null },
      seatGoldRelease: null,
      uplineRelease: { direct: null, indirect: null },
    },
    pools: { monthlyPoolBp: 200, dailyPoolBp: 200 },
  });
}

export const PARTNER = 1; // 合伙人 (V1)
export const COFOUNDER = 2; // 联创 (V2)
export const DIRECTOR = 3; // 董事 (V3)

/** examples.md #3 — cooldown play (特权玩法). */
export function example3(): ActivitySettings {
  return newSettings({
    priceFen: 20_000,
    winners: 1,
    options: [{ id: 1, kind: 'product', name: '商品', costFen: 3_000, deliveryCostFen: 1_000 }],
    dailyJoinLimit: 5,
    rules: {
      r1FirstOfDaySeatOne: false,
      r2NewcomerSeatOne: false,
      r3Streak: null,
      r4Cumulative: { wins: 10, cooldown: 200 },
      r5Window: null,
    },
    conflictPolicy: 'fail',
    loserRewards: { cashBonus: fixed(1_000), goldRelease: null, consumptionPoints: null },
    seatRewards: {
      referral: { direct: fixed(100), indirect: fixed(50) },
      teamTiers: [
        { tierId: PARTNER, rank: 1, reward: fixed(50) },
        { tierId: COFOUNDER, rank: 2, reward: fixed(100) },
        { tierId: DIRECTOR, rank: 3, reward: fixed(150) },
      ],
      regional: { district: null, city: fixed(50), province: null },
      seatGoldRelease: null,
      uplineRelease: { direct: null, indirect: null },
    },
  });
}

/** examples.md #4 — shopping-gold release play (static release is a calendar settlement, not here). */
export function example4(): ActivitySettings {
  return newSettings({
    winners: 1,
    options: [{ id: 1, kind: 'product', name: '商品', costFen: 2_000, deliveryCostFen: 0 }],
    dailyJoinLimit: 5,
    rules: {
      r1FirstOfDaySeatOne: false,
      r2NewcomerSeatOne: false,
      r3Streak: null,
      r4Cumulative: null,
      r5Window: { block: 5, maxWins: 1 },
    },
    winnerRewards: {
      dividendPoints: null,
      shoppingGold: rate(10_000),
      goldRelease: null,
      consumptionPoints: null,
      hasBlindBox: false,
    },
    loserRewards: { cashBonus: fixed(100), goldRelease: null, consumptionPoints: null },
    seatRewards: {
      referral: { direct: rate(30), indirect: rate(20) },
      teamTiers: [],
      regional: { district: null, city: null, province: null },
      seatGoldRelease: { kind: 'fixed', amount: 200 },
      uplineRelease: {
        direct: { kind: 'fixed', amount: 100 },
        indirect: { kind: 'fixed', amount: 50 },
      },
    },
  });
}

/** The four examples with names, for the demo data and the economics write-up. */
export function exampleActivities(): {
  key: string;
  name: string;
  description: string;
  settings: ActivitySettings;
}[] {
  return [
    {
      key: 'high-margin',
      name: '高毛利好物 · 10人团中3人',
      description: 'examples.md #1: 成本 3 折',
      settings: example1(),
    },
    {
      key: 'low-margin',
      name: '低毛利爆品 · 10人团中3人',
      description: 'examples.md #2: 成本 6 折',
      settings: example2(),
    },
    {
      key: 'cooldown',
      name: '特权玩法 · 10人团中1人',
      description: 'examples.md #3: 累计中10次后200次必不中',
      settings: example3(),
    },
    {
      key: 'gold-release',
      name: '购物金释放 · 10人团中1人',
      description: 'examples.md #4: 静态 + 动态释放',
      settings: example4(),
    },
  ];
}
