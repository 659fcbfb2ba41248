// Whatever arrives at the notify URL, the adapter answers ok:false with a reason; it never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NotificationInput } from '../../../src/payments/provider';
import { newSandbox, now, paidOrder } from './fixtures';

const sandbox = newSandbox();
const REASONS = ['signature', 'stale', 'malformed', 'decrypt'];

async function expectRefused(input: NotificationInput) {
  const r = await sandbox.parseNotification(input);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(REASONS).toContain(r.reason);
}

describe('hostile notification input', () => {
  it('refuses arbitrary headers and bodies', async () => {
    const headerNames = fc.constantFrom(
      'wechatpay-timestamp',
      'Wechatpay-Nonce',
      'wechatpay-signature',
      'WECHATPAY-SERIAL',
      '__proto__',
      'constructor',
      'x',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.oneof(headerNames, fc.string()), fc.string({ maxLength: 300 })),
        fc.oneof(fc.string({ maxLength: 2000 }), fc.json(), fc.constant('')),
        (headers, rawBody) => expectRefused({ headers, rawBody, now }),
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a genuine notification with any one character changed', async () => {
    const n = await paidOrder(sandbox, 'R20261125000100', 4_200);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(n.rawBody.length - 1),
        fc.string({ minLength: 1, maxLength: 1 }),
        async (i, ch) => {
          const rawBody = n.rawBody.slice(0, i) + ch + n.rawBody.slice(i + 1);
          fc.pre(rawBody !== n.rawBody);
          await expectRefused({ headers: n.headers, rawBody, now });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses genuine headers with any header value replaced', async () => {
    const n = await paidOrder(sandbox, 'R20261125000101', 4_200);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('wechatpay-timestamp', 'wechatpay-nonce', 'wechatpay-signature'),
        fc.string({ maxLength: 2000 }),
        async (name, value) => {
          fc.pre(value !== n.headers[name]);
          await expectRefused({
            headers: { ...n.headers, [name]: value },
            rawBody: n.rawBody,
            now,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a huge body without hashing it, and odd shapes a typed caller cannot send', async () => {
    const n = await paidOrder(sandbox, 'R20261125000102', 4_200);
    const huge = `${n.rawBody}${' '.repeat(10 * 1024 * 1024)}`;
    expect(await sandbox.parseNotification({ headers: n.headers, rawBody: huge, now })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const odd: unknown[] = [
      { headers: null, rawBody: n.rawBody, now },
      { headers: n.headers, rawBody: null, now },
      { headers: { ...n.headers, 'wechatpay-signature': ['a', 'b'] }, rawBody: n.rawBody, now },
      { headers: { ...n.headers, 'wechatpay-timestamp': 17e8 }, rawBody: n.rawBody, now },
      { headers: n.headers, rawBody: n.rawBody, now: new Date(Number.NaN) },
      { headers: n.headers, rawBody: n.rawBody, now: null },
      {
        headers: { ...n.headers, 'wechatpay-timestamp': '9'.repeat(400) },
        rawBody: n.rawBody,
        now,
      },
      {
        headers: { ...n.headers, 'wechatpay-signature': 'A'.repeat(100_000) },
        rawBody: n.rawBody,
        now,
      },
    ];
    for (const input of odd) await expectRefused(input as NotificationInput);
    // and the genuine one, untouched, still passes
    expect((await sandbox.parseNotification({ ...n, now })).ok).toBe(true);
  });
});
