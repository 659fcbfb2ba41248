/**
 * Withdrawals (提现, SPEC §8) through HTTP on real PostgreSQL: the hold at
 * request, finance review, payout by signed sandbox notifications, the fee as
 * platform revenue, funds returned on rejection and failure, every refusal
 * changing nothing, and who may do what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ledgerRepo, membersRepo } from '@pingou/db';
import {
  generateSandboxKeys,
  isSandboxProvider,
  type SandboxProvider,
  type SignedNotification,
} from '../../src/payments/sandbox-provider';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMember, newOperator, rechargeCash } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let sandbox: SandboxProvider;
type Op = Awaited<ReturnType<typeof newOperator>>;
type M = Awaited<ReturnType<typeof newMember>>;
let finance: Op;
let auditor: Op;
let operator: Op;
let superAdmin: Op;

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  const p = h.ctx.providers.get('sandbox')!;
  if (!isSandboxProvider(p)) throw new Error('sandbox missing');
  sandbox = p;
  finance = await newOperator(h.ctx, 'finance');
  auditor = await newOperator(h.ctx, 'auditor');
  operator = await newOperator(h.ctx, 'operator');
  superAdmin = await newOperator(h.ctx, 'super_admin');
});
afterAll(async () => {
  await app.close();
  await h.close();
});

// ---- helpers

let keySeq = 0;
const newKey = () => `wd-key-${++keySeq}-${Math.random().toString(36).slice(2, 10)}`;

async function memberWithCash(cashFen: number) {
  const m = await newMember(h.ctx);
  if (cashFen > 0) await rechargeCash(h.ctx, m.id, cashFen);
  return m;
}

const cash = (m: { id: number }) => ledgerRepo.memberBalance(h.ctx.db, m.id, 'CASH');

async function platform(purpose: string): Promise<number> {
  const rows = await ledgerRepo.platformBalances(h.ctx.db);
  return rows.find((r) => r.purpose === purpose && r.asset === 'CASH')?.balance ?? 0;
}

/** Everything a refused request must leave exactly as it was. */
async function snapshot(...members: { id: number }[]) {
  const r = await h.ctx.db.execute<Record<string, string>>(sql`select
    (select count(*) from withdrawals)::text as withdrawals,
    (select coalesce(string_agg(withdrawal_no || ':' || status, ',' order by id), '') from withdrawals) as states,
    (select count(*) from journal_entries)::text as entries,
    (select count(*) from postings)::text as postings,
    (select count(*) from audit_log)::text as audits,
    (select count(*) from idempotency_keys)::text as idempotency,
    (select count(*) from settings)::text as settings`);
  return {
    ...r.rows[0],
    cash: await Promise.all(members.map(cash)),
    pending: await platform('withdrawals_pending'),
    fees: await platform('fees'),
    payouts: await platform('payout_clearing'),
  };
}

