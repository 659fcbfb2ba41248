import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ledgerRepo } from '@pingou/db';
import {
  generateSandboxKeys,
  isSandboxProvider,
  signWechatStyle,
  type SandboxProvider,
} from '../../src/payments/sandbox-provider';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let sandbox: SandboxProvider;

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  const p = h.ctx.providers.get('sandbox')!;
  if (!isSandboxProvider(p)) throw new Error('sandbox missing');
  sandbox = p;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

type M = Awaited<ReturnType<typeof newMember>>;
const cash = async (m: M) => ledgerRepo.memberBalance(h.ctx.db, m.id, 'CASH');
const notify = (n: { headers: Record<string, string>; rawBody: string }) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/payments/notify/sandbox',
    headers: n.headers,
    payload: n.rawBody,
  });
async function order(
  m: M,
  amountFen: number,
  key = `key-${Math.random().toString(36).slice(2, 12)}`,
) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/recharges',
    headers: { ...m.auth, 'idempotency-key': key },
    payload: { amountFen },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { outTradeNo: string; amountFen: number; status: string };
}
async function notificationOutcomes(outTradeNo: string | null) {
  const r = await h.ctx.db.execute<{ outcome: string }>(
    outTradeNo
      ? sql`select outcome from payment_notifications where out_trade_no = ${outTradeNo} order by id`
      : sql`select outcome from payment_notifications where out_trade_no is null order by id`,
  );
  return r.rows.map((x) => x.outcome);
}

