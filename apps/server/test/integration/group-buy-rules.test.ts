/**
 * The group-buy rules of SPEC §5–§6 on real PostgreSQL, through the real use
 * cases: every winner, loser and seat reward, the pools, and the eligibility
 * rules R1–R5 with both conflict policies, checked in the ledger to the fen.
 *
 * A draw is random, so every group here is designed so that its outcome is
 * forced: mostly N = 2, M = 1 with R1 on and a fresh member on seat 1 (their
 * first join of the day cannot win), so seat 2 must win.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  fixed,
  newSettings,
  rate,
  verifyDraw,
  type ActivitySettings,
  type Asset,
  type EligibilityCounters,
  type EligibilityRules,
  type PublishedDraw,
} from '@pingou/engine';
import { groupBuyRepo, ledgerRepo, membersRepo } from '@pingou/db';
import type { Actor } from '../../src/context';
import { fillWithHouseSeats, openWithHouseSeats } from '../../src/use-cases/group-buy/house-seats';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createActivity, publishActivity } from '../../src/use-cases/group-buy/manage-activity';
import { createHarness, type Harness } from '../support/harness';
import { creditAsset, newMembersWithCash, newOperator } from '../support/factories';

const DAY1 = '2026-11-25';
const DAY1_NOON = '2026-11-25T04:00:00Z'; // 12:00 in Asia/Shanghai
const P = 10_000; // 100 yuan, the price of most activities here
const CASH = 100_000; // what a seat holder starts with

let h: Harness;
let actor: Actor;
/** Team tiers in the database; T4 exists but no activity pays it. */
const tier = { t1: 0, t2: 0, t3: 0, t4: 0 };

beforeAll(async () => {
  h = await createHarness();
  const op = await newOperator(h.ctx, 'operator');
  actor = { operatorId: op.id, role: 'operator', requestId: 'group-buy-rules' };
  const addTier = async (code: string, rank: number, rateBp: number) =>
    (await membersRepo.insertTier(h.ctx.db, { code, name: code, rank, rateBp })).id;
  tier.t1 = await addTier('RULES-V1', 1, 100);
  tier.t2 = await addTier('RULES-V2', 2, 200);
  tier.t3 = await addTier('RULES-V3', 3, 350);
  tier.t4 = await addTier('RULES-V4', 4, 400);
});
beforeEach(() => {
  h.clock.set(DAY1_NOON);
});
afterAll(async () => {
  await h.close();
});

// ---- helpers

const noRules: EligibilityRules = {
  r1FirstOfDaySeatOne: false,
  r2NewcomerSeatOne: false,
  r3Streak: null,
  r4Cumulative: null,
  r5Window: null,
};
/** N = 2, M = 1, R1 on, nothing paid: each test switches on what it checks. */
const duelSettings = (over: Partial<ActivitySettings> = {}): ActivitySettings =>
  newSettings({
    priceFen: P,
    groupSize: 2,
    winners: 1,
    rules: { ...noRules, r1FirstOfDaySeatOne: true },
    ...over,
  });

let activitySeq = 0;
async function publish(settings: ActivitySettings): Promise<number> {
  const a = await createActivity(h.ctx, actor, {
    name: `规则测试 ${++activitySeq}`,
    description: '',
    isLargeZone: false,
    startsAt: null,
    endsAt: null,
    settings,
  });
  await publishActivity(h.ctx, actor, a.id);
  return a.id;
}

let keySeq = 0;
async function join(activityId: number, memberId: number, optionId = 1) {
  const r = await joinGroup(
    h.ctx,
    memberId,
    { activityId, optionId, clientSeed: `s${keySeq}` },
    `rules-join-${++keySeq}`,
  );
  return r.body;
}

/** Seat 1: a member whose join is their first of the day (R1); seat 2 must win. Returns the group id. */
async function duel(activityId: number, seat1: number, seat2: number, seat2Option = 1) {
  const first = await join(activityId, seat1);
  expect(first.seatNo).toBe(1);
  expect(first.result).toBeNull();
  const second = await join(activityId, seat2, seat2Option);
  expect(second.groupId).toBe(first.groupId);
  expect(second.seatNo).toBe(2);
  expect(second.result).toEqual({ isWinner: true, winners: [2] });
  return second.groupId;
}

async function members(count: number, cash = CASH, uplineId?: number): Promise<number[]> {
  return newMembersWithCash(h.ctx, count, cash, uplineId === undefined ? {} : { uplineId });
}
async function member(cash = CASH, uplineId?: number): Promise<number> {
  return (await members(1, cash, uplineId))[0]!;
}
const setFacts = (id: number, patch: Partial<membersRepo.MemberRow>) =>
  membersRepo.updateMember(h.ctx.db, id, patch);

const bal = (memberId: number, asset: Asset = 'CASH') =>
  ledgerRepo.memberBalance(h.ctx.db, memberId, asset);
async function wallet(memberId: number) {
  return {
    cash: await bal(memberId, 'CASH'),
    gold: await bal(memberId, 'GOLD'),
    dividend: await bal(memberId, 'DIVIDEND'),
    consumption: await bal(memberId, 'CONSUMPTION'),
  };
}