function request(m: M, payload: Record<string, unknown>, key: string | null = newKey()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/me/withdrawals',
    headers: { ...m.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
}

async function requested(m: M, amountFen: number) {
  const res = await request(m, { amountFen, accountRef: 'openid-o1234' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { withdrawalNo: string; feeFen: number; payoutFen: number; status: string };
}

const review = (
  who: { auth: Record<string, string> },
  no: string,
  action: 'approve' | 'reject',
  payload?: object,
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/admin/withdrawals/${no}/${action}`,
    headers: who.auth,
    ...(payload ? { payload } : {}),
  });

const notify = (n: SignedNotification) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/payments/notify/sandbox',
    headers: n.headers,
    payload: n.rawBody,
  });

async function withdrawalRow(no: string) {
  const r = await h.ctx.db.execute<{ status: string; reason: string | null }>(
    sql`select status, reason from withdrawals where withdrawal_no = ${no}`,
  );
  return r.rows[0];
}

async function audits(no: string) {
  const r = await h.ctx.db.execute<{ action: string; operator_id: number }>(
    sql`select action, operator_id from audit_log where target_kind = 'withdrawal' and target_id = ${no} order by id`,
  );
  return r.rows.map((x) => ({ action: x.action, operatorId: Number(x.operator_id) }));
}

async function notificationOutcomes(no: string) {
  const r = await h.ctx.db.execute<{ outcome: string }>(
    sql`select outcome from payment_notifications where out_trade_no = ${no} order by id`,
  );
  return r.rows.map((x) => x.outcome);
}

// ---- the tests

describe('withdrawal fee preview', () => {
  it('shows the default minimum (100 yuan) and fee (6.5 %, rounded down) and changes nothing', async () => {
    const m = await memberWithCash(50_000);
    const before = await snapshot(m);
    const quote = async (amountFen: number) => {
      const res = await app.inject({
        url: `/api/v1/me/withdrawals/quote?amountFen=${amountFen}`,
        headers: m.auth,
      });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    expect(await quote(12_345)).toEqual({
      amountFen: 12_345,
      minimumFen: 10_000,
      feeBp: 650,
      feeFen: 802, // 802.425 rounded down
      payoutFen: 11_543,
      cashFen: 50_000,
      isBelowMinimum: false,
      isAboveCash: false,
      rules: { minimumFen: 10_000, fee: { kind: 'rate', bp: 650 } },
    });
    expect(await quote(9_999)).toMatchObject({ isBelowMinimum: true, feeFen: 649 });
    expect(await quote(50_001)).toMatchObject({ isAboveCash: true, feeFen: 3_250 });
    const bad = await app.inject({
      url: '/api/v1/me/withdrawals/quote?amountFen=1.5',
      headers: m.auth,
    });
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect(await snapshot(m)).toEqual(before);
  });
});

describe('withdrawal (提现) lifecycle', () => {
  it('holds the amount at request; approval pays out amount − fee; the fee is revenue; a repeated notification has one effect', async () => {
    const m = await memberWithCash(50_000);
    const pending0 = await platform('withdrawals_pending');
    const fees0 = await platform('fees');
    const payouts0 = await platform('payout_clearing');

    const w = await requested(m, 20_000);
    expect(w).toMatchObject({
      amountFen: 20_000,
      feeBp: 650,
      feeFen: 1_300,
      payoutFen: 18_700,
      status: 'requested',
      accountRef: 'openid-o1234',
      provider: 'sandbox',
      reason: null,
    });
    expect(await cash(m)).toBe(30_000);
    expect(await platform('withdrawals_pending')).toBe(pending0 + 20_000);
    const wallet = (await app.inject({ url: '/api/v1/me/wallet', headers: m.auth })).json();
    expect(wallet.balances.find((b: { asset: string }) => b.asset === 'CASH').balance).toBe(30_000);
    const hist = (
      await app.inject({ url: '/api/v1/me/wallet/history?asset=CASH', headers: m.auth })
    ).json();
    expect(hist.items[0]).toMatchObject({
      kind: 'withdrawal_hold',
      amount: -20_000,
      reason: { zh: '提现冻结', en: 'Withdrawal held' },
    });

    const approved = await review(finance, w.withdrawalNo, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'paying',
      memberId: m.id,
      reviewedBy: finance.id,
      payoutFen: 18_700,
    });
    expect(await audits(w.withdrawalNo)).toEqual([
      { action: 'withdrawal.approve', operatorId: finance.id },
    ]);
    // approval moves no money: it is still held until the provider says it paid
    expect(await cash(m)).toBe(30_000);
    expect(await platform('withdrawals_pending')).toBe(pending0 + 20_000);

    const n = sandbox.simulatePayoutNotification(w.withdrawalNo, true);
    const first = await notify(n);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ code: 'SUCCESS', outcome: 'payout_paid' });
    const settled = await snapshot(m);
    expect(settled.cash).toEqual([30_000]);
    expect(settled.pending).toBe(pending0);
    expect(settled.fees).toBe(fees0 + 1_300);
    expect(settled.payouts).toBe(payouts0 + 18_700);

    // the provider retries, in sequence and concurrently: one effect
    expect((await notify(n)).json()).toMatchObject({ code: 'SUCCESS', outcome: 'duplicate' });
    await Promise.all(Array.from({ length: 5 }, () => notify(n)));
    expect(await snapshot(m)).toEqual(settled);
    const outcomes = await notificationOutcomes(w.withdrawalNo);
    expect(outcomes.filter((o) => o === 'payout_paid')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(6);

    const mine = await app.inject({
      url: `/api/v1/me/withdrawals/${w.withdrawalNo}`,
      headers: m.auth,
    });
    expect(mine.json()).toMatchObject({ status: 'paid', feeFen: 1_300, payoutFen: 18_700 });
    expect(mine.json().finishedAt).not.toBeNull();

    // a contradicting verdict for a finished payout is refused, logged and changes nothing
    const contradicting = await notify(sandbox.simulatePayoutNotification(w.withdrawalNo, false));
    expect(contradicting.statusCode).toBeGreaterThanOrEqual(400);
    expect(contradicting.statusCode).toBeLessThan(500);
    expect(contradicting.json()).toMatchObject({ code: 'FAIL', outcome: 'withdrawal_state' });
    expect(await snapshot(m)).toEqual(settled);
    expect((await withdrawalRow(w.withdrawalNo))!.status).toBe('paid');
  });

  it('rejection returns the whole amount; approving the rejected withdrawal is refused and changes nothing', async () => {
    const m = await memberWithCash(30_000);
    const pending0 = await platform('withdrawals_pending');
    const w = await requested(m, 25_000);
    expect(await cash(m)).toBe(5_000);

    const noReason = await review(finance, w.withdrawalNo, 'reject', {});
    expect(noReason.json().error.code).toBe('VALIDATION_FAILED');
    const rejected = await review(finance, w.withdrawalNo, 'reject', {
      reason: '收款账户信息有误',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      reason: '收款账户信息有误',
      reviewedBy: finance.id,
    });
    expect(await cash(m)).toBe(30_000);
    expect(await platform('withdrawals_pending')).toBe(pending0);
    const hist = (
      await app.inject({ url: '/api/v1/me/wallet/history?asset=CASH', headers: m.auth })
    ).json();
    expect(hist.items[0]).toMatchObject({ kind: 'withdrawal_release', amount: 25_000 });

    const before = await snapshot(m);
    const approve = await review(finance, w.withdrawalNo, 'approve');
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error.code).toBe('WITHDRAWAL_STATE');
    const again = await review(finance, w.withdrawalNo, 'reject', { reason: 'again' });
    expect(again.json().error.code).toBe('WITHDRAWAL_STATE');
    // the provider was never asked to pay it: any verdict is refused
    const stray = await notify(
      sandbox.simulatePayoutNotification(w.withdrawalNo, true, { amountFen: w.payoutFen }),
    );
    expect(stray.statusCode).toBe(400);
    expect(stray.json()).toMatchObject({ code: 'FAIL', outcome: 'withdrawal_state' });
    expect(await snapshot(m)).toEqual(before);
    expect(await audits(w.withdrawalNo)).toEqual([
      { action: 'withdrawal.reject', operatorId: finance.id },
    ]);
  });

  it('a failed payout returns the whole amount, fee included; later verdicts change nothing', async () => {
    const m = await memberWithCash(40_000);
    const pending0 = await platform('withdrawals_pending');
    const fees0 = await platform('fees');
    const w = await requested(m, 40_000);
    expect(w.feeFen).toBe(2_600);
    expect(await cash(m)).toBe(0);
    expect((await review(finance, w.withdrawalNo, 'approve')).json().status).toBe('paying');

    const failed = sandbox.simulatePayoutNotification(w.withdrawalNo, false);
    expect((await notify(failed)).json()).toMatchObject({
      code: 'SUCCESS',
      outcome: 'payout_failed',
    });
    expect(await withdrawalRow(w.withdrawalNo)).toMatchObject({ status: 'failed' });
    expect(await cash(m)).toBe(40_000);
    expect(await platform('withdrawals_pending')).toBe(pending0);
    expect(await platform('fees')).toBe(fees0);

    const before = await snapshot(m);
    expect((await notify(failed)).json()).toMatchObject({ outcome: 'duplicate' });
    const late = await notify(sandbox.simulatePayoutNotification(w.withdrawalNo, true));
    expect(late.statusCode).toBe(400);
    expect(late.json().outcome).toBe('withdrawal_state');
    expect((await review(finance, w.withdrawalNo, 'approve')).json().error.code).toBe(
      'WITHDRAWAL_STATE',
    );
    expect(await snapshot(m)).toEqual(before);
  });

  it('keeps the money held when the provider cannot take the payout; approving again resends it', async () => {
    const m = await memberWithCash(20_000);
    const w = await requested(m, 10_000);
    const payout = sandbox.payout.bind(sandbox);
    sandbox.payout = async () => {
      throw new Error('provider unreachable');
    };
    try {
      const res = await review(finance, w.withdrawalNo, 'approve');
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('approved');
    } finally {
      sandbox.payout = payout;
    }
    expect(await cash(m)).toBe(10_000);
    const again = await review(finance, w.withdrawalNo, 'approve');
    expect(again.json().status).toBe('paying');
    expect((await audits(w.withdrawalNo)).map((a) => a.action)).toEqual([
      'withdrawal.approve',
      'withdrawal.payout_resend',
    ]);
    const paid = await notify(sandbox.simulatePayoutNotification(w.withdrawalNo, true));
    expect(paid.json().outcome).toBe('payout_paid');
    expect(await cash(m)).toBe(10_000);
  });

  it('a payout the provider took although its answer was lost finishes from approved', async () => {
    const m = await memberWithCash(10_000);
    const w = await requested(m, 10_000);
    const payout = sandbox.payout.bind(sandbox);
    sandbox.payout = async (input) => {
      await payout(input);
      throw new Error('timeout reading the answer');
    };
    try {
      expect((await review(finance, w.withdrawalNo, 'approve')).json().status).toBe('approved');
    } finally {
      sandbox.payout = payout;
    }
    const paid = await notify(sandbox.simulatePayoutNotification(w.withdrawalNo, true));
    expect(paid.json().outcome).toBe('payout_paid');
    expect(await withdrawalRow(w.withdrawalNo)).toMatchObject({ status: 'paid' });
    const before = await snapshot(m);
    const late = await review(finance, w.withdrawalNo, 'approve');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('WITHDRAWAL_STATE');
    expect(await snapshot(m)).toEqual(before);
    expect(await cash(m)).toBe(0);
  });

  it('concurrent requests never hold more than the cash', async () => {
    const m = await memberWithCash(25_000);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => request(m, { amountFen: 10_000, accountRef: 'openid-c' })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 201, 422, 422]);
    expect(results.filter((r) => r.statusCode === 422).map((r) => r.json().error.code)).toEqual([
      'INSUFFICIENT_CASH',
      'INSUFFICIENT_CASH',
    ]);
    expect(await cash(m)).toBe(5_000);
  });

  it('the same Idempotency-Key holds once; with another body it is refused', async () => {
    const m = await memberWithCash(30_000);
    const key = newKey();
    const body = { amountFen: 10_000, accountRef: 'openid-same' };
    const a = await request(m, body, key);
    const b = await request(m, body, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().withdrawalNo).toBe(a.json().withdrawalNo);
    expect(await cash(m)).toBe(20_000);
    const before = await snapshot(m);
    const other = await request(m, { ...body, amountFen: 12_000 }, key);
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const none = await request(m, body, null);
    expect(none.statusCode).toBe(400);
    expect(await snapshot(m)).toEqual(before);
  });

  it('lists my withdrawals; the finance queue filters by status', async () => {
    const m = await memberWithCash(30_000);
    const w1 = await requested(m, 10_000);
    const w2 = await requested(m, 10_000);
    const mine = (
      await app.inject({ url: '/api/v1/me/withdrawals?limit=1', headers: m.auth })
    ).json();
    expect(mine.items.map((x: { withdrawalNo: string }) => x.withdrawalNo)).toEqual([
      w2.withdrawalNo,
    ]);
    const next = (
      await app.inject({ url: `/api/v1/me/withdrawals?before=${mine.nextBefore}`, headers: m.auth })
    ).json();
    expect(next.items.map((x: { withdrawalNo: string }) => x.withdrawalNo)).toEqual([
      w1.withdrawalNo,
    ]);
    const queue = (
      await app.inject({
        url: `/api/v1/admin/withdrawals?status=requested&memberId=${m.id}`,
        headers: auditor.auth,
      })
    ).json();
    expect(queue.items).toHaveLength(2);
    expect(queue.items[0]).toMatchObject({
      memberId: m.id,
      status: 'requested',
      amountFen: 10_000,
    });
  });
});

describe('refused withdrawals change nothing', () => {
  it('below the minimum, above cash, from points, with an unknown provider, by a frozen member', async () => {
    const m = await memberWithCash(15_000);
    await creditAsset(h.ctx, m.id, 'GOLD', 1_000_000);
    const before = await snapshot(m);
    const refused = async (payload: Record<string, unknown>, status: number, code: string) => {
      const res = await request(m, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await snapshot(m)).toEqual(before);
    };
    await refused({ amountFen: 9_999, accountRef: 'openid-x' }, 422, 'WITHDRAWAL_BELOW_MINIMUM');
    await refused({ amountFen: 15_001, accountRef: 'openid-x' }, 422, 'INSUFFICIENT_CASH');
    // only cash is withdrawable: no asset field, and gold does not count as cash
    await refused({ amountFen: 20_000, accountRef: 'openid-x' }, 422, 'INSUFFICIENT_CASH');
    await refused(
      { amountFen: 10_000, accountRef: 'openid-x', asset: 'GOLD' },
      400,
      'VALIDATION_FAILED',
    );
    await refused({ amountFen: 10_000, accountRef: '' }, 400, 'VALIDATION_FAILED');
    await refused({ amountFen: -10_000, accountRef: 'openid-x' }, 400, 'VALIDATION_FAILED');
    await refused({ amountFen: 10_000.5, accountRef: 'openid-x' }, 400, 'VALIDATION_FAILED');
    await refused(
      { amountFen: 10_000, accountRef: 'openid-x', provider: 'nosuch' },
      404,
      'PAYMENT_PROVIDER_UNKNOWN',
    );

    // frozen while the session is still live (the freeze races the request)
    await membersRepo.updateMember(h.ctx.db, m.id, { isFrozen: true });
    await refused({ amountFen: 10_000, accountRef: 'openid-x' }, 403, 'MEMBER_FROZEN');
    await membersRepo.updateMember(h.ctx.db, m.id, { isFrozen: false });

    // frozen by an operator: the session is revoked as well
    const freeze = await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${m.id}/frozen`,
      headers: superAdmin.auth,
      payload: { isFrozen: true, reason: '风控' },
    });
    expect(freeze.statusCode).toBe(200);
    const after = await snapshot(m);
    const res = await request(m, { amountFen: 10_000, accountRef: 'openid-x' });
    expect(res.statusCode).toBe(401);
    expect(await snapshot(m)).toEqual(after);
  });

  it("a frozen member's pending withdrawal is not paid out; rejecting it returns the cash", async () => {
    const m = await memberWithCash(20_000);
    const w = await requested(m, 20_000);
    await app.inject({
      method: 'PUT',
      url: `/api/v1/admin/members/${m.id}/frozen`,
      headers: superAdmin.auth,
      payload: { isFrozen: true, reason: '风控' },
    });
    const before = await snapshot(m);
    const approve = await review(finance, w.withdrawalNo, 'approve');
    expect(approve.statusCode).toBe(403);
    expect(approve.json().error.code).toBe('MEMBER_FROZEN');
    expect(await snapshot(m)).toEqual(before);
    expect(
      (await review(finance, w.withdrawalNo, 'reject', { reason: '账户冻结' })).statusCode,
    ).toBe(200);
    expect(await cash(m)).toBe(20_000);
  });

  it('payout notifications for an unknown withdrawal, with another amount, or forged are refused, recorded and change nothing', async () => {
    const m = await memberWithCash(20_000);
    const w = await requested(m, 20_000);
    await review(finance, w.withdrawalNo, 'approve');
    const before = await snapshot(m);

    const unknown = await notify(
      sandbox.simulatePayoutNotification('W20261125NOSUCH0001', true, { amountFen: 18_700 }),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'FAIL', outcome: 'unknown_withdrawal' });
    expect(await notificationOutcomes('W20261125NOSUCH0001')).toEqual(['unknown_withdrawal']);

    const wrongAmount = await notify(
      sandbox.simulatePayoutNotification(w.withdrawalNo, true, { amountFen: 20_000 }),
    );
    expect(wrongAmount.json()).toMatchObject({ code: 'FAIL', outcome: 'amount_mismatch' });
    const forged = await notify(
      sandbox.simulatePayoutNotification(w.withdrawalNo, true, { signWith: generateSandboxKeys() }),
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json().outcome).toBe('rejected_signature');

    expect(await snapshot(m)).toEqual(before);
    expect((await withdrawalRow(w.withdrawalNo))!.status).toBe('paying');
    expect(await notificationOutcomes(w.withdrawalNo)).toEqual(['amount_mismatch']);
  });
});

