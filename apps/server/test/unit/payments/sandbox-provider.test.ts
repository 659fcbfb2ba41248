// The sandbox refuses what WeChat Pay refuses for orders, refunds and payouts, and answers queries from memory.
import { describe, expect, it } from 'vitest';
import { isSandboxProvider } from '../../../src/payments/sandbox-provider';
import type { ProviderRegistry } from '../../../src/payments/provider';
import { newSandbox, now, paidOrder } from './fixtures';

const order = (
  outTradeNo: string,
  amountFen: number,
  expiresAt = new Date(now.getTime() + 60_000),
) => ({
  outTradeNo,
  amountFen,
  description: '拼购零钱充值',
  notifyUrl: 'https://pingou.test/notify',
  expiresAt,
});

describe('sandbox orders', () => {
  it('creates an order once, with pay params for the client', async () => {
    const sandbox = newSandbox();
    const created = await sandbox.createOrder(order('R1', 1_000));
    expect(created.providerOrderId).toBe('sbx_R1');
    expect(created.payParams).toEqual({
      prepayId: 'sbx_R1',
      sandboxPayPath: '/api/v1/sandbox/recharges/R1/pay',
    });
    expect(await sandbox.createOrder(order('R1', 1_000))).toEqual(created); // a retry is harmless
    await expect(sandbox.createOrder(order('R1', 2_000))).rejects.toThrow(/already ordered/);
    for (const amountFen of [0, -1, 1.5, Number.NaN, 2 ** 53])
      await expect(sandbox.createOrder(order('R2', amountFen))).rejects.toThrow(/fen/);
    await expect(sandbox.createOrder(order('R 3', 1))).rejects.toThrow(/outTradeNo/);
  });

  it('answers queries from memory: NOTPAY, SUCCESS with the transaction, CLOSED once expired', async () => {
    let clock = now;
    const sandbox = newSandbox(() => clock);
    expect(await sandbox.queryOrder('UNKNOWN')).toEqual({ status: 'NOTPAY', amountFen: 0 });
    await sandbox.createOrder(order('R1', 1_000));
    await sandbox.createOrder(order('R2', 2_000));
    expect(await sandbox.queryOrder('R1')).toEqual({ status: 'NOTPAY', amountFen: 1_000 });
    const n = sandbox.simulatePayment('R1');
    const parsed = await sandbox.parseNotification({ ...n, now });
    expect(await sandbox.queryOrder('R1')).toEqual({
      status: 'SUCCESS',
      amountFen: 1_000,
      providerTxnId: parsed.ok ? parsed.providerTxnId : 'x',
    });
    clock = new Date(now.getTime() + 61_000);
    expect((await sandbox.queryOrder('R2')).status).toBe('CLOSED');
    expect((await sandbox.queryOrder('R1')).status).toBe('SUCCESS');
  });

  it('will not simulate a payment for an order it cannot know the amount of', () => {
    expect(() => newSandbox().simulatePayment('NEVER')).toThrow(/amountFen/);
  });
});

describe('sandbox refunds', () => {
  const refund = (outRefundNo: string, amountFen: number, totalFen = 1_000, outTradeNo = 'R1') => ({
    outTradeNo,
    outRefundNo,
    amountFen,
    totalFen,
    reason: '用户申请',
  });

  it('refunds a paid order, never more than was paid, and a failed refund frees its amount', async () => {
    const sandbox = newSandbox();
    await sandbox.createOrder(order('R0', 1_000));
    await expect(sandbox.refund(refund('F0', 100, 1_000, 'R0'))).rejects.toThrow(/not paid/);
    await paidOrder(sandbox, 'R1', 1_000);
    await expect(sandbox.refund(refund('F1', 100, 999))).rejects.toThrow(/paid 1000/);
    expect(await sandbox.refund(refund('F1', 600))).toEqual({ status: 'PROCESSING' });
    expect(await sandbox.refund(refund('F1', 600))).toEqual({ status: 'PROCESSING' }); // retry
    await expect(sandbox.refund(refund('F1', 500))).rejects.toThrow(/already used/);
    await expect(sandbox.refund(refund('F2', 401))).rejects.toThrow(/exceed/);
    sandbox.simulateRefundNotification('F1', { success: false });
    expect(await sandbox.refund(refund('F2', 1_000))).toEqual({ status: 'PROCESSING' });
    await expect(sandbox.refund(refund('F3', 0))).rejects.toThrow(/fen/);
  });

  it('refunds an order paid before a restart on the caller’s word', async () => {
    expect(await newSandbox().refund(refund('F1', 300, 1_000, 'R-OLD'))).toEqual({
      status: 'PROCESSING',
    });
  });
});

describe('sandbox payouts', () => {
  it('accepts a payout once per number, for fen only', async () => {
    const sandbox = newSandbox();
    const p = { outPayoutNo: 'W1', amountFen: 9_350, accountRef: 'openid-1' };
    expect(await sandbox.payout(p)).toEqual({ status: 'PROCESSING' });
    expect(await sandbox.payout(p)).toEqual({ status: 'PROCESSING' });
    await expect(sandbox.payout({ ...p, amountFen: 1 })).rejects.toThrow(/already used/);
    await expect(sandbox.payout({ ...p, outPayoutNo: 'W2', amountFen: 0.5 })).rejects.toThrow(
      /fen/,
    );
    await expect(sandbox.payout({ ...p, outPayoutNo: 'W3', accountRef: '' })).rejects.toThrow();
    expect(() => sandbox.simulatePayoutNotification('W9', true)).toThrow(/amountFen/);
  });
});

describe('the provider contract', () => {
  it('acknowledges like WeChat Pay v3', () => {
    const sandbox = newSandbox();
    expect(sandbox.ackBody(true)).toEqual({ status: 200, body: { code: 'SUCCESS' } });
    const fail = sandbox.ackBody(false);
    expect(fail.status).toBeGreaterThanOrEqual(400);
    expect(fail.body).toMatchObject({ code: 'FAIL', message: expect.any(String) });
  });

  it('sits in a registry by name and is recognised as the sandbox', () => {
    const registry: ProviderRegistry = new Map([['sandbox', newSandbox()]]);
    const p = registry.get('sandbox');
    expect(p && isSandboxProvider(p) && p.name).toBe('sandbox');
  });
});
