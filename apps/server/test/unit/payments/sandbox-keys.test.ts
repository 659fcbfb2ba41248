// Sandbox keys survive JSON storage (the settings table) and a restart; unusable keys are refused at start.
import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createSandboxProvider,
  generateSandboxKeys,
  parseSandboxKeys,
} from '../../../src/payments/sandbox-provider';
import { keys, newSandbox, now, otherKeys, paidOrder } from './fixtures';

describe('sandbox keys', () => {
  it('are an RSA-2048 platform pair, a serial and a 32-byte API v3 key', () => {
    expect(createPublicKey(keys.publicKeyPem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(keys.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(Buffer.from(keys.apiV3Key, 'base64')).toHaveLength(32);
    expect(keys.serial).toMatch(/^[0-9A-F]{40}$/);
    expect(otherKeys.serial).not.toBe(keys.serial);
  });

  it('serialise to JSON and restore to the same keys', () => {
    const stored = JSON.stringify(keys);
    expect(parseSandboxKeys(JSON.parse(stored))).toEqual(keys);
  });

  it('let a restarted sandbox verify what the previous one signed', async () => {
    const before = newSandbox();
    const n = await paidOrder(before, 'R20261125000200', 6_600);
    const after = createSandboxProvider(
      parseSandboxKeys(JSON.parse(JSON.stringify(keys))),
      () => now,
    );
    expect(await after.parseNotification({ ...n, now })).toMatchObject({
      ok: true,
      outTradeNo: 'R20261125000200',
      amountFen: 6_600,
    });
    // its memory is gone, its keys are not: it can still sign for an order it never saw
    expect((await after.queryOrder('R20261125000200')).status).toBe('NOTPAY');
    const again = after.simulatePayment('R20261125000200', { amountFen: 6_600 });
    expect((await before.parseNotification({ ...again, now })).ok).toBe(true);
  });

  it('refuse unusable keys loudly', () => {
    const bad: unknown[] = [
      null,
      'keys',
      {},
      { ...keys, apiV3Key: Buffer.alloc(16).toString('base64') },
      { ...keys, publicKeyPem: otherKeys.publicKeyPem }, // not the private key's pair
      { ...keys, privateKeyPem: 'not a pem' },
      { ...keys, serial: 'has spaces' },
    ];
    for (const value of bad) expect(() => parseSandboxKeys(value)).toThrow();
    expect(() => createSandboxProvider({ ...keys, publicKeyPem: otherKeys.publicKeyPem })).toThrow(
      /does not belong/,
    );
  });

  it('are fresh each time', () => {
    const a = generateSandboxKeys();
    expect(a.apiV3Key).not.toBe(keys.apiV3Key);
    expect(a.publicKeyPem).not.toBe(keys.publicKeyPem);
  });
});