describe('withdrawal rules (operator settings)', () => {
  it('finance changes minimum and fee tiers, audited; new requests use them, earlier ones keep their fee', async () => {
    const m = await memberWithCash(300_000);
    const early = await requested(m, 100_000);
    expect(early.feeFen).toBe(6_500);

    const tiers = {
      minimumFen: 20_000,
      fee: {
        kind: 'tiers',
        tiers: [
          { fromFen: 0, bp: 800 },
          { fromFen: 100_000, bp: 500 },
        ],
      },
    };
    const put = (who: { auth: Record<string, string> }, payload: object) =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/admin/settings/withdrawal-rules',
        headers: who.auth,
        payload,
      });

    const beforeRefusals = await snapshot(m);
    for (const who of [auditor, operator]) {
      const res = await put(who, tiers);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const invalid = await put(finance, {
      minimumFen: 20_000,
      fee: { kind: 'tiers', tiers: [{ fromFen: 50_000, bp: 500 }] },
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error).toMatchObject({
      code: 'WITHDRAWAL_RULES_INVALID',
      fields: [{ path: 'fee.tiers.0.fromFen' }],
    });
    const everything = await put(finance, {
      minimumFen: 20_000,
      fee: { kind: 'rate', bp: 10_000 },
    });
    expect(everything.json().error.code).toBe('VALIDATION_FAILED');
    expect(await snapshot(m)).toEqual(beforeRefusals);

    const ok = await put(finance, tiers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual(tiers);
    const read = await app.inject({
      url: '/api/v1/admin/settings/withdrawal-rules',
      headers: auditor.auth,
    });
    expect(read.json()).toEqual(tiers);
    const audit = await h.ctx.db.execute<{ operator_id: number; before: unknown; after: unknown }>(
      sql`select operator_id, before, after from audit_log where action = 'withdrawal.rules' order by id`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      operator_id: finance.id,
      before: { minimumFen: 10_000, fee: { kind: 'rate', bp: 650 } },
      after: tiers,
    });

    try {
      const below = await request(m, { amountFen: 15_000, accountRef: 'openid-x' });
      expect(below.json().error.code).toBe('WITHDRAWAL_BELOW_MINIMUM');
      const small = await requested(m, 99_999);
      expect(small).toMatchObject({ feeBp: 800, feeFen: 7_999, payoutFen: 92_000 });
      const large = await requested(m, 100_000);
      expect(large).toMatchObject({ feeBp: 500, feeFen: 5_000, payoutFen: 95_000 });

      // the early request keeps the 6.5 % it was quoted
      await review(finance, early.withdrawalNo, 'approve');
      const fees0 = await platform('fees');
      await notify(sandbox.simulatePayoutNotification(early.withdrawalNo, true));
      expect(await platform('fees')).toBe(fees0 + 6_500);
      expect(await cash(m)).toBe(300_000 - 100_000 - 99_999 - 100_000);
    } finally {
      expect(
        (await put(finance, { minimumFen: 10_000, fee: { kind: 'rate', bp: 650 } })).statusCode,
      ).toBe(200);
    }
  });
});

