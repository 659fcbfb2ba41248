import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createSandboxProvider,
  generateSandboxKeys,
  parseWechatStyle,
  signWechatStyle,
} from '../../src/payments/sandbox-provider';

const keys = generateSandboxKeys();
const now = new Date('2026-11-25T04:00:00Z');
const sandbox = createSandboxProvider(keys, () => now);

describe('sandbox provider notifications', () => {
  it('round-trips a payment', async () => {
    await sandbox.createOrder({
      outTradeNo: 'R20261125000001',
      amountFen: 12_345,
      description: 'x',
      notifyUrl: 'x',
      expiresAt: now,
    });
    const n = sandbox.simulatePayment('R20261125000001');
    const p = await sandbox.parseNotification({ ...n, now });
    expect(p).toMatchObject({
      ok: true,
      kind: 'payment',
      outTradeNo: 'R20261125000001',
      amountFen: 12_345,
      status: 'SUCCESS',
    });
    expect(await sandbox.queryOrder('R20261125000001')).toMatchObject({
      status: 'SUCCESS',
      amountFen: 12_345,
    });
  });

  it('parses refund and payout notifications', async () => {
    expect(
      await sandbox.parseNotification({ ...sandbox.simulateRefund('R1', 'F1', 500, false), now }),
    ).toMatchObject({
      ok: true,
      kind: 'refund',
      outRefundNo: 'F1',
      status: 'FAILED',
      amountFen: 500,
    });
    expect(
      await sandbox.parseNotification({ ...sandbox.simulatePayout('W1', 900), now }),
    ).toMatchObject({ ok: true, kind: 'payout', outPayoutNo: 'W1', status: 'SUCCESS' });
  });

  it('refuses another key, a wrong API key, and an old timestamp', async () => {
    const other = generateSandboxKeys();
    const res = {
      out_trade_no: 'R1',
      transaction_id: 'T',
      trade_state: 'SUCCESS',
      amount: { total: 1 },
    };
    expect(
      parseWechatStyle(keys, {
        ...signWechatStyle(other, keys, 'TRANSACTION.SUCCESS', res, now),
        now,
      }),
    ).toEqual({ ok: false, reason: 'signature' });
    expect(
      parseWechatStyle(keys, {
        ...signWechatStyle(keys, other, 'TRANSACTION.SUCCESS', res, now),
        now,
      }),
    ).toEqual({ ok: false, reason: 'decrypt' });
    expect(
      parseWechatStyle(keys, {
        ...signWechatStyle(
          keys,
          keys,
          'TRANSACTION.SUCCESS',
          res,
          new Date(now.getTime() - 301_000),
        ),
        now,
      }),
    ).toEqual({ ok: false, reason: 'stale' });
  });

  it('keys survive serialisation', async () => {
    const restored = createSandboxProvider(JSON.parse(JSON.stringify(keys)), () => now);
    const n = sandbox.simulatePayment('R2', { amountFen: 1 });
    expect((await restored.parseNotification({ ...n, now })).ok).toBe(true);
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.string()),
        fc.string({ maxLength: 2000 }),
        (headers, rawBody) => {
          const r = parseWechatStyle(keys, { headers, rawBody, now });
          expect(r.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    const n = sandbox.simulatePayment('R3', { amountFen: 5 });
    fc.assert(
      fc.property(
        fc.nat(n.rawBody.length - 1),
        fc.string({ minLength: 1, maxLength: 1 }),
        (i, ch) => {
          const body = n.rawBody.slice(0, i) + ch + n.rawBody.slice(i + 1);
          fc.pre(body !== n.rawBody);
          expect(parseWechatStyle(keys, { headers: n.headers, rawBody: body, now }).ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
