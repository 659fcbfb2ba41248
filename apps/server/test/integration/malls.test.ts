/**
 * The points mall (积分商城) and the voucher mall (购物券专区) through HTTP on real
 * PostgreSQL: voucher kinds named by the operator, items and stock, redemptions that
 * extinguish points and sell the cash part in one entry, stock that never goes below
 * zero under concurrent redemption, refusals that change nothing, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { inTransaction, ledgerRepo, membersRepo } from '@pingou/db';
import { voucherAsset, type Asset } from '@pingou/engine';
import { issueToken } from '../../src/use-cases/auth/sessions';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMember, newMembersWithCash, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
type Op = Awaited<ReturnType<typeof newOperator>>;
type Auth = { id: number; auth: Record<string, string> };
let operator: Op;
let auditor: Op;
let finance: Op;
let superAdmin: Op;

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  operator = await newOperator(h.ctx, 'operator');
  auditor = await newOperator(h.ctx, 'auditor');
  finance = await newOperator(h.ctx, 'finance');
  superAdmin = await newOperator(h.ctx, 'super_admin');
});
afterAll(async () => {
  await app.close();
  await h.close();
});

// ---- helpers

let keySeq = 0;
const newKey = () => `mall-key-${++keySeq}-${Math.random().toString(36).slice(2, 10)}`;

const balance = (m: { id: number }, asset: Asset) =>
  ledgerRepo.memberBalance(h.ctx.db, m.id, asset);

async function platform(purpose: string, asset: string): Promise<number> {
  const rows = await ledgerRepo.platformBalances(h.ctx.db);
  return rows.find((r) => r.purpose === purpose && r.asset === asset)?.balance ?? 0;
}

/** A signed-in member holding the given balances. */
async function memberWith(balances: Partial<Record<Asset, number>>): Promise<Auth> {
  const m = await newMember(h.ctx);
  for (const [asset, amount] of Object.entries(balances))
    if (amount) await creditAsset(h.ctx, m.id, asset as Asset, amount);
  return m;
}

/** Many signed-in members at once, each with cash and consumption points. */
async function manyMembers(count: number, cashFen: number, points: number): Promise<Auth[]> {
  const ids = await newMembersWithCash(h.ctx, count, cashFen);
  const out: Auth[] = [];
  for (const id of ids) {
    await creditAsset(h.ctx, id, 'CONSUMPTION', points);
    const t = await h.ctx.db.transaction((tx) => issueToken(h.ctx, tx, 'member', id));
    out.push({ id, auth: { authorization: `Bearer ${t.token}` } });
  }
  return out;
}

const post = (who: { auth: Record<string, string> }, url: string, payload: object) =>
  app.inject({ method: 'POST', url, headers: who.auth, payload });
const patch = (who: { auth: Record<string, string> }, url: string, payload: object) =>
  app.inject({ method: 'PATCH', url, headers: who.auth, payload });