describe('who may do what', () => {
  it('members request and see only their own; finance reviews; auditors and operators only read', async () => {
    const m = await memberWithCash(40_000);
    const other = await memberWithCash(0);
    const w = await requested(m, 10_000);
    const before = await snapshot(m);

    const as = (
      headers: Record<string, string>,
      method: 'GET' | 'POST' | 'PUT',
      url: string,
      payload?: object,
    ) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const cases: [
      string,
      Record<string, string>,
      'GET' | 'POST' | 'PUT',
      string,
      object | undefined,
      number,
    ][] = [
      // anonymous
      ['anonymous', {}, 'GET', '/api/v1/me/withdrawals', undefined, 401],
      ['anonymous', {}, 'GET', '/api/v1/admin/withdrawals', undefined, 401],
      [
        'anonymous',
        {},
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/approve`,
        undefined,
        401,
      ],
      // another member: the withdrawal is hidden like a missing one; no admin routes
      [
        'other member',
        other.auth,
        'GET',
        `/api/v1/me/withdrawals/${w.withdrawalNo}`,
        undefined,
        404,
      ],
      ['member', m.auth, 'GET', '/api/v1/admin/withdrawals', undefined, 403],
      ['member', m.auth, 'GET', `/api/v1/admin/withdrawals/${w.withdrawalNo}`, undefined, 403],
      [
        'member',
        m.auth,
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/approve`,
        undefined,
        403,
      ],
      [
        'member',
        m.auth,
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/reject`,
        { reason: 'x' },
        403,
      ],
      ['member', m.auth, 'GET', '/api/v1/admin/settings/withdrawal-rules', undefined, 403],
      [
        'member',
        m.auth,
        'PUT',
        '/api/v1/admin/settings/withdrawal-rules',
        { minimumFen: 1, fee: { kind: 'rate', bp: 0 } },
        403,
      ],
      [
        'member',
        m.auth,
        'POST',
        `/api/v1/sandbox/withdrawals/${w.withdrawalNo}/payout-result`,
        { isSuccess: true },
        403,
      ],
      // operators are not members
      [
        'finance',
        finance.auth,
        'POST',
        '/api/v1/me/withdrawals',
        { amountFen: 10_000, accountRef: 'x' },
        403,
      ],
      [
        'finance',
        finance.auth,
        'GET',
        '/api/v1/me/withdrawals/quote?amountFen=10000',
        undefined,
        403,
      ],
      // auditors and plain operators read, never act
      ['auditor', auditor.auth, 'GET', '/api/v1/admin/withdrawals', undefined, 200],
      [
        'auditor',
        auditor.auth,
        'GET',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}`,
        undefined,
        200,
      ],
      ['auditor', auditor.auth, 'GET', '/api/v1/admin/settings/withdrawal-rules', undefined, 200],
      [
        'auditor',
        auditor.auth,
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/approve`,
        undefined,
        403,
      ],
      [
        'auditor',
        auditor.auth,
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/reject`,
        { reason: 'x' },
        403,
      ],
      [
        'auditor',
        auditor.auth,
        'PUT',
        '/api/v1/admin/settings/withdrawal-rules',
        { minimumFen: 1, fee: { kind: 'rate', bp: 0 } },
        403,
      ],
      [
        'auditor',
        auditor.auth,
        'POST',
        `/api/v1/sandbox/withdrawals/${w.withdrawalNo}/payout-result`,
        { isSuccess: true },
        403,
      ],
      ['operator', operator.auth, 'GET', '/api/v1/admin/withdrawals', undefined, 200],
      [
        'operator',
        operator.auth,
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/approve`,
        undefined,
        403,
      ],
      [
        'operator',
        operator.auth,
        'POST',
        `/api/v1/admin/withdrawals/${w.withdrawalNo}/reject`,
        { reason: 'x' },
        403,
      ],
      [
        'finance',
        finance.auth,
        'GET',
        '/api/v1/admin/withdrawals/W20261125NOSUCH0001',
        undefined,
        404,
      ],
      [
        'finance',
        finance.auth,
        'POST',
        '/api/v1/admin/withdrawals/W20261125NOSUCH0001/approve',
        undefined,
        404,
      ],
    ];
    const failures: string[] = [];
    for (const [who, headers, method, url, payload, status] of cases) {
      const res = await as(headers, method, url, payload);
      if (res.statusCode !== status)
        failures.push(`${method} ${url} as ${who}: ${res.statusCode} (expected ${status})`);
    }
    expect(failures).toEqual([]);
    expect(await snapshot(m)).toEqual(before);

    // finance and the super admin act
    const approved = await review(superAdmin, w.withdrawalNo, 'approve');
    expect(approved.json()).toMatchObject({ status: 'paying', reviewedBy: superAdmin.id });
    const result = await app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/withdrawals/${w.withdrawalNo}/payout-result`,
      headers: finance.auth,
      payload: { isSuccess: true },
    });
    expect(result.json()).toMatchObject({ outcome: 'payout_paid', withdrawal: { status: 'paid' } });
    expect(await cash(m)).toBe(30_000);
  });
});

describe('the books', () => {
  it('every shown balance equals its postings; platform accounts match the withdrawals table', async () => {
    const report = await ledgerRepo.checkLedger(h.ctx.db);
    expect(report).toMatchObject({
      ok: true,
      unbalancedAssets: [],
      unbalancedEntries: [],
      balanceMismatches: [],
      negativeMemberBalances: [],
    });
    const r = await h.ctx.db.execute<{ held: string; fees: string; paid: string }>(sql`select
      coalesce(sum(amount) filter (where status in ('requested', 'approved', 'paying')), 0)::text as held,
      coalesce(sum(fee) filter (where status = 'paid'), 0)::text as fees,
      coalesce(sum(payout_amount) filter (where status = 'paid'), 0)::text as paid
      from withdrawals`);
    const t = r.rows[0]!;
    expect(await platform('withdrawals_pending')).toBe(Number(t.held));
    expect(await platform('fees')).toBe(Number(t.fees));
    expect(await platform('payout_clearing')).toBe(Number(t.paid));
    expect(Number(t.fees)).toBeGreaterThan(0);
  });
});
