/**
 * Blind box (盲盒, SPEC §9) through HTTP on real PostgreSQL: the operator's
 * prize table and cap, tickets won in groups with hasBlindBox, the commitment
 * shown before opening, every prize kind landing, refusals changing nothing,
 * one effect per Idempotency-Key, stock never below zero under concurrent
 * opens, public verification, and who may do what.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { newSettings, type PublishedBlindBox } from '@pingou/engine';
import { ledgerRepo } from '@pingou/db';
import { issueToken } from '../../src/use-cases/auth/sessions';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newMembersWithCash, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
type Op = Awaited<ReturnType<typeof newOperator>>;
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

interface Holder {
  id: number;
  auth: { authorization: string };
}
interface Ticket {
  ticketKey: string;
  holder: Holder;
}

let seq = 0;
const newKey = () => `bb-key-${++seq}-${Math.random().toString(36).slice(2, 10)}`;

async function publishActivity(): Promise<number> {
  const settings = newSettings({
    priceFen: 1_000,
    groupSize: 3,
    winners: 2,
    options: [{ id: 1, kind: 'product', name: '商品', costFen: 300, deliveryCostFen: 0 }],
    winnerRewards: { ...newSettings().winnerRewards, hasBlindBox: true },
  });
  const c = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/activities',
    headers: operator.auth,
    payload: { name: '盲盒活动', settings },
  });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as number;
  const p = await app.inject({
    method: 'POST',
    url: `/api/v1/admin/activities/${id}/publish`,
    headers: operator.auth,
  });
  expect(p.statusCode, p.body).toBe(200);
  return id;
}

async function holders(count: number): Promise<Holder[]> {
  const ids = await newMembersWithCash(h.ctx, count, 100_000);
  const out: Holder[] = [];
  for (const id of ids) {
    const t = await h.ctx.db.transaction((tx) => issueToken(h.ctx, tx, 'member', id));
    out.push({ id, auth: { authorization: `Bearer ${t.token}` } });
  }
  return out;
}

/** Fills `groups` groups of the activity (3 seats, 2 winners): 2 tickets each. */
async function winTickets(activityId: number, groups: number): Promise<Ticket[]> {
  const people = await holders(3);
  const last = await h.ctx.db.execute<{ id: string }>(
    sql`select coalesce(max(id), 0)::text as id from blind_box_tickets`,
  );
  for (let g = 0; g < groups; g++)
    for (const p of people)
      await joinGroup(h.ctx, p.id, { activityId, optionId: 1, clientSeed: '' }, newKey());
  const r = await h.ctx.db.execute<{ ticket_key: string; member_id: number }>(
    sql`select ticket_key, member_id from blind_box_tickets where activity_id = ${activityId} and id > ${Number(last.rows[0]!.id)} order by id`,
  );
  expect(r.rows.length).toBe(groups * 2);
  return r.rows.map((x) => ({
    ticketKey: x.ticket_key,
    holder: people.find((p) => p.id === Number(x.member_id))!,
  }));
}

const addPrize = (who: { auth: object }, activityId: number, prize: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/admin/activities/${activityId}/blind-box/prizes`,
    headers: who.auth as Record<string, string>,
    payload: prize,
  });

async function prize(activityId: number, p: Record<string, unknown>) {
  const r = await addPrize(operator, activityId, {
    name: '奖品',
    kind: 'product',
    weight: 1,
    stock: 10,
    valueFen: 1_000,
    ...p,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; stock: number };
}

const listTickets = (m: Holder) =>
  app.inject({ url: '/api/v1/me/blind-box/tickets', headers: m.auth });

const open = (m: Holder, ticketKey: string, clientSeed = 'seed-1', key: string | null = newKey()) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/me/blind-box/tickets/${ticketKey}/open`,
    headers: { ...m.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { clientSeed },
  });