async function group(groupId: number) {
  const g = await groupBuyRepo.findGroup(h.ctx.db, groupId);
  if (!g) throw new Error(`no group ${groupId}`);
  return g;
}
async function drawOf(groupId: number): Promise<PublishedDraw> {
  const d = (await group(groupId)).draw as PublishedDraw | null;
  if (!d) throw new Error(`group ${groupId} has no draw`);
  return d;
}
/** seat → excludedBy, e.g. { 1: 'R1', 2: null }; eligible must mean no rule. */
async function exclusions(groupId: number) {
  const d = await drawOf(groupId);
  for (const s of d.seats) expect(s.eligible).toBe(s.excludedBy === null);
  return Object.fromEntries(d.seats.map((s) => [s.seatNo, s.excludedBy]));
}

async function countersOf(activityId: number, memberId: number) {
  const r = await h.ctx.db.execute<{ counters: EligibilityCounters }>(
    sql`select counters from draw_counters where activity_id = ${activityId} and member_id = ${memberId}`,
  );
  return r.rows[0]?.counters ?? null;
}
const counters = (c: Partial<EligibilityCounters>): EligibilityCounters => ({
  streak: 0,
  sinceCooldownWins: 0,
  cooldownRemaining: 0,
  cooldownRule: null,
  windowPos: 0,
  windowWins: 0,
  ...c,
});

async function poolBalances() {
  const rows = await ledgerRepo.platformBalances(h.ctx.db);
  const of = (purpose: string) =>
    rows.find((r) => r.purpose === purpose && r.asset === 'CASH')?.balance ?? 0;
  return { monthly: of('pool_monthly'), daily: of('pool_daily'), sales: of('sales') };
}

async function weight(day: string, memberId: number) {
  const r = await h.ctx.db.execute<{ weight: number }>(
    sql`select weight from daily_dividend_weights where day = ${day} and member_id = ${memberId}`,
  );
  return r.rows[0] === undefined ? null : Number(r.rows[0].weight);
}

// ---- §6 every winner

