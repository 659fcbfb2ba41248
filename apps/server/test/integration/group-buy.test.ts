import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { example1, example3, type ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, ledgerRepo } from '@pingou/db';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newMembersWithCash, newOperator, rechargeCash } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let op: Awaited<ReturnType<typeof newOperator>>;

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  op = await newOperator(h.ctx, 'operator');
});
afterAll(async () => {
  await app.close();
  await h.close();
});

async function publish(settings: ActivitySettings, name = '测试活动') {
  const c = await app.inject({
    method: 'POST',
    url: '/api/v1/admin/activities',
    headers: op.auth,
    payload: { name, settings },
  });
  expect(c.statusCode, c.body).toBe(201);
  const p = await app.inject({
    method: 'POST',
    url: `/api/v1/admin/activities/${c.json().id}/publish`,
    headers: op.auth,
  });
  expect(p.statusCode, p.body).toBe(200);
  return c.json().id as number;
}
const simple = (over: Partial<ActivitySettings> = {}): ActivitySettings => ({
  ...example1(),
  seatRewards: { ...example1().seatRewards, teamTiers: [] },
  ...over,
});
let keySeq = 0;
const join = (activityId: number, memberId: number, optionId = 1, clientSeed = '') =>
  joinGroup(h.ctx, memberId, { activityId, optionId, clientSeed }, `join-key-${++keySeq}`);
async function counts() {
  const r = await h.ctx.db.execute<{ e: number; s: number; g: number }>(
    sql`select (select count(*) from journal_entries)::int e, (select count(*) from seats)::int s, (select count(*) from groups)::int g`,
  );
  return r.rows[0];
}

describe('activities', () => {
  it('refuses M ≥ N, eleven options and a rate over 100 %, naming each field', async () => {
    const base = simple();
    const bad: [Partial<ActivitySettings>, string][] = [
      [{ winners: 10 }, 'settings.winners'],
      [
        {
          options: Array.from({ length: 11 }, (_, i) => ({
            id: i + 1,
            kind: 'product' as const,
            name: `商品${i}`,
            costFen: 1,
            deliveryCostFen: 0,
          })),
        },
        'settings.options',
      ],
      [
        { loserRewards: { ...base.loserRewards, cashBonus: { kind: 'rate', bp: 10_001 } } },
        'settings.loserRewards.cashBonus',
      ],
    ];
    for (const [over, path] of bad) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/admin/activities',
        headers: op.auth,
        payload: { name: 'x', settings: { ...base, ...over } },
      });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.code).toBe('ACTIVITY_INVALID');
      expect(
        r
          .json()
          .error.fields.map((f: { path: string }) => f.path)
          .some((p: string) => p.startsWith(path)),
      ).toBe(true);
    }
  });

  it('publishes versions; a group keeps the version it opened with', async () => {
    const id = await publish(simple());
    const [m1] = await newMembersWithCash(h.ctx, 1, 100_000);
    const first = await join(id, m1!);
    const edited = { ...simple(), priceFen: 20_000 };
    await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/activities/${id}`,
      headers: op.auth,
      payload: { name: '测试活动', settings: edited },
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${id}/publish`,
      headers: op.auth,
    });
    const [m2] = await newMembersWithCash(h.ctx, 1, 100_000);
    const second = await join(id, m2!);
    expect(second.body.groupId).toBe(first.body.groupId);
    expect(await ledgerRepo.memberBalance(h.ctx.db, m2!, 'CASH')).toBe(90_000); // the open group's price, not the new one
    const detail = (
      await app.inject({ url: `/api/v1/admin/activities/${id}`, headers: op.auth })
    ).json();
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("a join into an older open group is checked against that group's version (options, price)", async () => {
    const id = await publish(simple());
    const [first] = await newMembersWithCash(h.ctx, 1, 100_000);
    const open = await join(id, first!);
    const v2 = {
      ...simple(),
      priceFen: 50_000,
      options: [
        ...simple().options,
        { id: 2, kind: 'product' as const, name: '新商品', costFen: 1, deliveryCostFen: 0 },
      ],
    };
    await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/activities/${id}`,
      headers: op.auth,
      payload: { name: '测试活动', settings: v2 },
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${id}/publish`,
      headers: op.auth,
    });
    const [second] = await newMembersWithCash(h.ctx, 1, 10_000); // enough for the open group's P, not v2's
    const before = await counts();
    await expect(join(id, second!, 2)).rejects.toMatchObject({ code: 'OPTION_NOT_FOUND' });
    expect(await counts()).toEqual(before);
    const ok = await join(id, second!, 1);
    expect(ok.body.groupId).toBe(open.body.groupId);
    expect(await ledgerRepo.memberBalance(h.ctx.db, second!, 'CASH')).toBe(0);
  });

  it('states every active rule in plain Chinese and English', async () => {
    const id = await publish(example3(), '特权玩法');
    const r = (await app.inject({ url: `/api/v1/activities/${id}` })).json();
    expect(r.rules.zh.eligibility.join('')).toMatch(/10/);
    expect(r.rules.zh.eligibility.join('')).toMatch(/200/);
    expect(r.rules.en.eligibility.join(' ')).toMatch(/200/);
    expect(r).toMatchObject({ priceFen: 20_000, groupSize: 10, winners: 1, dailyJoinLimit: 5 });
  });
});

