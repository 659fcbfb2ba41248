/**
 * The monthly points pool (积分池, SPEC §7) through HTTP on real PostgreSQL:
 * transfers in (whole hundreds, days 1–24) and out (days 1–5) with exact
 * balances, the window in the platform time zone, every refusal changing
 * nothing, one effect per Idempotency-Key, the operator's days, and who may
 * do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ledgerRepo, membersRepo } from '@pingou/db';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMember, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
type Op = Awaited<ReturnType<typeof newOperator>>;
type M = Awaited<ReturnType<typeof newMember>>;
let operator: Op;
let finance: Op;
let auditor: Op;
let superAdmin: Op;

beforeAll(async () => {
  // The clock walks over months here; sessions must outlive it.
  h = await createHarness({ SESSION_TTL_HOURS: String(24 * 365 * 5) });
  ({ app } = await createTestApp(h));
  operator = await newOperator(h.ctx, 'operator');
  finance = await newOperator(h.ctx, 'finance');
  auditor = await newOperator(h.ctx, 'auditor');
  superAdmin = await newOperator(h.ctx, 'super_admin');
});
afterAll(async () => {
  await app.close();
  await h.close();
});

// ---- helpers

/** Shanghai wall time (UTC+8). */
const onShanghai = (local: string) => h.clock.set(new Date(`${local}+08:00`));

let keySeq = 0;
const newKey = () => `pool-key-${++keySeq}-${Math.random().toString(36).slice(2, 10)}`;

async function memberWithDividend(amount: number) {
  const m = await newMember(h.ctx);
  if (amount > 0) await creditAsset(h.ctx, m.id, 'DIVIDEND', amount);
  return m;
}

const balances = async (m: { id: number }) => ({
  dividend: await ledgerRepo.memberBalance(h.ctx.db, m.id, 'DIVIDEND'),
  pool: await ledgerRepo.memberBalance(h.ctx.db, m.id, 'POOL'),
});

async function issuance(asset: string): Promise<number> {
  const rows = await ledgerRepo.platformBalances(h.ctx.db);
  return rows.find((r) => r.purpose === 'issuance' && r.asset === asset)?.balance ?? 0;
}

/** Everything a refused request must leave exactly as it was. */
async function snapshot(...members: { id: number }[]) {
  const r = await h.ctx.db.execute<Record<string, string>>(sql`select
    (select count(*) from journal_entries)::text as entries,
    (select count(*) from postings)::text as postings,
    (select count(*) from audit_log)::text as audits,
    (select count(*) from idempotency_keys)::text as idempotency,
    (select count(*) from settings)::text as settings`);
  return {
    ...r.rows[0],
    balances: await Promise.all(members.map(balances)),
    issuanceDividend: await issuance('DIVIDEND'),
    issuancePool: await issuance('POOL'),
  };
}

