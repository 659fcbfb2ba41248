// The sandbox's WeChat Pay v3 notifications through the adapter: what is accepted, and why the rest is refused.
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_WINDOW_MS } from '../../../src/payments/provider';
import { createSandboxProvider } from '../../../src/payments/sandbox-provider';
import { signWechatStyle } from '../../../src/payments/wechat-pay-v3';
import { keys, newSandbox, now, otherKeys, paidOrder } from './fixtures';

const sandbox = newSandbox();
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const transaction = (over: Record<string, unknown> = {}) => ({
  out_trade_no: 'R1',
  transaction_id: '4200001',
  trade_state: 'SUCCESS',
  amount: { total: 100, currency: 'CNY' },
  ...over,
});

describe('a genuine notification', () => {
  it('round-trips a payment with its fields', async () => {
    const n = await paidOrder(sandbox, 'R20261125000001', 12_345);
    const p = await sandbox.parseNotification({ ...n, now });
    expect(p).toEqual({
      ok: true,
      notifyId: JSON.parse(n.rawBody).id,
      kind: 'payment',
      outTradeNo: 'R20261125000001',
      providerTxnId: (await sandbox.queryOrder('R20261125000001')).providerTxnId,
      amountFen: 12_345,
      status: 'SUCCESS',
    });
    expect(p.ok && p.providerTxnId).toMatch(/^42000\d{20}$/);
  });

  it('has the WeChat Pay v3 wire shape', async () => {
    const n = await paidOrder(sandbox, 'R20261125000002', 100);
    expect(Object.keys(n.headers)).toEqual(
      expect.arrayContaining([
        'wechatpay-timestamp',
        'wechatpay-nonce',
        'wechatpay-signature',
        'wechatpay-serial',
      ]),
    );
    expect(n.headers['wechatpay-timestamp']).toBe(String(now.getTime() / 1000));
    expect(n.headers['wechatpay-serial']).toBe(keys.serial);
    const body = JSON.parse(n.rawBody);
    expect(body).toMatchObject({
      create_time: now.toISOString(),
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: { algorithm: 'AEAD_AES_256_GCM', associated_data: 'transaction' },
    });
    expect(body.resource.nonce).toHaveLength(12);
    expect(n.rawBody).not.toContain('R20261125000002'); // the resource is encrypted
  });

  it('is read whatever the header case (WeChat sends Wechatpay-Signature …)', async () => {
    const n = await paidOrder(sandbox, 'R20261125000003', 100);
    const headers = Object.fromEntries(
      Object.entries(n.headers).map(([k, v]) => [
        k.replace(/(^|-)(\w)/g, (_, dash, c) => dash + c.toUpperCase()),
        v,
      ]),
    );
    expect(headers['Wechatpay-Signature']).toBeDefined();
    expect((await sandbox.parseNotification({ headers, rawBody: n.rawBody, now })).ok).toBe(true);
  });

  it('reports a wrong amount faithfully when it is correctly signed', async () => {
    await paidOrder(sandbox, 'R20261125000004', 500);
    const n = sandbox.simulatePayment('R20261125000004', { amountFen: 3_000_000 });
    expect(await sandbox.parseNotification({ ...n, now })).toMatchObject({
      ok: true,
      amountFen: 3_000_000,
    });
    expect((await sandbox.queryOrder('R20261125000004')).amountFen).toBe(500);
  });

  it('parses a closed payment', async () => {
    await paidOrder(sandbox, 'R20261125000005', 700);
    const n = sandbox.simulatePayment('R20261125000005', { status: 'CLOSED' });
    expect(await sandbox.parseNotification({ ...n, now })).toMatchObject({
      ok: true,
      kind: 'payment',
      status: 'CLOSED',
    });
  });

  it('parses refund notifications, succeeded and failed', async () => {
    await paidOrder(sandbox, 'R20261125000006', 2_000);
    await sandbox.refund({
      outTradeNo: 'R20261125000006',
      outRefundNo: 'F1',
      amountFen: 500,
      totalFen: 2_000,
      reason: '用户申请',
    });
    expect(
      await sandbox.parseNotification({ ...sandbox.simulateRefundNotification('F1'), now }),
    ).toMatchObject({
      ok: true,
      kind: 'refund',
      outTradeNo: 'R20261125000006',
      outRefundNo: 'F1',
      amountFen: 500,
      status: 'SUCCESS',
      providerTxnId: expect.stringMatching(/^50300/),
    });
    const failed = sandbox.simulateRefundNotification('F2', {
      outTradeNo: 'R20261125000006',
      amountFen: 300,
      success: false,
    });
    expect(await sandbox.parseNotification({ ...failed, now })).toMatchObject({
      ok: true,
      kind: 'refund',
      outRefundNo: 'F2',
      amountFen: 300,
      status: 'FAILED',
    });
  });

  it('parses payout notifications, paid and failed', async () => {
    await sandbox.payout({ outPayoutNo: 'W1', amountFen: 9_350, accountRef: 'openid-1' });
    const paid = await sandbox.parseNotification({
      ...sandbox.simulatePayoutNotification('W1', true),
      now,
    });
    expect(paid).toMatchObject({
      ok: true,
      kind: 'payout',
      outTradeNo: 'W1',
      outPayoutNo: 'W1',
      amountFen: 9_350,
      status: 'SUCCESS',
    });
    const failed = await sandbox.parseNotification({
      ...sandbox.simulatePayoutNotification('W1', false),
      now,
    });
    expect(failed).toMatchObject({ ok: true, kind: 'payout', status: 'FAILED', amountFen: 9_350 });
    // the same payout keeps its provider id across notifications
    expect(paid.ok && failed.ok && paid.providerTxnId === failed.providerTxnId).toBe(true);
  });

  it('is accepted up to exactly five minutes off, either way', async () => {
    for (const offset of [-NOTIFICATION_WINDOW_MS, NOTIFICATION_WINDOW_MS]) {
      const n = sandbox.sign('TRANSACTION.SUCCESS', transaction(), { timestamp: at(offset) });
      expect((await sandbox.parseNotification({ ...n, now })).ok).toBe(true);
    }
  });
});