describe('every winner (SPEC §6 A–F)', () => {
  it('gets dividend and consumption points, gold credited after a release capped by the gold held before, an order and a blind box ticket', async () => {
    const VOUCHER_KIND = 7;
    const id = await publish(
      duelSettings({
        options: [
          { id: 1, kind: 'product', name: '商品', costFen: 3_000, deliveryCostFen: 500 },
          {
            id: 2,
            kind: 'voucher',
            name: '购物券',
            costFen: 0,
            deliveryCostFen: 0,
            voucherKindId: VOUCHER_KIND,
          },
        ],
        winnerRewards: {
          dividendPoints: rate(10_000),
          shoppingGold: rate(5_000),
          goldRelease: rate(500),
          consumptionPoints: fixed(1_234),
          hasBlindBox: true,
        },
      }),
    );
    const [l1, w1, l2, w2] = await members(4);
    await creditAsset(h.ctx, w1!, 'GOLD', 300); // less than the 5 % release
    await creditAsset(h.ctx, w2!, 'GOLD', 2_000); // more than the 5 % release

    const g1 = await duel(id, l1!, w1!, 1); // product
    const g2 = await duel(id, l2!, w2!, 2); // voucher

    // w1: release wanted 5 % × 10 000 = 500, capped by the 300 held before the draw;
    // cash 100 000 − 10 000 + 300 = 90 300; gold 300 − 300 + 50 % × 10 000 = 5 000
    // (were the new gold credited first, the release would be 500 and the gold 4 800)
    expect(await wallet(w1!)).toEqual({
      cash: 90_300,
      gold: 5_000,
      dividend: 10_000, // 100 % × 10 000
      consumption: 1_234, // fixed
    });
    // w2: release 500 ≤ 2 000 held; cash 100 000 − 10 000 + 500 = 90 500; gold 2 000 − 500 + 5 000 = 6 500
    expect(await wallet(w2!)).toEqual({
      cash: 90_500,
      gold: 6_500,
      dividend: 10_000,
      consumption: 1_234,
    });
    expect(await bal(w2!, `VOUCHER:${VOUCHER_KIND}`)).toBe(P); // P of the voucher kind
    expect(await bal(w1!, `VOUCHER:${VOUCHER_KIND}`)).toBe(0);
    // the losers: refunded in full, nothing else (no loser rewards in this activity)
    for (const l of [l1!, l2!])
      expect(await wallet(l)).toEqual({ cash: CASH, gold: 0, dividend: 0, consumption: 0 });

    const orders = async (groupId: number) =>
      groupBuyRepo.listOrders(h.ctx.db, { groupId, limit: 10 });
    expect(await orders(g1)).toMatchObject([
      {
        memberId: w1,
        seatNo: 2,
        optionId: 1,
        kind: 'product',
        costFen: 3_500, // cost 3 000 + delivery 500
        status: 'awaiting_address',
      },
    ]);
    expect(await orders(g2)).toMatchObject([
      { memberId: w2, seatNo: 2, optionId: 2, kind: 'voucher', status: 'completed' },
    ]);

    const tickets = await h.ctx.db.execute<{ member_id: number; group_id: number }>(
      sql`select member_id, group_id from blind_box_tickets where activity_id = ${id} order by id`,
    );
    expect(tickets.rows.map((t) => [Number(t.member_id), Number(t.group_id)])).toEqual([
      [w1, g1],
      [w2, g2],
    ]);
    expect((await group(g1)).status).toBe('drawn');
  });

  it('gets no blind box ticket when the activity has none', async () => {
    const id = await publish(duelSettings());
    const [l, w] = await members(2);
    const g = await duel(id, l!, w!);
    const t = await h.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int n from blind_box_tickets where group_id = ${g}`,
    );
    expect(t.rows[0]!.n).toBe(0);
    expect(await bal(w!)).toBe(CASH - P);
  });
});

// ---- §6 every loser

describe('every loser (SPEC §6 A–C)', () => {
  it('gets P back, a cash bonus at a rate, a gold release capped by their gold, and consumption points', async () => {
    const id = await publish(
      duelSettings({
        loserRewards: {
          cashBonus: rate(300),
          goldRelease: fixed(800),
          consumptionPoints: rate(5_000),
        },
      }),
    );
    const [l1, w1, l2, w2] = await members(4);
    await creditAsset(h.ctx, l1!, 'GOLD', 500); // less than the fixed 800
    await creditAsset(h.ctx, l2!, 'GOLD', 2_000);
    await duel(id, l1!, w1!);
    await duel(id, l2!, w2!);
    // l1: 100 000 − 10 000 + 10 000 refund + 3 % × 10 000 = 300 bonus + min(800, 500) = 500 release = 100 800
    expect(await wallet(l1!)).toEqual({
      cash: 100_800,
      gold: 0,
      dividend: 0,
      consumption: 5_000, // 50 % × 10 000
    });
    // l2: 100 000 + 300 + 800 = 101 100; gold 2 000 − 800 = 1 200
    expect(await wallet(l2!)).toEqual({
      cash: 101_100,
      gold: 1_200,
      dividend: 0,
      consumption: 5_000,
    });
    // winners: paid P, no winner rewards in this activity
    for (const w of [w1!, w2!])
      expect(await wallet(w)).toEqual({ cash: CASH - P, gold: 0, dividend: 0, consumption: 0 });
  });

  it('gets a fixed cash bonus, and a rate release capped by their gold', async () => {
    const id = await publish(
      duelSettings({
        loserRewards: { cashBonus: fixed(1_000), goldRelease: rate(250), consumptionPoints: null },
      }),
    );
    const [l1, w1, l2, w2] = await members(4);
    await creditAsset(h.ctx, l1!, 'GOLD', 100); // less than 2.5 % × 10 000 = 250
    await creditAsset(h.ctx, l2!, 'GOLD', 10_000);
    await duel(id, l1!, w1!);
    await duel(id, l2!, w2!);
    // l1: 100 000 + 1 000 bonus + min(250, 100) = 100 → 101 100; gold 0
    expect(await wallet(l1!)).toMatchObject({ cash: 101_100, gold: 0, consumption: 0 });
    // l2: 100 000 + 1 000 + 250 = 101 250; gold 10 000 − 250 = 9 750
    expect(await wallet(l2!)).toMatchObject({ cash: 101_250, gold: 9_750, consumption: 0 });
    expect(await bal(w1!)).toBe(CASH - P);
  });
});

// ---- §6 every real seat

describe('every real seat (SPEC §6), two levels at most', () => {
  it('referral commission reaches the direct and indirect upline only while they are valid promoters', async () => {
    const id = await publish(
      duelSettings({
        seatRewards: {
          ...duelSettings().seatRewards,
          referral: { direct: rate(200), indirect: fixed(150) },
        },
      }),
    );
    // chains: t1 → g1 → u1 → l1 (seat 1) ; g2 → u2 → w1 (seat 2)
    const t1 = await member(0);
    const g1 = await member(0, t1);
    const u1 = await member(0, g1);
    const l1 = await member(CASH, u1);
    const g2 = await member(0);
    const u2 = await member(0, g2);
    const w1 = await member(CASH, u2);
    await setFacts(t1, { promoterValidUntil: '2026-12-31' }); // valid, but a third level
    await setFacts(g1, { promoterValidUntil: '2026-12-31' });
    await setFacts(u1, { promoterValidUntil: DAY1 }); // valid through today
    await setFacts(u2, { promoterValidUntil: '2026-11-24' }); // expired yesterday
    await setFacts(g2, { promoterValidUntil: DAY1 });
    await duel(id, l1, w1);
    expect(await bal(u1)).toBe(200); // 2 % × 10 000
    expect(await bal(g1)).toBe(150); // fixed
    expect(await bal(t1)).toBe(0); // third level: nothing
    expect(await bal(u2)).toBe(0); // expired: stays with the platform
    expect(await bal(g2)).toBe(150); // valid, even though the direct upline is not

    // u3 never joined (no validity); u4 becomes a promoter by joining another activity
    const u3 = await member(0);
    const u4 = await member(CASH);
    const l2 = await member(CASH, u3);
    const w2 = await member(CASH, u4);
    const other = await publish(newSettings({ priceFen: P }));
    await join(other, u4); // first participation: valid today and tomorrow
    expect((await membersRepo.findMemberById(h.ctx.db, u4))!.promoterValidUntil).toBe('2026-11-26');
    await duel(id, l2, w2);
    expect(await bal(u3)).toBe(0);
    expect(await bal(u4)).toBe(CASH - P + 200); // paid its own seat, earned 2 % of w2's
  });

  it('team differential: each of the two uplines earns its tier minus the highest paid below it', async () => {
    const id = await publish(
      duelSettings({
        seatRewards: {
          ...duelSettings().seatRewards,
          teamTiers: [
            { tierId: tier.t1, rank: 1, reward: rate(100) }, // 100
            { tierId: tier.t2, rank: 2, reward: rate(200) }, // 200
            { tierId: tier.t3, rank: 3, reward: fixed(350) }, // 350
          ],
        },
      }),
    );
    const chain = async (tiers: (number | null)[]) => {
      // tiers[0] is the direct upline, tiers[1] the indirect, tiers[2] the third level
      const ids: number[] = [];
      let up: number | undefined;
      for (const t of [...tiers].reverse()) {
        up = await member(0, up);
        if (t !== null) await setFacts(up, { tierId: t });
        ids.unshift(up);
      }
      return { seat: await member(CASH, up), ups: ids };
    };
    // group 1 — seat 1: direct V1, indirect V2, third V3; seat 2: direct V2, indirect V1
    const a = await chain([tier.t1, tier.t2, tier.t3]);
    const b = await chain([tier.t2, tier.t1]);
    await duel(id, a.seat, b.seat);
    expect(await bal(a.ups[0]!)).toBe(100); // V1: 100 − 0
    expect(await bal(a.ups[1]!)).toBe(100); // V2: 200 − 100
    expect(await bal(a.ups[2]!)).toBe(0); // third level: nothing
    expect(await bal(b.ups[0]!)).toBe(200); // V2: 200 − 0
    expect(await bal(b.ups[1]!)).toBe(0); // V1: 100 − 200 < 0
    // group 2 — seat 1: no tier, indirect V3; seat 2: V3 and V3
    const c = await chain([null, tier.t3]);
    const d = await chain([tier.t3, tier.t3]);
    await duel(id, c.seat, d.seat);
    expect(await bal(c.ups[0]!)).toBe(0);
    expect(await bal(c.ups[1]!)).toBe(350); // 350 − 0
    expect(await bal(d.ups[0]!)).toBe(350);
    expect(await bal(d.ups[1]!)).toBe(0); // 350 − 350
    // group 3 — seat 1: a tier the activity does not pay, indirect V1; seat 2: no uplines
    const e = await chain([tier.t4, tier.t1]);
    const f = await member(CASH);
    await duel(id, e.seat, f);
    expect(await bal(e.ups[0]!)).toBe(0);
    expect(await bal(e.ups[1]!)).toBe(100);
  });

  it('regional differential: district, city and province agents earn district first', async () => {
    const id = await publish(
      duelSettings({
        seatRewards: {
          ...duelSettings().seatRewards,
          regional: { district: rate(100), city: rate(200), province: rate(300) }, // 100, 200, 300
        },
      }),
    );
    const [pAgent, cAgent, dAgent, hnAgent] = await members(4, 0);
    const db = h.ctx.db;
    await membersRepo.upsertAgent(db, pAgent!, 'province', '广东省');
    await membersRepo.upsertAgent(db, cAgent!, 'city', '广东省/深圳市');
    await membersRepo.upsertAgent(db, dAgent!, 'district', '广东省/深圳市/南山区');
    await membersRepo.upsertAgent(db, hnAgent!, 'district', '湖南省/长沙市/岳麓区');
    const at = async (province: string | null, city: string | null, district: string | null) => {
      const m = await member();
      await setFacts(m, { province, city, district });
      return m;
    };
    // group 1: 南山区 → district 100, city 200 − 100, province 300 − 200;
    //          福田区 (no district agent) → city 200, province 300 − 200
    await duel(id, await at('广东省', '深圳市', '南山区'), await at('广东省', '深圳市', '福田区'));
    // group 2: 广州市 (no city agent) → province 300; 岳麓区 → district 100 (no city, no province agent)
    await duel(id, await at('广东省', '广州市', '天河区'), await at('湖南省', '长沙市', '岳麓区'));
    // group 3: no region → nothing; province only → province 300
    await duel(id, await at(null, null, null), await at('广东省', null, null));
    expect(await bal(dAgent!)).toBe(100);
    expect(await bal(cAgent!)).toBe(100 + 200); // 300
    expect(await bal(pAgent!)).toBe(100 + 100 + 300 + 300); // 800
    expect(await bal(hnAgent!)).toBe(100);
  });

  it('upline release: direct fixed, indirect a rate of its own gold, capped, never a third level', async () => {
    const id = await publish(
      duelSettings({
        seatRewards: {
          ...duelSettings().seatRewards,
          uplineRelease: {
            direct: { kind: 'fixed', amount: 700 },
            indirect: { kind: 'rate_of_gold', bp: 1_000 }, // 10 % of its gold at that point
          },
        },
      }),
    );
    // group 1 — seat 1: t1 → g1 → u1 → l1; seat 2: u2 → w1
    const t1 = await member(0);
    const g1 = await member(0, t1);
    const u1 = await member(0, g1);
    const l1 = await member(CASH, u1);
    const u2 = await member(0);
    const w1 = await member(CASH, u2);
    await creditAsset(h.ctx, t1, 'GOLD', 10_000);
    await creditAsset(h.ctx, g1, 'GOLD', 10_000);
    await creditAsset(h.ctx, u1, 'GOLD', 500);
    await creditAsset(h.ctx, u2, 'GOLD', 5_000);
    await duel(id, l1, w1);
    expect(await wallet(u1)).toMatchObject({ cash: 500, gold: 0 }); // min(700, 500)
    expect(await wallet(g1)).toMatchObject({ cash: 1_000, gold: 9_000 }); // 10 % × 10 000
    expect(await wallet(t1)).toMatchObject({ cash: 0, gold: 10_000 }); // third level: nothing
    expect(await wallet(u2)).toMatchObject({ cash: 700, gold: 4_300 }); // 5 000 − 700

    // group 2 — both seats under u3 (gold 1 000), whose upline g3 has 10 000:
    // seat 1: u3 700 (300 left), g3 10 % × 10 000 = 1 000 (9 000 left);
    // seat 2: u3 min(700, 300) = 300, g3 10 % × 9 000 = 900 (8 100 left)
    const g3 = await member(0);
    const u3 = await member(0, g3);
    await creditAsset(h.ctx, g3, 'GOLD', 10_000);
    await creditAsset(h.ctx, u3, 'GOLD', 1_000);
    const [l2, w2] = await members(2, CASH, u3);
    await duel(id, l2!, w2!);
    expect(await wallet(u3)).toMatchObject({ cash: 700 + 300, gold: 0 });
    expect(await wallet(g3)).toMatchObject({ cash: 1_000 + 900, gold: 8_100 });
  });

  it('house seats (平台补位) never win and generate nothing', async () => {
    const id = await publish(
      newSettings({
        priceFen: P,
        groupSize: 3,
        winners: 1,
        winnerRewards: {
          dividendPoints: rate(10_000),
          shoppingGold: null,
          goldRelease: null,
          consumptionPoints: null,
          hasBlindBox: true,
        },
        seatRewards: {
          referral: { direct: rate(200), indirect: null },
          teamTiers: [{ tierId: tier.t1, rank: 1, reward: rate(100) }],
          regional: { district: null, city: null, province: null },
          seatGoldRelease: null,
          uplineRelease: { direct: { kind: 'fixed', amount: 700 }, indirect: null },
        },
        pools: { monthlyPoolBp: 300, dailyPoolBp: 200 },
      }),
    );
    const u = await member(0);
    await setFacts(u, { tierId: tier.t1, promoterValidUntil: DAY1 });
    await creditAsset(h.ctx, u, 'GOLD', 1_000);
    const x = await member(CASH, u);
    const pools0 = await poolBalances();
    const r = await join(id, x);
    await fillWithHouseSeats(h.ctx, actor, r.groupId, '补位');
    const d = await drawOf(r.groupId);
    expect(await exclusions(r.groupId)).toEqual({ 1: null, 2: 'HOUSE', 3: 'HOUSE' });
    expect(d.winners).toEqual([1]);
    // one real seat's worth, no more: referral 200 + team 100 + release 700 = 1 000; gold 1 000 − 700
    expect(await wallet(u)).toMatchObject({ cash: 1_000, gold: 300 });
    expect(await wallet(x)).toMatchObject({ cash: CASH - P, dividend: P });
    const houseEntries = await h.ctx.db.execute<{ n: number }>(sql`
      select count(*)::int n from journal_entries
      where (ref->>'groupId')::bigint = ${r.groupId} and (ref->>'seatNo')::int in (2, 3)`);
    expect(houseEntries.rows[0]!.n).toBe(0);
    const pools1 = await poolBalances();
    expect(pools1.monthly - pools0.monthly).toBe(300); // 3 % × one winner's 10 000
    expect(pools1.daily - pools0.daily).toBe(200); // 2 % × 10 000
    const t = await h.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int n from blind_box_tickets where group_id = ${r.groupId}`,
    );
    expect(t.rows[0]!.n).toBe(1);
  });
});

