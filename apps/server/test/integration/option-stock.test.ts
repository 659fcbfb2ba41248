/**
 * Option stock (库存) and virtual-product codes (兑换码), SPEC §3, on real PostgreSQL: a join
 * reserves a unit and is refused when none is left (changing nothing), the draw sells the
 * winners' units and releases the others, failed and expired groups release theirs, virtual
 * winners get distinct codes that only they can see, and who may change what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { AppError } from '@pingou/contract';
import { newSettings, type ActivityOption, type ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, ledgerRepo, stockRepo } from '@pingou/db';
import { issueToken } from '../../src/use-cases/auth/sessions';
import { expireDueGroups } from '../../src/use-cases/group-buy/expire-groups';
import { fillWithHouseSeats } from '../../src/use-cases/group-buy/house-seats';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createActivity, publishActivity } from '../../src/use-cases/group-buy/manage-activity';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMembersWithCash, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
type Op = Awaited<ReturnType<typeof newOperator>>;
let operator: Op;
let auditor: Op;
let actor: { operatorId: number; role: string; requestId: string };

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  operator = await newOperator(h.ctx, 'operator');
  auditor = await newOperator(h.ctx, 'auditor');
  actor = { operatorId: operator.id, role: operator.role, requestId: 'test' };
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const BOOK: ActivityOption = {
  id: 1,
  kind: 'product',
  name: '图书',
  costFen: 3_000,
  deliveryCostFen: 500,
};
const CARD: ActivityOption = {
  id: 2,
  kind: 'virtual',
  name: '阅读卡',
  costFen: 1_000,
  deliveryCostFen: 0,
};
const MUG: ActivityOption = {
  id: 3,
  kind: 'product',
  name: '杯子',
  costFen: 2_000,
  deliveryCostFen: 0,
};
const PRICE = 10_000;

async function newActivity(over: Partial<ActivitySettings> = {}) {
  const a = await createActivity(h.ctx, actor, {
    name: '库存测试',
    description: '',
    isLargeZone: false,
    startsAt: null,
    endsAt: null,
    settings: newSettings({
      priceFen: PRICE,
      groupSize: 4,
      winners: 2,
      options: [BOOK, CARD, MUG],
      ...over,
    }),
  });
  await publishActivity(h.ctx, actor, a.id);
  return a.id;
}

let k = 0;
const join = (activityId: number, memberId: number, optionId: number) =>
  joinGroup(h.ctx, memberId, { activityId, optionId, clientSeed: '' }, `stock-${++k}`);

async function memberAuth(id: number) {
  const t = await h.ctx.db.transaction((tx) => issueToken(h.ctx, tx, 'member', id));
  return { authorization: `Bearer ${t.token}` };
}
const stockOf = async (activityId: number, optionId: number) =>
  (await stockRepo.stockOf(h.ctx.db, [activityId])).get(`${activityId}:${optionId}`);
const putStock = (who: Op, activityId: number, optionId: number, stock: number | null) =>
  app.inject({
    method: 'PUT',
    url: `/api/v1/admin/activities/${activityId}/stock/${optionId}`,
    headers: who.auth,
    payload: { stock },
  });
const uploadCodes = (who: Op, activityId: number, optionId: number, codes: string[]) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/admin/activities/${activityId}/options/${optionId}/codes`,
    headers: who.auth,
    payload: { codes },
  });
async function publicOption(activityId: number, optionId: number) {
  const res = await app.inject({ method: 'GET', url: `/api/v1/activities/${activityId}` });
  expect(res.statusCode).toBe(200);
  const options = (
    res.json() as { options: { id: number; soldOut: boolean; remaining: number | null }[] }
  ).options;
  return options.find((o) => o.id === optionId)!;
}

describe('option stock', () => {
  it('a stock of 3 takes exactly 3 joins; the 4th is refused and changes nothing', async () => {
    const id = await newActivity();
    expect((await putStock(operator, id, BOOK.id, 3)).statusCode).toBe(200);
    expect(await publicOption(id, BOOK.id)).toMatchObject({ soldOut: false, remaining: 3 });
    const ids = await newMembersWithCash(h.ctx, 5, 50_000);

    const outcomes = await Promise.allSettled(ids.slice(0, 4).map((m) => join(id, m, BOOK.id)));
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(AppError);
    expect((reason as AppError).code).toBe('OPTION_SOLD_OUT');
    expect((reason as AppError).status).toBe(409);

    const loserIdx = outcomes.findIndex((o) => o.status === 'rejected');
    const refusedMember = ids[loserIdx]!;
    expect(await ledgerRepo.memberBalance(h.ctx.db, refusedMember, 'CASH')).toBe(50_000);
    const groupId = (ok[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof join>>>).value.body
      .groupId;
    const seats = await groupBuyRepo.groupSeats(h.ctx.db, groupId);
    expect(seats).toHaveLength(3);
    expect(seats.some((s) => s.memberId === refusedMember)).toBe(false);
    expect((await groupBuyRepo.findGroup(h.ctx.db, groupId))!.seatCount).toBe(3);
    expect(await stockOf(id, BOOK.id)).toMatchObject({ stock: 3, reserved: 3, sold: 0 });
    expect(await publicOption(id, BOOK.id)).toMatchObject({ soldOut: true, remaining: 0 });
    expect(await publicOption(id, MUG.id)).toMatchObject({ soldOut: false, remaining: null });

    // never below what is reserved and sold
    const below = await putStock(operator, id, BOOK.id, 2);
    expect(below.statusCode).toBe(409);
    expect(below.json().error.code).toBe('STOCK_BELOW_COMMITTED');

    // the refused member chooses another option and fills the group: it is drawn
    const last = await join(id, refusedMember, MUG.id);
    expect(last.body.groupStatus).toBe('drawn');
    const winners = last.body.result!.winners;
    const drawnSeats = await groupBuyRepo.groupSeats(h.ctx.db, groupId);
    const bookWinners = drawnSeats.filter(
      (s) => s.optionId === BOOK.id && winners.includes(s.seatNo),
    ).length;
    expect(bookWinners).toBeGreaterThan(0);
    // sold = the winners of this option; the losers' units are released
    expect(await stockOf(id, BOOK.id)).toMatchObject({ stock: 3, reserved: 0, sold: bookWinners });
    expect(await publicOption(id, BOOK.id)).toMatchObject({ remaining: 3 - bookWinners });
    expect((await putStock(operator, id, BOOK.id, 0)).json().error.code).toBe(
      'STOCK_BELOW_COMMITTED',
    );
    expect((await putStock(operator, id, BOOK.id, bookWinners)).statusCode).toBe(200);
    expect(await publicOption(id, BOOK.id)).toMatchObject({ soldOut: true, remaining: 0 });
    // unlimited again; the counts go on
    const unlimited = await putStock(operator, id, BOOK.id, null);
    expect(unlimited.statusCode).toBe(200);
    expect(unlimited.json()).toMatchObject({ stock: null, sold: bookWinners, remaining: null });
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });

  it('a group that fails on conflict releases every unit', async () => {
    // seat 1 is first of day (R1): with two house seats only one seat is eligible, fewer than M
    const id = await newActivity({
      rules: { ...newSettings().rules, r1FirstOfDaySeatOne: true },
      conflictPolicy: 'fail',
    });
    expect((await putStock(operator, id, BOOK.id, 5)).statusCode).toBe(200);
    const ids = await newMembersWithCash(h.ctx, 2, 50_000);
    const first = await join(id, ids[0]!, BOOK.id);
    await join(id, ids[1]!, BOOK.id);
    expect(await stockOf(id, BOOK.id)).toMatchObject({ reserved: 2, sold: 0 });
    await fillWithHouseSeats(h.ctx, actor, first.body.groupId, 'test');
    expect((await groupBuyRepo.findGroup(h.ctx.db, first.body.groupId))!.status).toBe('failed');
    expect(await stockOf(id, BOOK.id)).toMatchObject({ stock: 5, reserved: 0, sold: 0 });
  });

  it('a group refunded on timeout releases every unit', async () => {
    const id = await newActivity({ groupTimeout: { hours: 1, action: 'refund' } });
    expect((await putStock(operator, id, BOOK.id, 2)).statusCode).toBe(200);
    const ids = await newMembersWithCash(h.ctx, 3, 50_000);
    await join(id, ids[0]!, BOOK.id);
    await join(id, ids[1]!, BOOK.id);
    await expect(join(id, ids[2]!, BOOK.id)).rejects.toMatchObject({ code: 'OPTION_SOLD_OUT' });
    h.clock.advance(2 * 60 * 60_000);
    const done = await expireDueGroups(h.ctx);
    expect(done.some((d) => d.action === 'refunded')).toBe(true);
    expect(await stockOf(id, BOOK.id)).toMatchObject({ stock: 2, reserved: 0, sold: 0 });
    // the units are free again
    await join(id, ids[2]!, BOOK.id);
    expect(await stockOf(id, BOOK.id)).toMatchObject({ reserved: 1 });
  });

  it('no stock row is unlimited: joins and draws as before', async () => {
    const id = await newActivity();
    const ids = await newMembersWithCash(h.ctx, 4, 50_000);
    let last;
    for (const m of ids) last = await join(id, m, BOOK.id);
    expect(last!.body.groupStatus).toBe('drawn');
    expect(await stockOf(id, BOOK.id)).toBeUndefined();
    expect(await publicOption(id, BOOK.id)).toMatchObject({ soldOut: false, remaining: null });
    const orders = await groupBuyRepo.listOrders(h.ctx.db, {
      groupId: last!.body.groupId,
      limit: 10,
    });
    expect(orders).toHaveLength(2);
    for (const o of orders) expect(o.status).toBe('awaiting_address');
  });

  it('a stock set while groups are filling covers the seats already taken', async () => {
    const id = await newActivity();
    const ids = await newMembersWithCash(h.ctx, 4, 50_000);
    // two seats taken while the option is unlimited: either may win
    await join(id, ids[0]!, BOOK.id);
    await join(id, ids[1]!, BOOK.id);
    const tooLow = await putStock(operator, id, BOOK.id, 1);
    expect(tooLow.statusCode).toBe(409);
    expect(tooLow.json().error.code).toBe('STOCK_BELOW_COMMITTED');
    expect(await stockOf(id, BOOK.id)).toBeUndefined();
    expect((await putStock(operator, id, BOOK.id, 3)).statusCode).toBe(200);
    expect(await stockOf(id, BOOK.id)).toMatchObject({ stock: 3, reserved: 2, sold: 0 });
    // one unit left for the next two seats: the first takes it, the second is refused
    await join(id, ids[2]!, BOOK.id);
    await expect(join(id, ids[3]!, BOOK.id)).rejects.toMatchObject({ code: 'OPTION_SOLD_OUT' });
    const last = await join(id, ids[3]!, MUG.id);
    expect(last.body.groupStatus).toBe('drawn');
    const winnersOnBook = (
      await groupBuyRepo.listOrders(h.ctx.db, { groupId: last.body.groupId, limit: 10 })
    ).filter((o) => o.itemName === BOOK.name).length;
    expect(await stockOf(id, BOOK.id)).toMatchObject({
      stock: 3,
      reserved: 0,
      sold: winnersOnBook,
    });
  });

  it('only operators change stock; auditors read it', async () => {
    const id = await newActivity();
    const denied = await putStock(auditor, id, BOOK.id, 10);
    expect(denied.statusCode).toBe(403);
    expect(await stockOf(id, BOOK.id)).toBeUndefined();
    expect((await uploadCodes(auditor, id, CARD.id, ['AUDIT-0001'])).statusCode).toBe(403);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/activities/${id}/stock`,
      headers: auditor.auth,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().options.map((o: { optionId: number }) => o.optionId)).toEqual([1, 2, 3]);
    // a virtual option's stock is its codes; a product option takes no codes
    expect((await putStock(operator, id, CARD.id, 5)).json().error.code).toBe(
      'STOCK_NOT_APPLICABLE',
    );
    expect((await uploadCodes(operator, id, BOOK.id, ['X-1'])).json().error.code).toBe(
      'CODES_NOT_APPLICABLE',
    );
    expect((await putStock(operator, id, 99, 5)).json().error.code).toBe('OPTION_NOT_FOUND');
  });
});

describe('virtual codes', () => {
  it('winners get distinct codes, their orders complete, and only the owner sees the code', async () => {
    const id = await newActivity();
    const codes = ['CARD-AAAA-0001', 'CARD-AAAA-0002', 'CARD-AAAA-0003', 'CARD-AAAA-0004'];
    const up = await uploadCodes(operator, id, CARD.id, [...codes, codes[0]!]);
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ added: 4, duplicates: 1, option: { stock: 4 } });
    const again = await uploadCodes(operator, id, CARD.id, [codes[1]!, 'CARD-AAAA-0005']);
    expect(again.json()).toMatchObject({ added: 1, duplicates: 1, option: { stock: 5 } });

    const ids = await newMembersWithCash(h.ctx, 4, 50_000);
    let last;
    for (const m of ids) last = await join(id, m, CARD.id);
    expect(last!.body.groupStatus).toBe('drawn');
    const groupId = last!.body.groupId;
    const winners = last!.body.result!.winners;
    expect(await stockOf(id, CARD.id)).toMatchObject({ stock: 5, reserved: 0, sold: 2 });

    const orders = await groupBuyRepo.listOrders(h.ctx.db, { groupId, limit: 10 });
    expect(orders).toHaveLength(2);
    for (const o of orders) expect(o.status).toBe('completed');

    const seats = await groupBuyRepo.groupSeats(h.ctx.db, groupId);
    const winnerIds = seats.filter((s) => winners.includes(s.seatNo)).map((s) => s.memberId!);
    const loserId = seats.find((s) => !winners.includes(s.seatNo))!.memberId!;
    const seen: string[] = [];
    for (const w of winnerIds) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/me/orders',
        headers: await memberAuth(w),
      });
      const items = res.json().items as { kind: string; code: string | null; status: string }[];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ kind: 'virtual', status: 'completed' });
      expect(items[0]!.code).toMatch(/^CARD-AAAA-000\d$/);
      seen.push(items[0]!.code!);
    }
    expect(new Set(seen).size).toBe(2);

    // nobody else sees them: another member, the public group view, the operators' order list
    const other = await app.inject({
      method: 'GET',
      url: '/api/v1/me/orders',
      headers: await memberAuth(loserId),
    });
    expect(other.json().items).toEqual([]);
    const views = [
      await app.inject({ method: 'GET', url: `/api/v1/groups/${groupId}` }),
      await app.inject({ method: 'GET', url: `/api/v1/groups/${groupId}/draw` }),
      await app.inject({ method: 'GET', url: `/api/v1/activities/${id}` }),
      await app.inject({
        method: 'GET',
        url: `/api/v1/admin/orders?groupId=${groupId}`,
        headers: auditor.auth,
      }),
      await app.inject({
        method: 'GET',
        url: `/api/v1/admin/activities/${id}/options/${CARD.id}/codes`,
        headers: auditor.auth,
      }),
    ];
    for (const v of views) for (const code of seen) expect(v.body).not.toContain(code);

    const list = views[4]!.json();
    expect(list).toMatchObject({ available: 3, assigned: 2 });
    expect(list.recent[0].masked).toMatch(/^\*+0005$/);
  });
});