describe('a refused notification', () => {
  const refused = async (n: { headers: Record<string, string>; rawBody: string }) =>
    sandbox.parseNotification({ ...n, now });

  it('tampered after signing: signature', async () => {
    await paidOrder(sandbox, 'R20261125000010', 100);
    const n = sandbox.simulatePayment('R20261125000010', { tamper: true });
    expect(await refused(n)).toEqual({ ok: false, reason: 'signature' });
    const good = sandbox.simulatePayment('R20261125000010');
    const edited = good.rawBody.replace('TRANSACTION.SUCCESS', 'TRANSACTION.CLOSED');
    expect(await refused({ headers: good.headers, rawBody: edited })).toEqual({
      ok: false,
      reason: 'signature',
    });
  });

  it('signed by another key: signature', async () => {
    await paidOrder(sandbox, 'R20261125000011', 100);
    const forged = sandbox.simulatePayment('R20261125000011', { signWith: otherKeys });
    expect(await refused(forged)).toEqual({ ok: false, reason: 'signature' });
    // even claiming our certificate serial
    const claimed = sandbox.simulatePayment('R20261125000011', {
      signWith: { serial: keys.serial, privateKeyPem: otherKeys.privateKeyPem },
    });
    expect(await refused(claimed)).toEqual({ ok: false, reason: 'signature' });
    // and a forger who also knows the API v3 key gains nothing
    expect(
      await refused(signWechatStyle(otherKeys, keys, 'TRANSACTION.SUCCESS', transaction(), now)),
    ).toEqual({ ok: false, reason: 'signature' });
  });

  it('headers moved to another nonce or serial: signature', async () => {
    const n = await paidOrder(sandbox, 'R20261125000012', 100);
    const changes: Record<string, string>[] = [
      { 'wechatpay-nonce': 'other-nonce' },
      { 'wechatpay-serial': 'ABC' },
    ];
    for (const change of changes) {
      expect(await refused({ headers: { ...n.headers, ...change }, rawBody: n.rawBody })).toEqual({
        ok: false,
        reason: 'signature',
      });
    }
  });

  it('older or newer than five minutes: stale', async () => {
    for (const offset of [-NOTIFICATION_WINDOW_MS - 1000, NOTIFICATION_WINDOW_MS + 1000]) {
      const n = sandbox.sign('TRANSACTION.SUCCESS', transaction(), { timestamp: at(offset) });
      expect(await refused(n)).toEqual({ ok: false, reason: 'stale' });
    }
    // a genuine notification replayed ten minutes later
    const n = await paidOrder(sandbox, 'R20261125000013', 100);
    expect(await sandbox.parseNotification({ ...n, now: at(10 * 60_000) })).toEqual({
      ok: false,
      reason: 'stale',
    });
  });

  it('encrypted under another API v3 key: decrypt', async () => {
    await paidOrder(sandbox, 'R20261125000014', 100);
    const n = sandbox.simulatePayment('R20261125000014', { encryptWith: otherKeys });
    expect(await refused(n)).toEqual({ ok: false, reason: 'decrypt' });
  });

  it('decrypted by an adapter holding the wrong API v3 key: decrypt', async () => {
    const n = await paidOrder(sandbox, 'R20261125000015', 100);
    const misconfigured = createSandboxProvider({ ...keys, apiV3Key: otherKeys.apiV3Key });
    expect(await misconfigured.parseNotification({ ...n, now })).toEqual({
      ok: false,
      reason: 'decrypt',
    });
  });

  it('correctly signed but nonsensical: malformed', async () => {
    const cases: [string, object][] = [
      ['PAYMENT.WHATEVER', transaction()],
      ['constructor', transaction()],
      ['TRANSACTION.SUCCESS', transaction({ trade_state: 'CLOSED' })], // event and state disagree
      ['TRANSACTION.SUCCESS', transaction({ trade_state: 'NOTPAY' })],
      ['TRANSACTION.SUCCESS', transaction({ amount: { total: 100, currency: 'USD' } })],
      ['TRANSACTION.SUCCESS', transaction({ amount: { total: 100 } })],
      ['TRANSACTION.SUCCESS', transaction({ amount: { total: 1.5, currency: 'CNY' } })],
      ['TRANSACTION.SUCCESS', transaction({ amount: { total: -100, currency: 'CNY' } })],
      ['TRANSACTION.SUCCESS', transaction({ amount: { total: '100', currency: 'CNY' } })],
      ['TRANSACTION.SUCCESS', transaction({ amount: { total: 2 ** 60, currency: 'CNY' } })],
      ['TRANSACTION.SUCCESS', transaction({ out_trade_no: '' })],
      ['TRANSACTION.SUCCESS', transaction({ transaction_id: 42 })],
      ['REFUND.SUCCESS', transaction()], // a refund without out_refund_no / refund_id
      ['PAYOUT.SUCCESS', { out_payout_no: 'W1', payout_status: 'SUCCESS', amount: { total: 1 } }],
      ['TRANSACTION.SUCCESS', []],
    ];
    for (const [event, resource] of cases) {
      const n = signWechatStyle(keys, keys, event, resource, now);
      expect(await refused(n), `${event} ${JSON.stringify(resource)}`).toEqual({
        ok: false,
        reason: 'malformed',
      });
    }
  });
});