describe('joining and the draw', () => {
  it('ten joins fill and draw a group at once; money lands exactly; the draw verifies', async () => {
    const id = await publish(simple());
    const ids = await newMembersWithCash(h.ctx, 10, 100_000);
    let last;
    for (const m of ids) last = await join(id, m);
    expect(last!.body.result).not.toBeNull();
    const winners = last!.body.result!.winners;
    expect(winners).toHaveLength(3);
    const group = (await app.inject({ url: `/api/v1/groups/${last!.body.groupId}` })).json();
    expect(group.status).toBe('drawn');
    for (const [i, m] of ids.entries()) {
      const cash = await ledgerRepo.memberBalance(h.ctx.db, m, 'CASH');
      const seatNo = i + 1;
      if (winners.includes(seatNo)) {
        expect(cash).toBe(90_000 + 500 * 0); // paid P; the gold release is capped by gold held before (none)
        expect(await ledgerRepo.memberBalance(h.ctx.db, m, 'GOLD')).toBe(10_000);
        expect(await ledgerRepo.memberBalance(h.ctx.db, m, 'DIVIDEND')).toBe(10_000);
      } else {
        expect(cash).toBe(100_000 + 300); // refund + 3 % bonus
        expect(await ledgerRepo.memberBalance(h.ctx.db, m, 'CONSUMPTION')).toBe(10_000);
      }
    }
    const v = (await app.inject({ url: `/api/v1/groups/${last!.body.groupId}/verify` })).json();
    expect(v.isValid).toBe(true);
    expect(v.winners).toEqual(winners);
    const st = (
      await app.inject({
        url: `/api/v1/admin/groups/${last!.body.groupId}/statement`,
        headers: op.auth,
      })
    ).json().statement;
    expect(st.cashIn).toBe(30_000);
    expect(st.outflows).toMatchObject({
      productCost: 9_000,
      loserBonus: 2_100,
      monthlyPool: 900,
      dailyPool: 600,
    });
    expect(st.cashProfit).toBe(st.cashIn - st.cashOut);
    const orders = (
      await app.inject({
        url: `/api/v1/admin/orders?groupId=${last!.body.groupId}`,
        headers: op.auth,
      })
    ).json().items;
    expect(orders).toHaveLength(3);
    expect(orders[0]).toMatchObject({
      status: 'awaiting_address',
      statusLabel: { zh: '待填地址' },
    });
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });

  it('a tampered published winner list does not verify', async () => {
    const id = await publish(simple());
    const ids = await newMembersWithCash(h.ctx, 10, 100_000);
    let last;
    for (const m of ids) last = await join(id, m, 1, `seed${m}`);
    const draw = (await app.inject({ url: `/api/v1/groups/${last!.body.groupId}/draw` })).json();
    const { verifyDraw } = await import('@pingou/engine');
    expect(verifyDraw(draw).ok).toBe(true);
    const loser = draw.seats.find(
      (s: { seatNo: number }) => !draw.winners.includes(s.seatNo),
    ).seatNo;
    expect(
      verifyDraw({
        ...draw,
        winners: [...draw.winners.slice(1), loser].sort((a: number, b: number) => a - b),
      }).ok,
    ).toBe(false);
  });

  it('the same idempotency key joins once and charges once', async () => {
    const id = await publish(simple());
    const [m] = await newMembersWithCash(h.ctx, 1, 100_000);
    const a = await joinGroup(
      h.ctx,
      m!,
      { activityId: id, optionId: 1, clientSeed: '' },
      'same-join-key',
    );
    const b = await joinGroup(
      h.ctx,
      m!,
      { activityId: id, optionId: 1, clientSeed: '' },
      'same-join-key',
    );
    expect(b.body).toEqual(a.body);
    expect(b.isReplay).toBe(true);
    expect(await ledgerRepo.memberBalance(h.ctx.db, m!, 'CASH')).toBe(90_000);
  });

  it('bad joins answer their code and change nothing', async () => {
    const id = await publish({ ...simple(), dailyJoinLimit: 1 });
    const member = await newMember(h.ctx);
    await rechargeCash(h.ctx, member.id, 10_000);
    const post = (url: string, payload: object, key = `k-${++keySeq}-bad`) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...member.auth, 'idempotency-key': key },
        payload,
      });
    expect(
      (await post(`/api/v1/activities/${id}/join`, { optionId: 1 }, 'first-join-1')).statusCode,
    ).toBe(201);
    const before = await counts();
    const cases: [string, object, string, number, string?][] = [
      [`/api/v1/activities/999999/join`, { optionId: 1 }, 'ACTIVITY_NOT_FOUND', 404],
      [`/api/v1/activities/${id}/join`, { optionId: 77 }, 'OPTION_NOT_FOUND', 422],
      [`/api/v1/activities/${id}/join`, { optionId: 1 }, 'DAILY_LIMIT_REACHED', 422],
      [
        `/api/v1/activities/${id}/join`,
        { optionId: 1, clientSeed: 'x'.repeat(65) },
        'VALIDATION_FAILED',
        400,
      ],
      [
        `/api/v1/activities/${id}/join`,
        { optionId: 1, clientSeed: 'bad seed|x' },
        'VALIDATION_FAILED',
        400,
      ],
      [
        `/api/v1/activities/${id}/join`,
        { optionId: 2 },
        'IDEMPOTENCY_KEY_REUSED',
        409,
        'first-join-1',
      ],
    ];
    for (const [url, payload, code, status, key] of cases) {
      const r = await post(url, payload, key);
      expect(r.statusCode, code).toBe(status);
      expect(r.json().error.code).toBe(code);
    }
    const poor = await newMember(h.ctx);
    const noCash = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/${id}/join`,
      headers: { ...poor.auth, 'idempotency-key': 'poor-key-1' },
      payload: { optionId: 1 },
    });
    expect(noCash.json().error.code).toBe('INSUFFICIENT_CASH');
    await app.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${id}/pause`,
      headers: op.auth,
    });
    const paused = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/${id}/join`,
      headers: { ...poor.auth, 'idempotency-key': 'poor-key-2' },
      payload: { optionId: 1 },
    });
    expect(paused.json().error.code).toBe('ACTIVITY_NOT_OPEN');
    expect(await counts()).toEqual(before);
  });

  it('200 simultaneous joins give exactly 20 full groups of 10 distinct seats, and the ledger holds', async () => {
    const id = await publish(simple());
    const ids = await newMembersWithCash(h.ctx, 200, 20_000);
    await Promise.all(ids.map((m) => join(id, m)));
    const groups = await groupBuyRepo.listGroups(h.ctx.db, { activityId: id, limit: 100 });
    expect(groups).toHaveLength(20);
    expect(groups.every((g) => g.status === 'drawn' && g.seatCount === 10)).toBe(true);
    const seats = await h.ctx.db.execute<{
      group_id: number;
      n: number;
      members: number;
      maxseat: number;
    }>(sql`
      select group_id, count(*)::int n, count(distinct member_id)::int members, max(seat_no)::int maxseat
      from seats where group_id in (select id from groups where activity_id = ${id}) group by group_id`);
    expect(seats.rows.every((r) => r.n === 10 && r.members === 10 && r.maxseat === 10)).toBe(true);
    const escrow = await h.ctx.db.execute<{ s: string }>(sql`
      select coalesce(sum(p.amount), 0)::text s from postings p join accounts a on a.id = p.account_id
      join journal_entries e on e.id = p.entry_id where a.purpose = 'escrow' and (e.ref->>'groupId')::bigint in (select id from groups where activity_id = ${id})`);
    expect(Number(escrow.rows[0]!.s)).toBe(0);
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });
});

describe('house seats (平台补位)', () => {
  it('fills an open group, labels house seats, never lets them win, and is audited', async () => {
    const id = await publish(simple());
    const ids = await newMembersWithCash(h.ctx, 3, 100_000);
    let r;
    for (const m of ids) r = await join(id, m);
    const fill = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/groups/${r!.body.groupId}/house-fill`,
      headers: op.auth,
      payload: { reason: '超时补位' },
    });
    expect(fill.statusCode, fill.body).toBe(200);
    const g = (await app.inject({ url: `/api/v1/groups/${r!.body.groupId}` })).json();
    const house = g.seats.filter((s: { isHouse: boolean }) => s.isHouse);
    expect(house).toHaveLength(7);
    expect(
      house.every(
        (s: { label: { zh: string }; isWinner: boolean; excludedBy: string }) =>
          s.label.zh === '平台补位' && !s.isWinner && s.excludedBy === 'HOUSE',
      ),
    ).toBe(true);
    expect(g.draw.winners).toEqual([1, 2, 3]);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/groups/${r!.body.groupId}/house-fill`,
      headers: op.auth,
      payload: { reason: 'again' },
    });
    expect(again.json().error.code).toBe('GROUP_NOT_OPEN');
    const audit = (
      await app.inject({ url: `/api/v1/admin/audit?action=group.house_fill`, headers: op.auth })
    ).json().items;
    expect(audit[0]).toMatchObject({ targetId: String(r!.body.groupId) });
  });

  it('refuses when fewer than M real members would remain', async () => {
    const id = await publish(simple());
    const [m] = await newMembersWithCash(h.ctx, 1, 100_000);
    const r = await join(id, m!);
    const fill = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/groups/${r.body.groupId}/house-fill`,
      headers: op.auth,
      payload: { reason: 'x' },
    });
    expect(fill.json().error.code).toBe('NOT_ENOUGH_REAL_MEMBERS');
    const open = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${id}/manual-open`,
      headers: op.auth,
      payload: { houseSeats: 8, reason: 'x' },
    });
    expect(open.json().error.code).toBe('NOT_ENOUGH_REAL_MEMBERS');
    const ok = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${id}/manual-open`,
      headers: op.auth,
      payload: { houseSeats: 7, reason: '手动开团' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().seatsTaken).toBe(7);
  });
});

describe('referral and promoter validity', () => {
  it('pays the direct upline only while a valid promoter', async () => {
    const id = await publish(simple());
    const [upline] = await newMembersWithCash(h.ctx, 1, 100_000);
    const downs = await newMembersWithCash(h.ctx, 10, 100_000, { uplineId: upline! });
    for (const m of downs) await join(id, m); // upline never joined: not a promoter
    expect(await ledgerRepo.memberBalance(h.ctx.db, upline!, 'CASH')).toBe(100_000);
    await join(id, upline!); // now a promoter for two days
    const me = await app.inject({ url: '/api/v1/admin/members/' + upline, headers: op.auth });
    expect(me.json().promoterValidUntil).toBe('2026-11-26');
    for (const m of downs) await join(id, m);
    const referral = await h.ctx.db.execute<{ s: string }>(sql`
      select coalesce(sum(p.amount),0)::text s from postings p join accounts a on a.id = p.account_id
      join journal_entries e on e.id = p.entry_id where a.member_id = ${upline} and e.kind = 'referral_commission'`);
    expect(Number(referral.rows[0]!.s)).toBeGreaterThanOrEqual(9 * 200); // 2 % of 100 yuan for each down seat drawn so far
  });
});