// ---- §6 pools and the daily dividend weight

describe('pools and daily dividend weights (SPEC §6, per draw)', () => {
  it("take a rate of the winners' payments, rounded down once per draw; each win adds P to the day's weight", async () => {
    const P2 = 12_345;
    const id = await publish(
      newSettings({
        priceFen: P2,
        groupSize: 3,
        winners: 2,
        rules: { ...noRules, r1FirstOfDaySeatOne: true }, // seat 1 (a fresh member) cannot win: seats 2 and 3 win
        pools: { monthlyPoolBp: 333, dailyPoolBp: 250 },
      }),
    );
    const [w, x] = await members(2);
    const before = await poolBalances();
    const drawWithFresh = async () => {
      const f = await member();
      await join(id, f);
      await join(id, w!);
      const last = await join(id, x!);
      expect(last.result?.winners).toEqual([2, 3]);
      return f;
    };
    const f1 = await drawWithFresh();
    const f2 = await drawWithFresh();
    const after = await poolBalances();
    // per draw the winners paid 2 × 12 345 = 24 690:
    // monthly 24 690 × 333 / 10 000 = 822.17 → 822; daily 24 690 × 250 / 10 000 = 617.25 → 617
    expect(after.monthly - before.monthly).toBe(2 * 822);
    expect(after.daily - before.daily).toBe(2 * 617);
    // sales keep the rest: 2 × (24 690 − 822 − 617) = 46 502
    expect(after.sales - before.sales).toBe(46_502);
    expect(await weight(DAY1, w!)).toBe(2 * P2); // two wins today: 24 690
    expect(await weight(DAY1, x!)).toBe(2 * P2);
    expect(await weight(DAY1, f1)).toBeNull(); // losers have no weight
    expect(await weight(DAY1, f2)).toBeNull();

    h.clock.set('2026-11-26T04:00:00Z');
    await drawWithFresh();
    expect(await weight('2026-11-26', w!)).toBe(P2); // a new day, a new row
    expect(await weight(DAY1, w!)).toBe(2 * P2);
  });
});

