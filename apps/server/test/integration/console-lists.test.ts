/**
 * Console lists page and filter on the server (issue 5): orders by activity, platform day and
 * order number with their group's real state; activities paged and filtered by status, name and
 * zone, while the unpaged list the pickers read stays as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { example1, platformDay, type ActivitySettings } from '@pingou/engine';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMembersWithCash, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let auditor: Awaited<ReturnType<typeof newOperator>>;
const ids: Record<'first' | 'second' | 'bigDraft' | 'percentDraft', number> = {
  first: 0,
  second: 0,
  bigDraft: 0,
  percentDraft: 0,
};

interface OrderItem {
  orderNo: string;
  activityId: number;
  groupId: number | null;
  groupStatus: string | null;
  createdAt: string;
}

const settings = (): ActivitySettings => ({
  ...example1(),
  seatRewards: { ...example1().seatRewards, teamTiers: [] },
});

async function get<T = { items: OrderItem[]; nextBefore: number | null }>(url: string) {
  const r = await app.inject({ url, headers: auditor.auth });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as T;
}

async function newActivity(
  op: { auth: Record<string, string> },
  name: string,
  opts: { isLargeZone?: boolean; publish?: boolean } = {},
) {
  const c = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/activities',
    headers: op.auth,
    payload: { name, isLargeZone: opts.isLargeZone ?? false, settings: settings() },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as number;
  if (opts.publish)
    await app.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${id}/publish`,
      headers: op.auth,
    });
  return id;
}

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  const op = await newOperator(h.ctx, 'operator');
  auditor = await newOperator(h.ctx, 'auditor');
  ids.first = await newActivity(op, '甲 列表活动', { publish: true });
  ids.second = await newActivity(op, '乙 列表活动', { publish: true });
  ids.bigDraft = await newActivity(op, '大额 丙', { isLargeZone: true });
  ids.percentDraft = await newActivity(op, 'Sale 100%_off');
  const members = await newMembersWithCash(h.ctx, 10, 100_000);
  // one drawn group in each published activity, and one open seat in the first
  for (const activityId of [ids.first, ids.second])
    for (const [i, m] of members.entries())
      await joinGroup(
        h.ctx,
        m,
        { activityId, optionId: 1, clientSeed: '' },
        `lists-${activityId}-${i}`,
      );
  await joinGroup(
    h.ctx,
    members[0]!,
    { activityId: ids.first, optionId: 1, clientSeed: '' },
    'lists-x',
  );
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('orders: activity, platform day, order number, group state', () => {
  it('filters by activity and shows the group state from the group row', async () => {
    const all = await get('/api/v1/admin/orders?limit=100');
    const winners = settings().winners;
    expect(all.items).toHaveLength(2 * winners);
    const first = await get(`/api/v1/admin/orders?activityId=${ids.first}`);
    expect(first.items).toHaveLength(winners);
    expect(first.items.every((o) => o.activityId === ids.first)).toBe(true);
    expect(first.items.every((o) => o.groupStatus === 'drawn')).toBe(true);
    const none = await get(`/api/v1/admin/orders?activityId=${ids.bigDraft}`);
    expect(none.items).toEqual([]);
    // paged on the server with the filter applied
    const p1 = await get(`/api/v1/admin/orders?activityId=${ids.second}&limit=2`);
    expect(p1.items).toHaveLength(2);
    const p2 = await get(
      `/api/v1/admin/orders?activityId=${ids.second}&limit=2&before=${p1.nextBefore}`,
    );
    expect(p1.items.length + p2.items.length).toBe(winners);
    expect(p2.nextBefore).toBeNull();
    expect(p2.items.every((o) => o.activityId === ids.second)).toBe(true);
  });

  it('finds one order by its number, whatever the case', async () => {
    const [o] = (await get(`/api/v1/admin/orders?activityId=${ids.second}&limit=1`)).items;
    const r = await get(`/api/v1/admin/orders?orderNo=${o!.orderNo.toLowerCase()}`);
    expect(r.items.map((x) => x.orderNo)).toEqual([o!.orderNo]);
    expect((await get('/api/v1/admin/orders?orderNo=NOSUCHORDER1')).items).toEqual([]);
    const bad = await app.inject({
      url: '/api/v1/admin/orders?orderNo=x%25y',
      headers: auditor.auth,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('filters by the platform day an order was created (Asia/Shanghai, not UTC)', async () => {
    const [o] = (await get(`/api/v1/admin/orders?activityId=${ids.first}&limit=1`)).items;
    // 2026-11-24 16:30 UTC is 2026-11-25 00:30 in the platform's zone
    await h.ctx.db.execute(
      sql`update orders set created_at = '2026-11-24T16:30:00Z' where order_no = ${o!.orderNo}`,
    );
    const nos = async (q: string) =>
      (await get(`/api/v1/admin/orders?limit=100&${q}`)).items.map((x) => x.orderNo);
    expect(await nos('from=2026-11-25&to=2026-11-25')).toContain(o!.orderNo);
    expect(await nos('from=2026-11-24&to=2026-11-24')).not.toContain(o!.orderNo);
    expect(await nos('to=2026-11-24')).not.toContain(o!.orderNo);
    expect(await nos('from=2026-11-26')).not.toContain(o!.orderNo);
    // the other orders were created now: today's platform day holds them, and only them
    const today = platformDay(new Date(), h.ctx.config.timeZone);
    const todays = await nos(`from=${today}&to=${today}&activityId=${ids.second}`);
    expect(todays).toHaveLength(settings().winners);
    expect(await nos(`to=2000-01-01`)).toEqual([]);
    const bad = await app.inject({
      url: '/api/v1/admin/orders?from=2026-13-01',
      headers: auditor.auth,
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('activities: paged and filtered on the server', () => {
  type Page = {
    items: { id: number; name: string; status: string; isLargeZone: boolean }[];
    nextBefore: number | null;
  };

  it('without paging parameters answers the whole list in id order, as before', async () => {
    const r = await get<Page>('/api/v1/admin/activities');
    expect(r.items.map((a) => a.id)).toEqual(
      [ids.first, ids.second, ids.bigDraft, ids.percentDraft].sort((a, b) => a - b),
    );
    expect(r.nextBefore).toBeNull();
  });

  it('pages newest first with the other lists’ shape', async () => {
    const p1 = await get<Page>('/api/v1/admin/activities?limit=3');
    expect(p1.items.map((a) => a.id)).toEqual([ids.percentDraft, ids.bigDraft, ids.second]);
    expect(p1.nextBefore).toBe(ids.second);
    const p2 = await get<Page>(`/api/v1/admin/activities?limit=3&before=${p1.nextBefore}`);
    expect(p2.items.map((a) => a.id)).toEqual([ids.first]);
    expect(p2.nextBefore).toBeNull();
  });

  it('filters by status, name (literally, any case) and zone', async () => {
    const names = async (q: string) =>
      (await get<Page>(`/api/v1/admin/activities?limit=20&${q}`)).items.map((a) => a.name);
    expect(await names('status=published')).toEqual(['乙 列表活动', '甲 列表活动']);
    expect(await names('status=draft')).toEqual(['Sale 100%_off', '大额 丙']);
    expect(await names(`name=${encodeURIComponent('列表')}`)).toEqual([
      '乙 列表活动',
      '甲 列表活动',
    ]);
    expect(await names('name=SALE')).toEqual(['Sale 100%_off']);
    // % and _ are text, not wildcards
    expect(await names(`name=${encodeURIComponent('%_')}`)).toEqual(['Sale 100%_off']);
    expect(await names(`name=${encodeURIComponent('_')}`)).toEqual(['Sale 100%_off']);
    expect(await names('largeZone=true')).toEqual(['大额 丙']);
    expect(await names('largeZone=false&status=draft')).toEqual(['Sale 100%_off']);
    // the filters hold in the unpaged list too
    const unpaged = await get<Page>('/api/v1/admin/activities?status=published');
    expect(unpaged.items.map((a) => a.id)).toEqual([ids.first, ids.second]);
  });

  it('refuses unbounded or unknown parameters', async () => {
    for (const q of [
      'limit=101',
      'largeZone=yes',
      `name=${'x'.repeat(65)}`,
      'before=3000000000',
      'sort=name',
    ])
      expect(
        (await app.inject({ url: `/api/v1/admin/activities?${q}`, headers: auditor.auth }))
          .statusCode,
        q,
      ).toBe(400);
  });
});