async function newVoucherKind(name: string) {
  const res = await post(operator, '/api/v1/admin/voucher-kinds', { name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; asset: string; name: string };
}

async function newItem(payload: Record<string, unknown>) {
  const res = await post(operator, '/api/v1/admin/mall/items', {
    name: '保温杯',
    kind: 'product',
    mall: 'points',
    ...payload,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; stock: number; asset: string };
}

function redeem(m: Auth, payload: Record<string, unknown>, key: string | null = newKey()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/me/mall/redemptions',
    headers: { ...m.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
}

async function stockOf(itemId: number) {
  const r = await h.ctx.db.execute<{ stock: number }>(
    sql`select stock from mall_items where id = ${itemId}`,
  );
  return Number(r.rows[0]!.stock);
}

/** Everything a refused request must leave exactly as it was. */
async function snapshot(...members: { id: number }[]) {
  const r = await h.ctx.db.execute<{
    redemptions: string;
    audits: string;
  }>(sql`select
    (select count(*) from mall_redemptions)::text as redemptions,
    (select count(*) from orders)::text as orders,
    (select coalesce(string_agg(id || ':' || stock, ',' order by id), '') from mall_items) as stock,
    (select count(*) from journal_entries)::text as entries,
    (select count(*) from postings)::text as postings,
    (select count(*) from audit_log)::text as audits,
    (select count(*) from idempotency_keys)::text as idempotency`);
  const balances = await Promise.all(
    members.map(async (m) =>
      (await ledgerRepo.memberBalances(h.ctx.db, m.id)).map((b) => b.balance),
    ),
  );
  return { ...r.rows[0], balances };
}

// ---- the tests

describe('voucher kinds', () => {
  it('are created and renamed by operators, audited, and name the wallet balances', async () => {
    const kind = await newVoucherKind('春节购物券');
    expect(kind.asset).toBe(`VOUCHER:${kind.id}`);
    const m = await memberWith({ [voucherAsset(kind.id)]: 10_000 });
    const label = async () => {
      const res = await app.inject({ url: '/api/v1/me/wallet', headers: m.auth });
      const b = (res.json().balances as { asset: string; label: { zh: string } }[]).find(
        (x) => x.asset === kind.asset,
      );
      return b?.label.zh;
    };
    expect(await label()).toBe('春节购物券');

    const renamed = await patch(operator, `/api/v1/admin/voucher-kinds/${kind.id}`, {
      name: '新春购物券',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(await label()).toBe('新春购物券');

    const dup = await post(operator, '/api/v1/admin/voucher-kinds', { name: '新春购物券' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('VOUCHER_KIND_NAME_TAKEN');
    const missing = await patch(operator, '/api/v1/admin/voucher-kinds/99999', { name: 'x' });
    expect(missing.json().error.code).toBe('VOUCHER_KIND_NOT_FOUND');

    const list = await app.inject({ url: '/api/v1/admin/voucher-kinds', headers: auditor.auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((k: { name: string }) => k.name)).toContain('新春购物券');

    const audits = await h.ctx.db.execute<{ action: string }>(
      sql`select action from audit_log where target_kind = 'voucher_kind' and target_id = ${String(kind.id)} order by id`,
    );
    expect(audits.rows.map((r) => r.action)).toEqual([
      'voucher_kind.create',
      'voucher_kind.update',
    ]);
  });

  it('an inactive kind cannot get new items', async () => {
    const kind = await newVoucherKind('停用券');
    await patch(operator, `/api/v1/admin/voucher-kinds/${kind.id}`, { isActive: false });
    const res = await post(operator, '/api/v1/admin/mall/items', {
      mall: 'voucher',
      voucherKindId: kind.id,
      name: 'x',
      kind: 'virtual',
      pointsPrice: 100,
      stock: 1,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('VOUCHER_KIND_INACTIVE');
  });
});

describe('redemption', () => {
  it('points mall: exact balances, one entry, a product order awaiting its address', async () => {
    const item = await newItem({ pointsPrice: 1_000, cashPriceFen: 500, stock: 10 });
    expect(item.asset).toBe('CONSUMPTION');
    const m = await memberWith({ CONSUMPTION: 5_000, CASH: 2_000 });
    const issuanceBefore = await platform('issuance', 'CONSUMPTION');
    const salesBefore = await platform('sales', 'CASH');

    const res = await redeem(m, { itemId: item.id, quantity: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      itemId: item.id,
      mall: 'points',
      quantity: 2,
      asset: 'CONSUMPTION',
      pointsPaid: 2_000,
      cashPaidFen: 1_000,
      orderStatus: 'awaiting_address',
    });
    expect(await balance(m, 'CONSUMPTION')).toBe(3_000);
    expect(await balance(m, 'CASH')).toBe(1_000);
    // Points are extinguished into issuance; the cash part is a sale.
    expect(await platform('issuance', 'CONSUMPTION')).toBe(issuanceBefore + 2_000);
    expect(await platform('sales', 'CASH')).toBe(salesBefore + 1_000);
    expect(await stockOf(item.id)).toBe(8);

    const entry = await h.ctx.db.execute<{ kind: string; n: number }>(
      sql`select e.kind, count(p.id)::int as n from journal_entries e join postings p on p.entry_id = e.id
          where e.idempotency_key = ${`mall:${r.orderNo}`} group by e.kind`,
    );
    expect(entry.rows).toEqual([{ kind: 'mall_redeem', n: 4 }]);

    // The order follows the usual delivery states: 待填地址 → 待发货.
    const orders = await app.inject({ url: '/api/v1/me/orders', headers: m.auth });
    const order = orders.json().items.find((o: { orderNo: string }) => o.orderNo === r.orderNo);
    expect(order).toMatchObject({ source: 'mall', status: 'awaiting_address', kind: 'product' });
    const addr = await app.inject({
      method: 'PUT',
      url: `/api/v1/me/orders/${r.orderNo}/address`,
      headers: m.auth,
      payload: {
        name: '张三',
        phone: '13800000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      },
    });
    expect(addr.statusCode, addr.body).toBe(200);
    expect(addr.json().status).toBe('awaiting_shipment');

    const history = await app.inject({
      url: '/api/v1/me/wallet/history?asset=CONSUMPTION',
      headers: m.auth,
    });
    expect(history.json().items[0]).toMatchObject({ kind: 'mall_redeem', amount: -2_000 });
  });

  it('voucher mall: the voucher kind is spent, a virtual item is completed at once', async () => {
    const kind = await newVoucherKind('会员券');
    const asset = voucherAsset(kind.id);
    const item = await newItem({
      mall: 'voucher',
      voucherKindId: kind.id,
      name: '话费充值卡',
      kind: 'virtual',
      pointsPrice: 3_000,
      stock: 3,
    });
    expect(item.asset).toBe(asset);
    const m = await memberWith({ [asset]: 4_000, CONSUMPTION: 9_000, CASH: 100 });
    const res = await redeem(m, { itemId: item.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      orderStatus: 'completed',
      pointsPaid: 3_000,
      cashPaidFen: 0,
    });
    expect(await balance(m, asset)).toBe(1_000);
    expect(await balance(m, 'CONSUMPTION')).toBe(9_000);
    expect(await balance(m, 'CASH')).toBe(100);
    expect(await platform('issuance', asset)).toBe(-4_000 + 3_000);

    // Not enough of this kind now: refused, nothing changed.
    const before = await snapshot(m);
    const again = await redeem(m, { itemId: item.id });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.code).toBe('INSUFFICIENT_VOUCHERS');
    expect(await snapshot(m)).toEqual(before);
  });

  it('a retried Idempotency-Key has one effect; the same key with another body is refused', async () => {
    const item = await newItem({ pointsPrice: 700, cashPriceFen: 30, stock: 5 });
    const m = await memberWith({ CONSUMPTION: 10_000, CASH: 1_000 });
    const key = newKey();
    const first = await redeem(m, { itemId: item.id }, key);
    expect(first.statusCode, first.body).toBe(201);
    const after = await snapshot(m);
    const [second, third] = await Promise.all([
      redeem(m, { itemId: item.id }, key),
      redeem(m, { itemId: item.id }, key),
    ]);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(third.json()).toEqual(first.json());
    expect(await snapshot(m)).toEqual(after);
    expect(await balance(m, 'CONSUMPTION')).toBe(9_300);
    expect(await balance(m, 'CASH')).toBe(970);
    expect(await stockOf(item.id)).toBe(4);

    const reused = await redeem(m, { itemId: item.id, quantity: 2 }, key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await snapshot(m)).toEqual(after);

    const noKey = await redeem(m, { itemId: item.id }, null);
    expect(noKey.statusCode).toBe(400);
    expect(await snapshot(m)).toEqual(after);
  });

  it('refusals change nothing: out of stock, no points, no cash, off sale, unknown, frozen', async () => {
    const item = await newItem({ pointsPrice: 1_000, cashPriceFen: 200, stock: 1 });
    const rich = await memberWith({ CONSUMPTION: 10_000, CASH: 10_000 });
    const noPoints = await memberWith({ CONSUMPTION: 999, CASH: 10_000 });
    const noCash = await memberWith({ CONSUMPTION: 10_000, CASH: 199 });
    const frozen = await memberWith({ CONSUMPTION: 10_000, CASH: 10_000 });
    await inTransaction(h.ctx.db, (tx) =>
      membersRepo.updateMember(tx, frozen.id, { isFrozen: true }),
    );
    const all = [rich, noPoints, noCash, frozen];

    const refused = async (
      m: Auth,
      payload: Record<string, unknown>,
      status: number,
      code: string,
    ) => {
      const before = await snapshot(...all);
      const res = await redeem(m, payload);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await snapshot(...all)).toEqual(before);
    };
    await refused(noPoints, { itemId: item.id }, 422, 'INSUFFICIENT_CONSUMPTION_POINTS');
    await refused(noCash, { itemId: item.id }, 422, 'INSUFFICIENT_CASH');
    await refused(frozen, { itemId: item.id }, 403, 'MEMBER_FROZEN');
    await refused(rich, { itemId: item.id, quantity: 2 }, 409, 'OUT_OF_STOCK');
    await refused(rich, { itemId: 999_999 }, 404, 'MALL_ITEM_NOT_FOUND');
    await refused(rich, { itemId: item.id, quantity: 0 }, 400, 'VALIDATION_FAILED');
    await refused(rich, { itemId: item.id, extra: 1 }, 400, 'VALIDATION_FAILED');

    expect((await redeem(rich, { itemId: item.id })).statusCode).toBe(201);
    await refused(rich, { itemId: item.id }, 409, 'OUT_OF_STOCK');

    const off = await newItem({ pointsPrice: 100, stock: 5 });
    expect(
      (await patch(operator, `/api/v1/admin/mall/items/${off.id}`, { isActive: false })).statusCode,
    ).toBe(200);
    await refused(rich, { itemId: off.id }, 409, 'MALL_ITEM_OFF_SHELF');
  });

  it('stock never goes below zero: 30 concurrent redemptions of 5 in stock, exactly 5 succeed', async () => {
    const item = await newItem({ pointsPrice: 1_000, cashPriceFen: 100, stock: 5 });
    const members = await manyMembers(30, 500, 2_000);
    const issuanceBefore = await platform('issuance', 'CONSUMPTION');
    const salesBefore = await platform('sales', 'CASH');
    const results = await Promise.all(members.map((m) => redeem(m, { itemId: item.id })));

    const ok = results.filter((r) => r.statusCode === 201);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(ok).toHaveLength(5);
    expect(refused).toHaveLength(25);
    for (const r of refused) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('OUT_OF_STOCK');
    }
    expect(await stockOf(item.id)).toBe(0);
    const counts = await h.ctx.db.execute<{ redemptions: number; orders: number }>(sql`select
      (select count(*)::int from mall_redemptions where item_id = ${item.id}) as redemptions,
      (select count(*)::int from orders o join mall_redemptions r on r.order_no = o.order_no
        where r.item_id = ${item.id} and o.source = 'mall') as orders`);
    expect(counts.rows[0]).toEqual({ redemptions: 5, orders: 5 });

    const winners = new Set(ok.map((r) => r.json().orderNo as string));
    expect(winners.size).toBe(5);
    let paid = 0;
    for (const m of members) {
      const points = await balance(m, 'CONSUMPTION');
      const cashFen = await balance(m, 'CASH');
      expect([points, cashFen]).toSatisfy(
        ([p, c]: number[]) => (p === 2_000 && c === 500) || (p === 1_000 && c === 400),
      );
      if (points === 1_000) paid++;
    }
    expect(paid).toBe(5);
    expect(await platform('issuance', 'CONSUMPTION')).toBe(issuanceBefore + 5_000);
    expect(await platform('sales', 'CASH')).toBe(salesBefore + 500);

    // Restocking adds to what is left, audited.
    const restock = await post(operator, `/api/v1/admin/mall/items/${item.id}/restock`, {
      quantity: 3,
    });
    expect(restock.statusCode, restock.body).toBe(200);
    expect(restock.json().stock).toBe(3);
    const audits = await h.ctx.db.execute<{ action: string }>(
      sql`select action from audit_log where target_kind = 'mall_item' and target_id = ${String(item.id)} order by id`,
    );
    expect(audits.rows.map((r) => r.action)).toEqual(['mall_item.create', 'mall_item.restock']);
  });
});

describe('items', () => {
  it('members see only what is on sale in each mall, paged; operators see everything', async () => {
    const kind = await newVoucherKind('列表券');
    const a = await newItem({ name: '在售 A', pointsPrice: 100, stock: 1 });
    const b = await newItem({ name: '在售 B', pointsPrice: 100, stock: 1 });
    const hidden = await newItem({ name: '下架', pointsPrice: 100, stock: 1, isActive: false });
    const v = await newItem({
      mall: 'voucher',
      voucherKindId: kind.id,
      name: '券商品',
      kind: 'virtual',
      pointsPrice: 100,
      cashPriceFen: 990,
      stock: 1,
    });
    const m = await newMember(h.ctx);

    const page1 = await app.inject({ url: '/api/v1/malls/points/items?limit=1', headers: m.auth });
    expect(page1.statusCode, page1.body).toBe(200);
    expect(page1.json().items.map((i: { id: number }) => i.id)).toEqual([b.id]);
    const page2 = await app.inject({
      url: `/api/v1/malls/points/items?limit=1&before=${page1.json().nextBefore}`,
      headers: m.auth,
    });
    expect(page2.json().items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    const all = await app.inject({ url: '/api/v1/malls/points/items?limit=100', headers: m.auth });
    const ids = all.json().items.map((i: { id: number }) => i.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(v.id);

    const vouchers = await app.inject({
      url: `/api/v1/malls/voucher/items?voucherKindId=${kind.id}`,
      headers: m.auth,
    });
    expect(vouchers.json().items).toEqual([
      expect.objectContaining({ id: v.id, voucherKindName: '列表券', cashPriceFen: 990 }),
    ]);

    const admin = await app.inject({
      url: '/api/v1/admin/mall/items?mall=points&isActive=false&limit=100',
      headers: auditor.auth,
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.json().items.map((i: { id: number }) => i.id)).toContain(hidden.id);

    const edited = await patch(operator, `/api/v1/admin/mall/items/${a.id}`, {
      name: '在售 A2',
      pointsPrice: 150,
    });
    expect(edited.json()).toMatchObject({ name: '在售 A2', pointsPrice: 150, stock: 1 });
    const bad = await post(operator, '/api/v1/admin/mall/items', {
      mall: 'voucher',
      name: 'x',
      kind: 'product',
      pointsPrice: 100,
      stock: 1,
    });
    expect(bad.statusCode).toBe(400);
    const noKind = await post(operator, '/api/v1/admin/mall/items', {
      mall: 'voucher',
      voucherKindId: 99_999,
      name: 'x',
      kind: 'product',
      pointsPrice: 100,
      stock: 1,
    });
    expect(noKind.json().error.code).toBe('VOUCHER_KIND_NOT_FOUND');
  });
});

describe('authorization', () => {
  it('members redeem and browse; operators manage; auditors and finance only read', async () => {
    const item = await newItem({ pointsPrice: 100, stock: 100 });
    const m = await memberWith({ CONSUMPTION: 1_000 });
    const anon = { auth: {} };
    const itemBody = { mall: 'points', name: 'y', kind: 'product', pointsPrice: 1, stock: 1 };
    const cases: [
      string,
      { auth: Record<string, string> },
      string,
      string,
      object | undefined,
      number,
    ][] = [
      ['anon browses', anon, 'GET', '/api/v1/malls/points/items', undefined, 401],
      [
        'operator browses member mall',
        operator,
        'GET',
        '/api/v1/malls/points/items',
        undefined,
        403,
      ],
      ['anon redeems', anon, 'POST', '/api/v1/me/mall/redemptions', { itemId: item.id }, 401],
      [
        'operator redeems',
        operator,
        'POST',
        '/api/v1/me/mall/redemptions',
        { itemId: item.id },
        403,
      ],
      ['member lists admin items', m, 'GET', '/api/v1/admin/mall/items', undefined, 403],
      ['auditor lists admin items', auditor, 'GET', '/api/v1/admin/mall/items', undefined, 200],
      ['member creates item', m, 'POST', '/api/v1/admin/mall/items', itemBody, 403],
      ['auditor creates item', auditor, 'POST', '/api/v1/admin/mall/items', itemBody, 403],
      ['finance creates item', finance, 'POST', '/api/v1/admin/mall/items', itemBody, 403],
      ['super admin creates item', superAdmin, 'POST', '/api/v1/admin/mall/items', itemBody, 201],
      [
        'auditor edits item',
        auditor,
        'PATCH',
        `/api/v1/admin/mall/items/${item.id}`,
        { name: 'z' },
        403,
      ],
      ['member edits item', m, 'PATCH', `/api/v1/admin/mall/items/${item.id}`, { name: 'z' }, 403],
      [
        'finance restocks',
        finance,
        'POST',
        `/api/v1/admin/mall/items/${item.id}/restock`,
        { quantity: 1 },
        403,
      ],
      [
        'member restocks',
        m,
        'POST',
        `/api/v1/admin/mall/items/${item.id}/restock`,
        { quantity: 1 },
        403,
      ],
      ['anon lists kinds', anon, 'GET', '/api/v1/admin/voucher-kinds', undefined, 401],
      ['member lists kinds', m, 'GET', '/api/v1/admin/voucher-kinds', undefined, 403],
      [
        'auditor creates kind',
        auditor,
        'POST',
        '/api/v1/admin/voucher-kinds',
        { name: '审计券' },
        403,
      ],
      ['member creates kind', m, 'POST', '/api/v1/admin/voucher-kinds', { name: '会员券2' }, 403],
      [
        'finance renames kind',
        finance,
        'PATCH',
        '/api/v1/admin/voucher-kinds/1',
        { name: '财务券' },
        403,
      ],
    ];
    const failures: string[] = [];
    const before = await snapshot(m);
    for (const [name, who, method, url, payload, status] of cases) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: { ...who.auth, 'idempotency-key': newKey() },
        ...(payload ? { payload } : {}),
      });
      if (res.statusCode !== status) failures.push(`${name}: ${res.statusCode} ${res.body}`);
    }
    expect(failures).toEqual([]);
    const after = await snapshot(m);
    // Only the super admin's item (and its audit row) was added.
    expect(Number(after.audits)).toBe(Number(before.audits) + 1);
    expect(after.balances).toEqual(before.balances);
    expect(after.redemptions).toBe(before.redemptions);
    expect(await stockOf(item.id)).toBe(100);
  });
});

describe('ledger', () => {
  it('still balances after everything above', async () => {
    const report = await ledgerRepo.checkLedger(h.ctx.db);
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });
});