/** Lists the holder's tickets (which prepares the commitments), then opens. */
async function prepareAndOpen(t: Ticket, clientSeed = 'seed-1') {
  expect((await listTickets(t.holder)).statusCode).toBe(200);
  const r = await open(t.holder, t.ticketKey, clientSeed);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Everything a refused request must leave exactly as it was. */
async function snapshot() {
  const r = await h.ctx.db.execute<Record<string, string>>(sql`select
    (select count(*) from journal_entries)::text as entries,
    (select count(*) from postings)::text as postings,
    (select count(*) from orders)::text as orders,
    (select count(*) from blind_box_results)::text as results,
    (select count(*) from blind_box_tickets where opened_at is not null)::text as opened,
    (select coalesce(sum(stock), 0)::text from blind_box_prizes) as stock,
    (select count(*) from blind_box_prizes)::text as prizes,
    (select count(*) from audit_log)::text as audits,
    (select count(*) from idempotency_keys)::text as idempotency,
    (select coalesce(string_agg(key || '=' || value::text, ',' order by key), '') from settings where key = 'blind_box_cap_fen') as cap`);
  return r.rows[0];
}

const balance = (m: Holder, asset: 'CASH' | 'GOLD' | 'CONSUMPTION') =>
  ledgerRepo.memberBalance(h.ctx.db, m.id, asset);

// ---- the tests

describe('prize table and cap (operator)', () => {
  it('adds, edits and restocks prizes, audited; a prize above the cap is refused', async () => {
    const activityId = await publishActivity();
    const p = await prize(activityId, { name: '耳机', weight: 5, stock: 3, valueFen: 19_900 });
    const edit = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/blind-box/prizes/${p.id}`,
      headers: operator.auth,
      payload: { name: '蓝牙耳机', kind: 'product', weight: 7, valueFen: 29_900 },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ name: '蓝牙耳机', weight: 7, stock: 3, valueFen: 29_900 });
    const restock = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/blind-box/prizes/${p.id}/restock`,
      headers: operator.auth,
      payload: { add: 4 },
    });
    expect(restock.statusCode, restock.body).toBe(200);
    expect(restock.json().stock).toBe(7);
    const list = await app.inject({
      url: `/api/v1/admin/activities/${activityId}/blind-box/prizes`,
      headers: auditor.auth,
    });
    expect(list.json().items).toHaveLength(1);
    const audits = await h.ctx.db.execute<{ action: string }>(
      sql`select action from audit_log where target_kind = 'blind_box_prize' and target_id = ${String(p.id)} order by id`,
    );
    expect(audits.rows.map((x) => x.action)).toEqual([
      'blind_box.prize.create',
      'blind_box.prize.edit',
      'blind_box.prize.restock',
    ]);

    // the default cap is 50,000 yuan
    const cap = await app.inject({
      url: '/api/v1/admin/settings/blind-box-cap',
      headers: auditor.auth,
    });
    expect(cap.json()).toEqual({ capFen: 5_000_000 });
    const before = await snapshot();
    const car = { name: '汽车', kind: 'product', weight: 1, stock: 1, valueFen: 5_000_001 };
    const above = await addPrize(operator, activityId, car);
    expect(above.statusCode).toBe(422);
    expect(above.json().error.code).toBe('PRIZE_ABOVE_CAP');
    const editAbove = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/blind-box/prizes/${p.id}`,
      headers: operator.auth,
      payload: { name: '蓝牙耳机', kind: 'product', weight: 7, valueFen: 6_000_000 },
    });
    expect(editAbove.json().error.code).toBe('PRIZE_ABOVE_CAP');
    const badCash = await addPrize(operator, activityId, {
      name: '现金',
      kind: 'cash',
      weight: 1,
      stock: 1,
      valueFen: 0,
    });
    expect(badCash.statusCode).toBe(422);
    expect(badCash.json().error.code).toBe('PRIZE_INVALID');
    const zeroWeight = await addPrize(operator, activityId, {
      name: 'x',
      kind: 'product',
      weight: 0,
      stock: 1,
      valueFen: 1,
    });
    expect(zeroWeight.json().error.code).toBe('VALIDATION_FAILED');
    // a cap below a prize still in stock is refused
    const lower = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/blind-box-cap',
      headers: operator.auth,
      payload: { capFen: 10_000 },
    });
    expect(lower.statusCode).toBe(422);
    expect(lower.json().error.code).toBe('PRIZE_ABOVE_CAP');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/blind-box/prizes/999999/restock',
      headers: operator.auth,
      payload: { add: 1 },
    });
    expect(missing.json().error.code).toBe('PRIZE_NOT_FOUND');
    expect(await snapshot()).toEqual(before);

    // the operator raises the cap: the prize is allowed now
    const raise = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/blind-box-cap',
      headers: operator.auth,
      payload: { capFen: 8_000_000 },
    });
    expect(raise.statusCode, raise.body).toBe(200);
    expect((await addPrize(operator, activityId, car)).statusCode).toBe(201);
    const back = await app.inject({
      method: 'PUT',
      url: '/api/v1/admin/settings/blind-box-cap',
      headers: superAdmin.auth,
      payload: { capFen: 5_000_000 },
    });
    expect(back.json().error.code).toBe('PRIZE_ABOVE_CAP'); // the car is in stock
  });

  it('lets only operators (and super admins) change the table and the cap', async () => {
    const activityId = await publishActivity();
    const body = { name: '奖品', kind: 'product', weight: 1, stock: 1, valueFen: 1 };
    const member = await newMember(h.ctx);
    for (const who of [auditor, finance, member]) {
      const r = await addPrize(who, activityId, body);
      expect(r.statusCode).toBe(403);
      const c = await app.inject({
        method: 'PUT',
        url: '/api/v1/admin/settings/blind-box-cap',
        headers: who.auth,
        payload: { capFen: 1 },
      });
      expect(c.statusCode).toBe(403);
    }
    expect((await addPrize({ auth: {} }, activityId, body)).statusCode).toBe(401);
    expect((await addPrize(superAdmin, activityId, body)).statusCode).toBe(201);
    expect((await addPrize(operator, 987_654, body)).json().error.code).toBe('ACTIVITY_NOT_FOUND');
  });
});

describe('tickets and opening (member)', () => {
  it('shows each ticket with a commitment that the revealed seed matches; the result verifies', async () => {
    const activityId = await publishActivity();
    await prize(activityId, { name: '耳机', weight: 3, stock: 5 });
    await prize(activityId, { name: '现金红包', kind: 'cash', weight: 1, stock: 5, valueFen: 888 });
    const [t] = await winTickets(activityId, 1);
    const first = (await listTickets(t!.holder)).json();
    const mine = first.items.find((x: { ticketKey: string }) => x.ticketKey === t!.ticketKey);
    expect(mine.commitment).toMatch(/^[0-9a-f]{64}$/);
    expect(mine.openedAt).toBeNull();
    const again = (await listTickets(t!.holder)).json();
    expect(
      again.items.find((x: { ticketKey: string }) => x.ticketKey === t!.ticketKey).commitment,
    ).toBe(mine.commitment);
    // anonymous callers cannot list or open
    expect((await app.inject({ url: '/api/v1/me/blind-box/tickets' })).statusCode).toBe(401);
    expect((await open({ id: 0, auth: {} as never }, t!.ticketKey)).statusCode).toBe(401);
    expect(
      (
        await app.inject({
          url: '/api/v1/me/blind-box/tickets',
          headers: operator.auth,
        })
      ).statusCode,
    ).toBe(403);

    const res = await open(t!.holder, t!.ticketKey, 'my-lucky_seed.7~');
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    const published = result.published as PublishedBlindBox;
    expect(published.commitmentHex).toBe(mine.commitment);
    expect(
      createHash('sha256').update(Buffer.from(published.serverSeedHex, 'hex')).digest('hex'),
    ).toBe(mine.commitment);
    expect(published.clientSeed).toBe('my-lucky_seed.7~');
    expect(published.prizes.map((p) => p.stock)).toEqual([5, 5]); // the table before this opening
    expect(result.prize.id).toBe(published.prizeId);

    const view = await app.inject({
      url: `/api/v1/me/blind-box/tickets/${t!.ticketKey}`,
      headers: t!.holder.auth,
    });
    expect(view.json().result.published).toEqual(published);
    expect(view.json().openedAt).not.toBeNull();

    // public verification, no sign-in
    const v = await app.inject({ url: `/api/v1/blind-box/tickets/${t!.ticketKey}/verify` });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ ok: true, problems: [] });
    const honest = await app.inject({
      method: 'POST',
      url: '/api/v1/blind-box/verify',
      payload: published,
    });
    expect(honest.json()).toEqual({ ok: true, problems: [] });
    const other = published.prizes.find((p) => p.id !== published.prizeId)!.id;
    for (const tampered of [
      { ...published, prizeId: other },
      { ...published, clientSeed: 'another' },
      { ...published, serverSeedHex: 'ab'.repeat(32) },
    ]) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/blind-box/verify',
        payload: tampered,
      });
      expect(r.statusCode).toBe(200);
      expect(r.json().ok).toBe(false);
      expect(r.json().problems.length).toBeGreaterThan(0);
    }
  });

  it('refuses opening without a ticket, someone else’s, an unprepared or an opened one: nothing changes', async () => {
    const activityId = await publishActivity();
    await prize(activityId, { stock: 10 });
    const [a, b, c, d] = await winTickets(activityId, 2);
    const stranger = (await holders(1))[0]!;
    const owners = new Set([a, b, c, d].map((t) => t!.holder.id));
    const notOwner = [a, b, c, d].find((t) => t!.holder.id !== a!.holder.id)!.holder;
    expect(owners.size).toBeGreaterThan(1);
    await prepareAndOpen(a!);
    expect((await listTickets(notOwner)).statusCode).toBe(200);

    const before = await snapshot();
    const cases: [
      Promise<{ statusCode: number; json: () => { error: { code: string } } }>,
      number,
      string,
    ][] = [
      [open(stranger, 'g:999999:1:win:blind_box'), 404, 'TICKET_NOT_FOUND'],
      [open(stranger, b!.ticketKey), 404, 'TICKET_NOT_FOUND'],
      [open(a!.holder, a!.ticketKey), 409, 'TICKET_ALREADY_OPENED'],
      [open(a!.holder, a!.ticketKey, 'x|y'), 400, 'VALIDATION_FAILED'],
      [open(a!.holder, a!.ticketKey, 'x'.repeat(65)), 400, 'VALIDATION_FAILED'],
      [open(b!.holder, b!.ticketKey, 'seed', null), 400, 'VALIDATION_FAILED'],
    ];
    for (const [p, status, code] of cases) {
      const r = await p;
      expect(r.statusCode).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    // another member's ticket: the same answer as a missing one
    const notMine = [b, c, d].find((t) => t!.holder.id !== notOwner.id)!;
    const r = await open(notOwner, notMine.ticketKey);
    expect(r.json().error.code).toBe('TICKET_NOT_FOUND');
    const view = await app.inject({
      url: `/api/v1/me/blind-box/tickets/${notMine.ticketKey}`,
      headers: notOwner.auth,
    });
    expect(view.json().error.code).toBe('TICKET_NOT_FOUND');
    expect(await snapshot()).toEqual(before);

    // a ticket whose commitment was never shown cannot be opened (the seed must come first)
    const fresh = (await winTickets(activityId, 1))[0]!;
    const before2 = await snapshot();
    const unprepared = await open(fresh.holder, fresh.ticketKey);
    expect(unprepared.statusCode).toBe(409);
    expect(unprepared.json().error.code).toBe('TICKET_NOT_PREPARED');
    expect(await snapshot()).toEqual(before2);
    const notOpened = await app.inject({
      url: `/api/v1/blind-box/tickets/${fresh.ticketKey}/verify`,
    });
    expect(notOpened.json().error.code).toBe('BLIND_BOX_NOT_OPENED');
  });

  it('has one effect per Idempotency-Key; the same key with another body is refused', async () => {
    const activityId = await publishActivity();
    await prize(activityId, { kind: 'cash', valueFen: 500, stock: 10 });
    const [t, u] = await winTickets(activityId, 1);
    await listTickets(t!.holder);
    await listTickets(u!.holder);
    const cashBefore = await balance(t!.holder, 'CASH');
    const key = newKey();
    const first = await open(t!.holder, t!.ticketKey, 'abc', key);
    expect(first.statusCode, first.body).toBe(200);
    const afterFirst = await snapshot();
    const retry = await open(t!.holder, t!.ticketKey, 'abc', key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    expect(await snapshot()).toEqual(afterFirst);
    expect(await balance(t!.holder, 'CASH')).toBe(cashBefore + 500);
    const reused = await open(t!.holder, t!.ticketKey, 'other', key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const otherKey = await open(t!.holder, t!.ticketKey, 'abc');
    expect(otherKey.json().error.code).toBe('TICKET_ALREADY_OPENED');
    expect(await snapshot()).toEqual(afterFirst);
  });

  it('lands every prize kind: a product order, exact cash, points and gold', async () => {
    const kinds = [
      { name: '电饭煲', kind: 'product', valueFen: 39_900, amount: 0 },
      { name: '现金红包', kind: 'cash', valueFen: 1_888, amount: 0 },
      { name: '消费积分', kind: 'points', valueFen: 100, amount: 12_345 },
      { name: '购物金', kind: 'gold', valueFen: 200, amount: 6_789 },
    ] as const;
    for (const k of kinds) {
      const activityId = await publishActivity();
      await prize(activityId, { ...k, weight: 1, stock: 1 });
      const [t] = await winTickets(activityId, 1);
      const before = {
        CASH: await balance(t!.holder, 'CASH'),
        GOLD: await balance(t!.holder, 'GOLD'),
        CONSUMPTION: await balance(t!.holder, 'CONSUMPTION'),
      };
      const result = await prepareAndOpen(t!);
      expect(result.prize).toMatchObject({ name: k.name, kind: k.kind });
      const after = {
        CASH: await balance(t!.holder, 'CASH'),
        GOLD: await balance(t!.holder, 'GOLD'),
        CONSUMPTION: await balance(t!.holder, 'CONSUMPTION'),
      };
      const expected = { ...before };
      if (k.kind === 'cash') expected.CASH += k.valueFen;
      if (k.kind === 'points') expected.CONSUMPTION += k.amount;
      if (k.kind === 'gold') expected.GOLD += k.amount;
      expect(after).toEqual(expected);
      if (k.kind === 'product') {
        expect(result.orderNo).toMatch(/^B\d+$/);
        const o = await h.ctx.db.execute<Record<string, unknown>>(
          sql`select source, status, item_name, member_id, cost_fen from orders where order_no = ${result.orderNo}`,
        );
        expect(o.rows[0]).toMatchObject({
          source: 'blind_box',
          status: 'awaiting_address',
          item_name: '电饭煲',
        });
        expect(Number(o.rows[0]!.member_id)).toBe(t!.holder.id);
        expect(Number(o.rows[0]!.cost_fen)).toBe(39_900);
      } else {
        expect(result.orderNo).toBeNull();
        const e = await h.ctx.db.execute<{ kind: string }>(
          sql`select kind from journal_entries where idempotency_key = ${`bb:${t!.ticketKey}`}`,
        );
        expect(e.rows.map((x) => x.kind)).toEqual(['blind_box_prize']);
      }
    }
  });

  it('never takes stock below zero under concurrent opens', async () => {
    const activityId = await publishActivity();
    const one = await prize(activityId, { name: 'A', weight: 1, stock: 2 });
    const two = await prize(activityId, {
      name: 'B',
      weight: 5,
      stock: 1,
      kind: 'cash',
      valueFen: 100,
    });
    const tickets = await winTickets(activityId, 4); // 8 tickets for 3 prizes
    for (const holder of new Set(tickets.map((t) => t.holder))) await listTickets(holder);
    const replies = await Promise.all(tickets.map((t, i) => open(t.holder, t.ticketKey, `c${i}`)));
    const ok = replies.filter((r) => r.statusCode === 200);
    const refused = replies.filter((r) => r.statusCode !== 200);
    expect(ok).toHaveLength(3);
    expect(refused.map((r) => r.json().error.code)).toEqual(Array(5).fill('BLIND_BOX_EMPTY'));
    const won = ok.map((r) => r.json().prize.id).sort();
    expect(won).toEqual([one.id, one.id, two.id].sort());
    const stock = await h.ctx.db.execute<{ stock: number }>(
      sql`select stock from blind_box_prizes where activity_id = ${activityId} order by id`,
    );
    expect(stock.rows.map((x) => Number(x.stock))).toEqual([0, 0]);
    const opened = await h.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int n from blind_box_tickets where activity_id = ${activityId} and opened_at is not null`,
    );
    expect(opened.rows[0]!.n).toBe(3);
    // each opening verifies against the table it saw
    for (const r of ok) {
      const v = await app.inject({
        url: `/api/v1/blind-box/tickets/${r.json().ticketKey}/verify`,
      });
      expect(v.json().ok).toBe(true);
    }
  });

  it('keeps the ledger balanced', async () => {
    const report = await ledgerRepo.checkLedger(h.ctx.db);
    expect(report.ok, JSON.stringify(report)).toBe(true);
  });
});