describe('recharge (充值)', () => {
  it('credits cash once when the signed notification arrives, even if it arrives three times', async () => {
    const m = await newMember(h.ctx);
    const o = await order(m, 50_000);
    expect(o.status).toBe('pending');
    expect(await cash(m)).toBe(0);
    const n = sandbox.simulatePayment(o.outTradeNo);
    for (let i = 0; i < 3; i++) {
      const res = await notify(n);
      expect(res.statusCode).toBe(200);
      expect(res.json().code).toBe('SUCCESS');
    }
    expect(await cash(m)).toBe(50_000);
    expect(await notificationOutcomes(o.outTradeNo)).toEqual([
      'credited',
      'duplicate',
      'duplicate',
    ]);
    const hist = (
      await app.inject({ url: '/api/v1/me/wallet/history?asset=CASH', headers: m.auth })
    ).json();
    expect(hist.items[0]).toMatchObject({
      kind: 'recharge',
      amount: 50_000,
      reason: { zh: '充值', en: 'Recharge' },
    });
  });

  it('credits once when the same notification races in concurrently', async () => {
    const m = await newMember(h.ctx);
    const o = await order(m, 12_300);
    const n = sandbox.simulatePayment(o.outTradeNo);
    await Promise.all(Array.from({ length: 8 }, () => notify(n)));
    expect(await cash(m)).toBe(12_300);
  });

  it('the same idempotency key returns the same order; with another body it is refused', async () => {
    const m = await newMember(h.ctx);
    const a = await order(m, 10_000, 'same-key-123');
    const b = await order(m, 10_000, 'same-key-123');
    expect(b.outTradeNo).toBe(a.outTradeNo);
    const c = await app.inject({
      method: 'POST',
      url: '/api/v1/me/recharges',
      headers: { ...m.auth, 'idempotency-key': 'same-key-123' },
      payload: { amountFen: 20_000 },
    });
    expect(c.statusCode).toBe(409);
    expect(c.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const none = await app.inject({
      method: 'POST',
      url: '/api/v1/me/recharges',
      headers: m.auth,
      payload: { amountFen: 20_000 },
    });
    expect(none.statusCode).toBe(400);
  });

  it('refuses negative, fractional and out-of-range amounts', async () => {
    const m = await newMember(h.ctx);
    for (const amountFen of [-100, 100.5, 0, '100']) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/v1/me/recharges',
        headers: { ...m.auth, 'idempotency-key': `k-${String(amountFen)}-x` },
        payload: { amountFen },
      });
      expect(r.statusCode, String(amountFen)).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
    const tooSmall = await app.inject({
      method: 'POST',
      url: '/api/v1/me/recharges',
      headers: { ...m.auth, 'idempotency-key': 'k-small-1' },
      payload: { amountFen: 99 },
    });
    expect(tooSmall.json().error.code).toBe('RECHARGE_AMOUNT_OUT_OF_RANGE');
  });

  it('refuses and records a forged, a tampered, a stale and a wrong-amount notification; credits nothing', async () => {
    const m = await newMember(h.ctx);
    const o = await order(m, 30_000);
    const resource = {
      out_trade_no: o.outTradeNo,
      transaction_id: 'T1',
      trade_state: 'SUCCESS',
      amount: { total: 30_000, currency: 'CNY' },
    };
    const forged = signWechatStyle(
      generateSandboxKeys(),
      generateSandboxKeys(),
      'TRANSACTION.SUCCESS',
      resource,
      h.clock.now(),
    );
    const good = sandbox.simulatePayment(o.outTradeNo);
    const tampered = {
      headers: good.headers,
      rawBody: good.rawBody.replace('TRANSACTION.SUCCESS', 'TRANSACTION.CLOSED'),
    };
    const stale = sandbox.sign('TRANSACTION.SUCCESS', resource, {
      timestamp: new Date(h.clock.now().getTime() - 10 * 60_000),
    });
    const wrongAmount = sandbox.simulatePayment(o.outTradeNo, { amountFen: 3_000_000 });
    const replayedHeaders = {
      headers: { ...good.headers, 'wechatpay-nonce': 'other-nonce' },
      rawBody: good.rawBody,
    };
    for (const n of [forged, tampered, stale, wrongAmount, replayedHeaders]) {
      const res = await notify(n);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('FAIL');
    }
    expect(await cash(m)).toBe(0);
    expect(await notificationOutcomes(o.outTradeNo)).toEqual(['amount_mismatch']);
    expect((await notificationOutcomes(null)).slice(-4)).toEqual([
      'rejected_signature',
      'rejected_signature',
      'rejected_stale',
      'rejected_signature',
    ]);
    // the genuine one still works afterwards
    expect((await notify(good)).statusCode).toBe(200);
    expect(await cash(m)).toBe(30_000);
  });

  it('answers garbage bodies and headers with a refusal, never a 500', async () => {
    for (const body of ['', 'not json', '{}', '{"resource":null}', 'x'.repeat(60_000)]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/payments/notify/sandbox',
        headers: {
          'content-type': 'application/json',
          'wechatpay-signature': 'abc',
          'wechatpay-timestamp': 'x',
        },
        payload: body,
      });
      expect(res.statusCode, body.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/payments/notify/nosuch',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(unknown.json().error.code).toBe('PAYMENT_PROVIDER_UNKNOWN');
  });

  it('a lost notification is recovered by querying the provider, once', async () => {
    const m = await newMember(h.ctx);
    const o = await order(m, 8_800);
    sandbox.simulatePayment(o.outTradeNo); // the provider has it paid; we never hear of it
    const fin = await newOperator(h.ctx, 'finance');
    for (let i = 0; i < 2; i++) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/admin/recharges/${o.outTradeNo}/sync`,
        headers: fin.auth,
      });
      expect(r.json().status).toBe('paid');
    }
    expect(await cash(m)).toBe(8_800);
  });

  it('refunds go back the way they came; a failed refund returns the cash; never more than paid', async () => {
    const m = await newMember(h.ctx);
    const o = await order(m, 20_000);
    await notify(sandbox.simulatePayment(o.outTradeNo));
    const fin = await newOperator(h.ctx, 'finance');
    const refund = (amountFen: number) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/admin/recharges/${o.outTradeNo}/refund`,
        headers: fin.auth,
        payload: { amountFen, reason: '用户申请' },
      });
    const r1 = await refund(5_000);
    expect(r1.statusCode).toBe(202);
    expect(await cash(m)).toBe(15_000);
    expect(
      (
        await notify(
          sandbox.simulateRefundNotification(r1.json().outRefundNo, {
            outTradeNo: o.outTradeNo,
            amountFen: 5_000,
            success: true,
          }),
        )
      ).statusCode,
    ).toBe(200);
    const r2 = await refund(6_000);
    await notify(
      sandbox.simulateRefundNotification(r2.json().outRefundNo, {
        outTradeNo: o.outTradeNo,
        amountFen: 6_000,
        success: false,
      }),
    );
    expect(await cash(m)).toBe(15_000);
    const over = await refund(15_001);
    expect(over.json().error.code).toBe('REFUND_EXCEEDS_PAYMENT');
    const auditor = await newOperator(h.ctx, 'auditor');
    const denied = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/recharges/${o.outTradeNo}/refund`,
      headers: auditor.auth,
      payload: { amountFen: 1, reason: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    const audit = (
      await app.inject({ url: `/api/v1/admin/audit?action=recharge.refund`, headers: fin.auth })
    ).json().items;
    expect(audit).toHaveLength(2);
  });

  it("the sandbox pay button credits the member's own order", async () => {
    const m = await newMember(h.ctx);
    const o = await order(m, 10_000);
    const paid = await app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/recharges/${o.outTradeNo}/pay`,
      headers: m.auth,
    });
    expect(paid.json()).toMatchObject({ status: 'paid', amountFen: 10_000 });
    expect(await cash(m)).toBe(10_000);
  });

  it('after all of it the trial balance holds', async () => {
    const op = await newOperator(h.ctx, 'auditor');
    const r = (await app.inject({ url: '/api/v1/admin/ledger/check', headers: op.auth })).json();
    expect(r.ok).toBe(true);
    expect(r.entries).toBeGreaterThan(5);
  });
});
