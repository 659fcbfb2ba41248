import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { example1, type ActivitySettings } from '@pingou/engine';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMembersWithCash, newOperator, rechargeCash } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let op: Awaited<ReturnType<typeof newOperator>>;
let auditor: Awaited<ReturnType<typeof newOperator>>;
let activityId: number;
let members: number[];

const settings = (): ActivitySettings => ({
  ...example1(),
  seatRewards: { ...example1().seatRewards, teamTiers: [] },
});

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  op = await newOperator(h.ctx, 'operator');
  auditor = await newOperator(h.ctx, 'auditor');
  const c = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/activities',
    headers: op.auth,
    payload: { name: '看板活动', settings: settings() },
  });
  activityId = c.json().id;
  await app.inject({
    method: 'POST',
    url: `/api/v1/admin/activities/${activityId}/publish`,
    headers: op.auth,
  });
  members = await newMembersWithCash(h.ctx, 10, 100_000);
  await rechargeCash(h.ctx, members[0]!, 50_000);
  // one full group (10 seats, drawn) and one seat of the next group
  for (const [i, m] of members.entries())
    await joinGroup(h.ctx, m, { activityId, optionId: 1, clientSeed: '' }, `console-join-${i}`);
  await joinGroup(h.ctx, members[0]!, { activityId, optionId: 1, clientSeed: '' }, 'console-x');
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('console read models', () => {
  it('dashboard: today counts the joins, the draw, the recharge and the draw profit', async () => {
    const r = await app.inject({ url: '/api/v1/admin/dashboard', headers: auditor.auth });
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.series).toHaveLength(30);
    expect(d.series.at(-1).day).toBe(d.today);
    expect(d.todayFigures.joins).toBe(11);
    expect(d.todayFigures.groupsDrawn).toBe(1);
    // 10 × 100,000 bulk cash through payment clearing plus one 50,000 recharge
    expect(d.todayFigures.cashInFen).toBe(1_050_000);
    expect(d.todayFigures.cashOutFen).toBe(0);
    const s = await app.inject({ url: `/api/v1/admin/groups/1/statement`, headers: op.auth });
    expect(d.todayFigures.cashProfitFen).toBe(s.json().statement.cashProfit);
    expect(d.monthFigures.joins).toBe(11);
    expect(d.outstanding.shoppingGold).toBeGreaterThan(0);
    expect(d.outstanding.monthlyPoolFen).toBeGreaterThan(0);
    expect(d.outstanding.pendingWithdrawalsCount).toBe(0);
  });

  it('ledger explorer: filters by member, kind and day, pages by posting id', async () => {
    const m = members[0]!;
    const all = await app.inject({
      url: `/api/v1/admin/ledger/postings?memberId=${m}&limit=2`,
      headers: auditor.auth,
    });
    expect(all.statusCode, all.body).toBe(200);
    const p1 = all.json();
    expect(p1.items).toHaveLength(2);
    expect(p1.items.every((i: { memberId: number }) => i.memberId === m)).toBe(true);
    const p2 = await app.inject({
      url: `/api/v1/admin/ledger/postings?memberId=${m}&limit=2&before=${p1.nextBefore}`,
      headers: auditor.auth,
    });
    expect(p2.json().items[0].postingId).toBeLessThan(p1.nextBefore);
    const joins = await app.inject({
      url: `/api/v1/admin/ledger/postings?kind=join&asset=CASH&purpose=escrow&limit=100`,
      headers: auditor.auth,
    });
    expect(joins.json().items).toHaveLength(11);
    const future = await app.inject({
      url: `/api/v1/admin/ledger/postings?from=2099-01-01`,
      headers: auditor.auth,
    });
    expect(future.json().items).toEqual([]);
    const bad = await app.inject({
      url: `/api/v1/admin/ledger/postings?kind=x;drop`,
      headers: auditor.auth,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('groups by activity, state and day, with the activity name and profit', async () => {
    const r = await app.inject({
      url: `/api/v1/admin/console/groups?activityId=${activityId}&status=drawn`,
      headers: auditor.auth,
    });
    expect(r.statusCode, r.body).toBe(200);
    const [g] = r.json().items;
    expect(g).toMatchObject({ activityName: '看板活动', status: 'drawn', seatsTaken: 10 });
    expect(g.cashProfitFen).not.toBeNull();
    const open = await app.inject({
      url: `/api/v1/admin/console/groups?status=open&from=2000-01-01&to=2099-12-31`,
      headers: auditor.auth,
    });
    expect(open.json().items).toHaveLength(1);
    const none = await app.inject({
      url: `/api/v1/admin/console/groups?to=2000-01-01`,
      headers: auditor.auth,
    });
    expect(none.json().items).toEqual([]);
  });

  it('needs a signed-in operator', async () => {
    const r = await app.inject({ url: '/api/v1/admin/dashboard' });
    expect(r.statusCode).toBe(401);
  });
});