function transfer(m: M, payload: Record<string, unknown>, key: string | null = newKey()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/me/pool/transfers',
    headers: { ...m.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
}

async function transferred(m: M, direction: 'in' | 'out', amount: number) {
  const res = await transfer(m, { direction, amount });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const status = async (m: M) => {
  const res = await app.inject({ url: '/api/v1/me/pool', headers: m.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const putWindows = (who: { auth: Record<string, string> }, payload: object) =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/admin/settings/pool-windows',
    headers: who.auth,
    payload,
  });

// ---- the tests

describe('pool status (积分池)', () => {
  it("shows balances and today's window in the platform time zone", async () => {
    const m = await memberWithDividend(1_234_500);
    onShanghai('2026-12-03T10:00:00');
    expect(await status(m)).toEqual({
      dividend: 1_234_500,
      pool: 0,
      window: {
        phase: 'in_out',
        canTransferIn: true,
        canTransferOut: true,
        canRedeem: true,
        today: '2026-12-03',
        phaseEndsAt: '2026-12-05T16:00:00.000Z',
        monthEnd: '2026-12-31',
      },
      settings: { inOutUntilDay: 5, inOnlyUntilDay: 24 },
    });
    // 16:00 UTC on the 24th is already the 25th in Shanghai: frozen until the 1st.
    h.clock.set('2026-11-24T16:00:00Z');
    expect((await status(m)).window).toMatchObject({
      phase: 'frozen',
      canTransferIn: false,
      canTransferOut: false,
      today: '2026-11-25',
      phaseEndsAt: '2026-11-30T16:00:00.000Z',
      monthEnd: '2026-11-30',
    });
    onShanghai('2026-11-24T23:59:59');
    expect((await status(m)).window).toMatchObject({
      phase: 'in_only',
      canTransferIn: true,
      canTransferOut: false,
      canRedeem: false,
      phaseEndsAt: '2026-11-24T16:00:00.000Z',
    });
  });
});

describe('pool transfers', () => {
  it('moves whole hundreds in (days 1–24) and any amount out (days 1–5), with exact balances', async () => {
    const m = await memberWithDividend(1_234_500); // 12,345 points
    const div0 = await issuance('DIVIDEND');
    const pool0 = await issuance('POOL');

    onShanghai('2026-12-10T09:00:00'); // in only
    expect(await transferred(m, 'in', 1_000_000)).toEqual({
      direction: 'in',
      amount: 1_000_000,
      dividend: 234_500,
      pool: 1_000_000,
      createdAt: '2026-12-10T01:00:00.000Z',
    });
    onShanghai('2026-12-24T23:59:00'); // last in-only minute
    await transferred(m, 'in', 200_000);
    expect(await balances(m)).toEqual({ dividend: 34_500, pool: 1_200_000 });
    // Both assets pass through issuance, which nets to zero over the pair.
    expect(await issuance('DIVIDEND')).toBe(div0 + 1_200_000);
    expect(await issuance('POOL')).toBe(pool0 - 1_200_000);

    onShanghai('2027-01-01T00:00:00'); // a new month opens both ways at local midnight
    expect(await transferred(m, 'out', 12_345)).toMatchObject({
      direction: 'out',
      dividend: 46_845,
      pool: 1_187_655,
    });
    onShanghai('2027-01-05T23:59:59');
    await transferred(m, 'in', 10_000);
    await transferred(m, 'out', 1_197_655); // all of it
    expect(await balances(m)).toEqual({ dividend: 1_234_500, pool: 0 });
    expect(await issuance('DIVIDEND')).toBe(div0);
    expect(await issuance('POOL')).toBe(pool0);

    const entries = await h.ctx.db.execute<{ kind: string; n: string; assets: string }>(sql`
      select e.kind, count(*)::text as n, string_agg(distinct p.asset, ',' order by p.asset) as assets
      from journal_entries e join postings p on p.entry_id = e.id
      where e.kind = 'pool_transfer' and e.ref->>'memberId' = ${String(m.id)}
      group by e.id, e.kind order by e.id`);
    expect(entries.rows).toEqual(
      Array.from({ length: 5 }, () => ({ kind: 'pool_transfer', n: '4', assets: 'DIVIDEND,POOL' })),
    );
  });

  it('a retried Idempotency-Key has one effect; the same key for another transfer is refused', async () => {
    const m = await memberWithDividend(500_000);
    onShanghai('2026-12-02T12:00:00');
    const key = newKey();
    const first = await transfer(m, { direction: 'in', amount: 300_000 }, key);
    expect(first.statusCode).toBe(201);
    const before = await snapshot(m);
    const again = await transfer(m, { direction: 'in', amount: 300_000 }, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await snapshot(m)).toEqual(before);
    expect(await balances(m)).toEqual({ dividend: 200_000, pool: 300_000 });

    const other = await transfer(m, { direction: 'out', amount: 300_000 }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await transfer(m, { direction: 'in', amount: 100_000 }, null);
    expect(missing.statusCode).toBe(400);
    expect(await snapshot(m)).toEqual(before);

    // Concurrent retries of one key: one effect.
    const k2 = newKey();
    const both = await Promise.all([
      transfer(m, { direction: 'out', amount: 50_000 }, k2),
      transfer(m, { direction: 'out', amount: 50_000 }, k2),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(await balances(m)).toEqual({ dividend: 250_000, pool: 250_000 });
  });
});

describe('refused transfers change nothing', () => {
  it('not a whole hundred, outside the window, above the balance, invalid, by a frozen member', async () => {
    const m = await memberWithDividend(250_000);
    onShanghai('2026-12-03T12:00:00');
    await transferred(m, 'in', 100_000);
    const before = await snapshot(m);
    const refused = async (payload: Record<string, unknown>, statusCode: number, code: string) => {
      const res = await transfer(m, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(statusCode);
      expect(res.json().error.code).toBe(code);
      expect(await snapshot(m)).toEqual(before);
      return res.json().error;
    };
    // 整百: 50 points, 101 points
    await refused({ direction: 'in', amount: 5_000 }, 422, 'POOL_NOT_WHOLE_HUNDRED');
    await refused({ direction: 'in', amount: 10_100 }, 422, 'POOL_NOT_WHOLE_HUNDRED');
    await refused({ direction: 'in', amount: 100_050 }, 422, 'POOL_NOT_WHOLE_HUNDRED');
    // above the balance, either way
    await refused({ direction: 'in', amount: 200_000 }, 422, 'INSUFFICIENT_BALANCE');
    await refused({ direction: 'out', amount: 100_001 }, 422, 'INSUFFICIENT_BALANCE');
    // invalid at the edge
    await refused({ direction: 'out', amount: 0 }, 400, 'VALIDATION_FAILED');
    await refused({ direction: 'out', amount: -100 }, 400, 'VALIDATION_FAILED');
    await refused({ direction: 'out', amount: 1.5 }, 400, 'VALIDATION_FAILED');
    await refused({ direction: 'sideways', amount: 10_000 }, 400, 'VALIDATION_FAILED');
    await refused({ direction: 'in', amount: 10_000, asset: 'GOLD' }, 400, 'VALIDATION_FAILED');

    // out on day 10 (in only), in on day 26 (frozen), both on the last day of a 28-day month
    onShanghai('2026-12-10T12:00:00');
    const out = await refused({ direction: 'out', amount: 10_000 }, 409, 'POOL_WINDOW_CLOSED');
    expect(out.fields[0].message).toContain('days 1–5');
    onShanghai('2026-12-26T12:00:00');
    const into = await refused({ direction: 'in', amount: 10_000 }, 409, 'POOL_WINDOW_CLOSED');
    expect(into.fields[0].message).toContain('2026-12-31T16:00:00.000Z');
    await refused({ direction: 'out', amount: 10_000 }, 409, 'POOL_WINDOW_CLOSED');
    onShanghai('2027-02-28T23:00:00');
    await refused({ direction: 'in', amount: 10_000 }, 409, 'POOL_WINDOW_CLOSED');
    // UTC server clock: 16:00Z on the 24th is the 25th in Shanghai
    h.clock.set('2026-12-24T16:00:00Z');
    await refused({ direction: 'in', amount: 10_000 }, 409, 'POOL_WINDOW_CLOSED');

    // frozen member (the freeze races a live session)
    onShanghai('2026-12-03T12:00:00');
    await membersRepo.updateMember(h.ctx.db, m.id, { isFrozen: true });
    await refused({ direction: 'in', amount: 10_000 }, 403, 'MEMBER_FROZEN');
    await refused({ direction: 'out', amount: 10_000 }, 403, 'MEMBER_FROZEN');
    await membersRepo.updateMember(h.ctx.db, m.id, { isFrozen: false });
    await transferred(m, 'out', 10_000);
    expect(await balances(m)).toEqual({ dividend: 160_000, pool: 90_000 });
  });
});

describe('pool window days (operator settings)', () => {
  it('operators read and change them (audited); the window follows; invalid days are refused', async () => {
    const get = await app.inject({
      url: '/api/v1/admin/settings/pool-windows',
      headers: auditor.auth,
    });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual({ inOutUntilDay: 5, inOnlyUntilDay: 24 });

    const m = await memberWithDividend(100_000);
    onShanghai('2026-12-03T12:00:00');
    await transferred(m, 'in', 100_000);
    const before = await snapshot(m);
    const refused = async (payload: object, code: string, statusCode: number) => {
      const res = await putWindows(operator, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(statusCode);
      expect(res.json().error.code).toBe(code);
      expect(await snapshot(m)).toEqual(before);
    };
    await refused({ inOutUntilDay: 10, inOnlyUntilDay: 10 }, 'POOL_WINDOWS_INVALID', 422);
    await refused({ inOutUntilDay: 20, inOnlyUntilDay: 10 }, 'POOL_WINDOWS_INVALID', 422);
    await refused({ inOutUntilDay: 5, inOnlyUntilDay: 28 }, 'POOL_WINDOWS_INVALID', 422);
    await refused({ inOutUntilDay: 0, inOnlyUntilDay: 24 }, 'VALIDATION_FAILED', 400);
    await refused({ inOutUntilDay: 5 }, 'VALIDATION_FAILED', 400);
    await refused({ inOutUntilDay: 5, inOnlyUntilDay: 24, x: 1 }, 'VALIDATION_FAILED', 400);
    // finance and auditors may read, not change
    for (const who of [finance, auditor]) {
      const res = await putWindows(who, { inOutUntilDay: 10, inOnlyUntilDay: 20 });
      expect(res.statusCode).toBe(403);
    }
    expect(await snapshot(m)).toEqual(before);

    const put = await putWindows(operator, { inOutUntilDay: 10, inOnlyUntilDay: 20 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ inOutUntilDay: 10, inOnlyUntilDay: 20 });
    const audit = await h.ctx.db.execute<{ action: string; operator_id: string; after: unknown }>(
      sql`select action, operator_id::text, after from audit_log where target_kind = 'setting' and target_id = 'pool_windows' order by id`,
    );
    expect(audit.rows).toEqual([
      {
        action: 'pool.windows',
        operator_id: String(operator.id),
        after: { inOutUntilDay: 10, inOnlyUntilDay: 20 },
      },
    ]);

    // Day 10 is now in and out; day 21 already frozen.
    onShanghai('2026-12-10T12:00:00');
    expect((await status(m)).window).toMatchObject({
      phase: 'in_out',
      phaseEndsAt: '2026-12-10T16:00:00.000Z',
    });
    expect((await status(m)).settings).toEqual({ inOutUntilDay: 10, inOnlyUntilDay: 20 });
    await transferred(m, 'out', 30_000);
    onShanghai('2026-12-21T00:00:00');
    const res = await transfer(m, { direction: 'in', amount: 10_000 });
    expect(res.json().error.code).toBe('POOL_WINDOW_CLOSED');

    // super admin restores SPEC's days
    const restore = await putWindows(superAdmin, { inOutUntilDay: 5, inOnlyUntilDay: 24 });
    expect(restore.statusCode).toBe(200);
    expect(await balances(m)).toEqual({ dividend: 30_000, pool: 70_000 });
  });

  it('members and anonymous callers cannot reach the settings; operators cannot use member routes', async () => {
    const m = await newMember(h.ctx);
    const url = '/api/v1/admin/settings/pool-windows';
    expect((await app.inject({ url, headers: m.auth })).statusCode).toBe(403);
    expect((await app.inject({ url })).statusCode).toBe(401);
    expect(
      (await app.inject({ method: 'PUT', url, payload: { inOutUntilDay: 5, inOnlyUntilDay: 24 } }))
        .statusCode,
    ).toBe(401);
    expect((await putWindows(m, { inOutUntilDay: 5, inOnlyUntilDay: 24 })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/me/pool' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me/pool', headers: operator.auth })).statusCode).toBe(
      403,
    );
    const post = await app.inject({
      method: 'POST',
      url: '/api/v1/me/pool/transfers',
      headers: { ...superAdmin.auth, 'idempotency-key': newKey() },
      payload: { direction: 'in', amount: 10_000 },
    });
    expect(post.statusCode).toBe(403);
  });
});

describe('ledger', () => {
  it('balances after everything above', async () => {
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