// ---- §5 eligibility rules across several groups of one activity

describe('eligibility rules on real PostgreSQL (SPEC §5)', () => {
  it('R1: the first join of the day (platform-wide, platform calendar) cannot win on seat 1', async () => {
    const id = await publish(duelSettings());
    const [a, b, c, e1, e2, e3, e4] = await members(7);
    const g1 = await duel(id, a!, b!);
    expect(await exclusions(g1)).toEqual({ 1: 'R1', 2: null });
    expect(await bal(a!)).toBe(CASH); // lost: P back
    expect(await bal(b!)).toBe(CASH - P);

    // a's second join today, on seat 1 again: eligible
    await join(id, a!);
    const g2 = (await join(id, e1!)).groupId;
    expect(await exclusions(g2)).toEqual({ 1: null, 2: null });
    expect((await drawOf(g2)).winners).toHaveLength(1);

    // c's first join today is in another activity: seat 1 here is not its first of the day
    const other = await publish(newSettings({ priceFen: P }));
    await join(other, c!);
    await join(id, c!);
    const g3 = (await join(id, e2!)).groupId;
    expect(await exclusions(g3)).toEqual({ 1: null, 2: null });

    // the day ends at midnight Asia/Shanghai (16:00 UTC)
    h.clock.set('2026-11-25T15:59:00Z'); // 23:59 on the 25th: a has joined today
    await join(id, a!);
    const g4 = (await join(id, e3!)).groupId;
    expect(await exclusions(g4)).toEqual({ 1: null, 2: null });
    h.clock.set('2026-11-25T16:01:00Z'); // 00:01 on the 26th: a's first join of the new day
    const aCash = await bal(a!);
    const g5 = await duel(id, a!, e4!);
    expect(await exclusions(g5)).toEqual({ 1: 'R1', 2: null });
    expect(await bal(a!)).toBe(aCash); // lost: P back
    for (const g of [g1, g2, g3, g4, g5]) expect(verifyDraw(await drawOf(g)).ok).toBe(true);
  });

  it("R2: a member's first join ever cannot win on seat 1; later joins can", async () => {
    const id = await publish(duelSettings({ rules: { ...noRules, r2NewcomerSeatOne: true } }));
    const [a, b, c, d, e] = await members(5);
    const g1 = await duel(id, a!, b!);
    expect(await exclusions(g1)).toEqual({ 1: 'R2', 2: null });
    expect((await membersRepo.findMemberById(h.ctx.db, a!))!.firstJoinedAt).not.toBeNull();

    // the next day a's join is the first of the day, but not the first ever (R1 is off)
    h.clock.set('2026-11-26T04:00:00Z');
    await join(id, a!);
    const g2 = (await join(id, c!)).groupId; // c's first ever join, but on seat 2
    expect(await exclusions(g2)).toEqual({ 1: null, 2: null });

    // d's first ever join was in another activity
    const other = await publish(newSettings({ priceFen: P }));
    await join(other, d!);
    await join(id, d!);
    const g3 = (await join(id, e!)).groupId;
    expect(await exclusions(g3)).toEqual({ 1: null, 2: null });
    for (const g of [g1, g2, g3]) expect(verifyDraw(await drawOf(g)).ok).toBe(true);
  });

  it('R3 streak cooldown (2, 2) with policy fail: W W, then a failed group that moves nothing, then - -, then eligible', async () => {
    const id = await publish(
      duelSettings({
        rules: { ...noRules, r1FirstOfDaySeatOne: true, r3Streak: { wins: 2, cooldown: 2 } },
        loserRewards: { cashBonus: rate(300), goldRelease: null, consumptionPoints: null },
        winnerRewards: {
          dividendPoints: rate(10_000),
          shoppingGold: null,
          goldRelease: null,
          consumptionPoints: null,
          hasBlindBox: false,
        },
      }),
    );
    const w = await member(1_000_000);
    const [f1, f2, f3, f4, f5, f6] = await members(6);

    await duel(id, f1!, w); // W
    expect(await countersOf(id, w)).toEqual(counters({ streak: 1, sinceCooldownWins: 1 }));
    expect(await countersOf(id, f1!)).toEqual(counters({}));
    await duel(id, f2!, w); // W W → cooldown 2, the streak starts again
    const cooling = counters({
      streak: 0,
      sinceCooldownWins: 2,
      cooldownRemaining: 2,
      cooldownRule: 'R3',
    });
    expect(await countersOf(id, w)).toEqual(cooling);

    // f3 (R1) and w (R3): no seat eligible, M = 1 → the group fails
    const wCash = await bal(w);
    await join(id, f3!);
    const r3b = await join(id, w);
    expect(r3b.groupStatus).toBe('failed');
    expect(r3b.result).toEqual({ isWinner: false, winners: [] });
    const g3 = r3b.groupId;
    const failed = await group(g3);
    expect(failed.status).toBe('failed');
    expect(failed.failReason).toBe('conflict');
    expect(await exclusions(g3)).toEqual({ 1: 'R1', 2: 'R3' });
    expect((await drawOf(g3)).outcome).toBe('failed_conflict');
    expect(verifyDraw(await drawOf(g3)).ok).toBe(true);
    // everyone refunded in full: no bonus, no points
    expect(await wallet(f3!)).toEqual({ cash: CASH, gold: 0, dividend: 0, consumption: 0 });
    expect(await bal(w)).toBe(wCash);
    expect(await bal(w, 'DIVIDEND')).toBe(2 * P); // from the two wins only
    // no counter moved
    expect(await countersOf(id, w)).toEqual(cooling);
    expect(await countersOf(id, f3!)).toBeNull();
    const rewards = await h.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int n from journal_entries where (ref->>'groupId')::bigint = ${g3} and kind <> 'join' and kind <> 'refund'`,
    );
    expect(rewards.rows[0]!.n).toBe(0);

    // the next join opens a fresh group; w (seat 1, R3) cannot win: f4 must
    const r4 = await join(id, w);
    expect(r4.groupId).not.toBe(g3);
    expect(r4).toMatchObject({ seatNo: 1, groupStatus: 'open', seatsTaken: 1 });
    const r4b = await join(id, f4!);
    expect(r4b.result).toEqual({ isWinner: true, winners: [2] });
    expect(await exclusions(r4.groupId)).toEqual({ 1: 'R3', 2: null });
    expect(await countersOf(id, w)).toEqual({ ...cooling, cooldownRemaining: 1 });
    expect(await bal(w)).toBe(wCash + 300); // lost: P back + 3 % bonus

    const r5 = await join(id, w);
    const r5b = await join(id, f5!);
    expect(r5b.result?.winners).toEqual([2]);
    expect(await exclusions(r5.groupId)).toEqual({ 1: 'R3', 2: null });
    expect(await countersOf(id, w)).toEqual(counters({ sinceCooldownWins: 2 }));

    const g6 = await duel(id, f6!, w); // eligible again
    expect(await exclusions(g6)).toEqual({ 1: 'R1', 2: null });
    expect(await countersOf(id, w)).toEqual(counters({ streak: 1, sinceCooldownWins: 3 }));
  });

  it('R4 cumulative cooldown (2, 2) with policy random: W L W → cooldown; a forced win does not consume it', async () => {
    const id = await publish(
      duelSettings({
        rules: { ...noRules, r1FirstOfDaySeatOne: true, r4Cumulative: { wins: 2, cooldown: 2 } },
        conflictPolicy: 'random',
      }),
    );
    const w = await member(1_000_000);
    const [f1, f2, f3, f4] = await members(4);
    await duel(id, f1!, w); // W
    expect(await countersOf(id, w)).toEqual(counters({ streak: 1, sinceCooldownWins: 1 }));

    // the next day w's first join sits on seat 1 (R1): L — a loss does not reset R4's count
    h.clock.set('2026-11-26T04:00:00Z');
    const g2 = await duel(id, w, f2!);
    expect(await exclusions(g2)).toEqual({ 1: 'R1', 2: null });
    expect(await countersOf(id, w)).toEqual(counters({ streak: 0, sinceCooldownWins: 1 }));

    await duel(id, f3!, w); // W: the second win → cooldown 2, the count starts again
    expect(await countersOf(id, w)).toEqual(
      counters({ streak: 1, sinceCooldownWins: 0, cooldownRemaining: 2, cooldownRule: 'R4' }),
    );

    // a group with one house seat: w alone is real and ineligible (R4) → policy random: w wins
    const opened = await openWithHouseSeats(h.ctx, actor, id, 1, '手动开团');
    const wCash = await bal(w);
    const r = await join(id, w);
    expect(r.groupId).toBe(opened.id);
    expect(r.result).toEqual({ isWinner: true, winners: [2] });
    const d = await drawOf(opened.id);
    expect(await exclusions(opened.id)).toEqual({ 1: 'HOUSE', 2: 'R4' });
    expect(d.forcedWinners).toEqual([2]);
    expect(verifyDraw(d).ok).toBe(true);
    expect(await bal(w)).toBe(wCash - P); // a win: P paid
    // counted as a win (streak, R4 count), and the cooldown is not consumed
    expect(await countersOf(id, w)).toEqual(
      counters({ streak: 2, sinceCooldownWins: 1, cooldownRemaining: 2, cooldownRule: 'R4' }),
    );

    const r5 = await join(id, w); // seat 1, not the first join of the day: R4 excludes
    await join(id, f4!);
    expect(await exclusions(r5.groupId)).toEqual({ 1: 'R4', 2: null });
    expect((await drawOf(r5.groupId)).winners).toEqual([2]);
    expect(await countersOf(id, w)).toEqual(
      counters({ streak: 0, sinceCooldownWins: 1, cooldownRemaining: 1, cooldownRule: 'R4' }),
    );
  });

  it('R5 window (3, 1): W - - in the first block, eligible again in the next', async () => {
    const id = await publish(
      duelSettings({
        rules: { ...noRules, r1FirstOfDaySeatOne: true, r5Window: { block: 3, maxWins: 1 } },
      }),
    );
    const w = await member(1_000_000);
    const [f1, f2, f3, f4] = await members(4);
    await duel(id, f1!, w); // W
    expect(await countersOf(id, w)).toEqual(
      counters({ streak: 1, sinceCooldownWins: 1, windowPos: 1, windowWins: 1 }),
    );
    const g2 = await duel(id, w, f2!); // w on seat 1 (not its first join today): R5
    expect(await exclusions(g2)).toEqual({ 1: 'R5', 2: null });
    expect(await countersOf(id, w)).toEqual(
      counters({ sinceCooldownWins: 1, windowPos: 2, windowWins: 1 }),
    );
    expect(await countersOf(id, f2!)).toEqual(
      counters({ streak: 1, sinceCooldownWins: 1, windowPos: 1, windowWins: 1 }),
    );
    const g3 = await duel(id, w, f3!); // still the first block: R5
    expect(await exclusions(g3)).toEqual({ 1: 'R5', 2: null });
    expect(await countersOf(id, w)).toEqual(counters({ sinceCooldownWins: 1 })); // block done
    const g4 = await duel(id, f4!, w); // a new block: w can win
    expect(await exclusions(g4)).toEqual({ 1: 'R1', 2: null });
    expect(await countersOf(id, w)).toEqual(
      counters({ streak: 1, sinceCooldownWins: 2, windowPos: 1, windowWins: 1 }),
    );
  });

  it('policy random: an ineligible real member wins against house seats, gets the winner rewards, and the draw verifies', async () => {
    const id = await publish(
      newSettings({
        priceFen: P,
        groupSize: 3,
        winners: 1,
        rules: { ...noRules, r1FirstOfDaySeatOne: true },
        conflictPolicy: 'random',
        winnerRewards: {
          dividendPoints: rate(10_000),
          shoppingGold: null,
          goldRelease: null,
          consumptionPoints: null,
          hasBlindBox: false,
        },
      }),
    );
    const f = await member();
    const r = await join(id, f); // seat 1, first join of the day: R1
    await fillWithHouseSeats(h.ctx, actor, r.groupId, '补位');
    const d = await drawOf(r.groupId);
    expect(await exclusions(r.groupId)).toEqual({ 1: 'R1', 2: 'HOUSE', 3: 'HOUSE' });
    expect(d).toMatchObject({ outcome: 'drawn', winners: [1], forcedWinners: [1] });
    expect(verifyDraw(d).ok).toBe(true);
    expect(verifyDraw({ ...d, forcedWinners: [] }).ok).toBe(false);
    expect(await wallet(f)).toMatchObject({ cash: CASH - P, dividend: P });
    expect(await countersOf(id, f)).toEqual(counters({ streak: 1, sinceCooldownWins: 1 }));
    expect((await group(r.groupId)).status).toBe('drawn');
  });

  it('policy fail with house seats: the group fails, the member is refunded in full, and the next join opens a fresh group', async () => {
    const id = await publish(
      newSettings({
        priceFen: P,
        groupSize: 3,
        winners: 1,
        rules: { ...noRules, r1FirstOfDaySeatOne: true },
        conflictPolicy: 'fail',
        loserRewards: { cashBonus: rate(500), goldRelease: null, consumptionPoints: null },
      }),
    );
    const f = await member();
    const r = await join(id, f);
    await fillWithHouseSeats(h.ctx, actor, r.groupId, '补位');
    expect((await group(r.groupId)).status).toBe('failed');
    expect((await drawOf(r.groupId)).outcome).toBe('failed_conflict');
    expect(await bal(f)).toBe(CASH); // P back, no bonus
    expect(await countersOf(id, f)).toBeNull();
    const again = await join(id, f);
    expect(again.groupId).not.toBe(r.groupId);
    expect(again).toMatchObject({ seatNo: 1, groupStatus: 'open' });
  });
});

describe('seat results (what /me/groups shows)', () => {
  it('records won and lost on a drawn group and refunded on a failed one', async () => {
    const id = await publish(
      duelSettings({
        rules: { ...noRules, r1FirstOfDaySeatOne: true, r3Streak: { wins: 1, cooldown: 1 } },
      }),
    );
    const [f1, w, f2] = await members(3);
    const drawn = await duel(id, f1!, w!); // w wins, then cools down for one participation
    await join(id, f2!); // seat 1, R1
    const failed = (await join(id, w!)).groupId; // seat 2, R3: no seat eligible → fails
    expect((await group(failed)).status).toBe('failed');
    const results = async (g: number) =>
      (await groupBuyRepo.groupSeats(h.ctx.db, g)).map((s) => s.result);
    expect(await results(drawn)).toEqual(['lost', 'won']);
    expect(await results(failed)).toEqual(['refunded', 'refunded']);
  });
});

describe('after everything', () => {
  it('every published draw verifies and the ledger holds', async () => {
    const drawn = await h.ctx.db.execute<{ id: number }>(
      sql`select id from groups where draw is not null order by id`,
    );
    expect(drawn.rows.length).toBeGreaterThan(30);
    for (const r of drawn.rows) {
      const v = verifyDraw(await drawOf(Number(r.id)));
      expect(v, `group ${r.id}`).toEqual({ ok: true });
    }
    const escrow = await ledgerRepo.platformBalances(h.ctx.db);
    const open = await h.ctx.db.execute<{ s: string }>(sql`
      select coalesce(sum(seat_count), 0)::text s from groups where status = 'open'`);
    // escrow holds exactly the open groups' real seats (every house seat here is in a closed group)
    const escrowBalance =
      escrow.find((b) => b.purpose === 'escrow' && b.asset === 'CASH')?.balance ?? 0;
    expect(escrowBalance).toBe(Number(open.rows[0]!.s) * P);
    const report = await ledgerRepo.checkLedger(h.ctx.db);
    expect(report).toMatchObject({
      ok: true,
      unbalancedAssets: [],
      unbalancedEntries: [],
      balanceMismatches: [],
      negativeMemberBalances: [],
    });
  });
});
