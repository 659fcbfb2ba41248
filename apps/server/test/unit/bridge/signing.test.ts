/** The bridge's HMAC-SHA256 signing (docs/bridge.md): the canonical string pinned, and every refusal. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalString,
  parseAnswerBody,
  parseSignedCallback,
  signMessage,
  verdictBody,
  verifyMessage,
} from '../../../src/bridge/signing';

const SECRET = 'unit-secret-0123456789';
const AT = new Date('2026-11-25T04:00:00Z');
const PATH = '/api/v1/bridge/callback/http';
const NONCE = '00112233445566778899aabbccddeeff';

describe('bridge signing', () => {
  it('signs METHOD\\nPATH\\nTIMESTAMP\\nNONCE\\nBODY with HMAC-SHA256 in lowercase hex', () => {
    const body = '{"conversionId":"B1234567890","status":"accepted"}';
    const m = signMessage(SECRET, 'POST', PATH, body, AT, NONCE);
    expect(m.headers['x-bridge-timestamp']).toBe('1795579200');
    expect(m.headers['x-bridge-nonce']).toBe(NONCE);
    const expected = createHmac('sha256', SECRET)
      .update(`POST\n${PATH}\n1795579200\n${NONCE}\n${body}`)
      .digest('hex');
    expect(m.headers['x-bridge-signature']).toBe(expected);
    expect(canonicalString('POST', PATH, '1', 'n', 'b')).toBe(`POST\n${PATH}\n1\nn\nb`);
  });

  it('verifies its own signature within five minutes, either side', () => {
    const m = signMessage(SECRET, 'POST', PATH, '{}', AT);
    for (const skew of [0, 299_000, -299_000])
      expect(
        verifyMessage(SECRET, 'POST', PATH, m.headers, '{}', new Date(AT.getTime() + skew)),
      ).toEqual({ ok: true });
    expect(
      verifyMessage(SECRET, 'POST', PATH, m.headers, '{}', new Date(AT.getTime() + 301_000)),
    ).toEqual({ ok: false, reason: 'stale' });
  });

  it('refuses another secret, method, path, body, nonce, or missing and malformed headers', () => {
    const m = signMessage(SECRET, 'POST', PATH, '{}', AT, NONCE);
    const bad = (r: ReturnType<typeof verifyMessage>) =>
      expect(r).toEqual({ ok: false, reason: 'signature' });
    bad(verifyMessage('another-secret-xxxxxx', 'POST', PATH, m.headers, '{}', AT));
    bad(verifyMessage(SECRET, 'RESPONSE', PATH, m.headers, '{}', AT));
    bad(verifyMessage(SECRET, 'POST', '/api/v1/bridge/callback/local', m.headers, '{}', AT));
    bad(verifyMessage(SECRET, 'POST', PATH, m.headers, '{ }', AT));
    bad(verifyMessage(SECRET, 'POST', PATH, m.headers, '{}', AT, 'ff'.repeat(16)));
    bad(verifyMessage(SECRET, 'POST', PATH, {}, '{}', AT));
    bad(
      verifyMessage(SECRET, 'POST', PATH, { ...m.headers, 'x-bridge-signature': 'zz' }, '{}', AT),
    );
    bad(
      verifyMessage(SECRET, 'POST', PATH, { ...m.headers, 'x-bridge-timestamp': '1e9' }, '{}', AT),
    );
    expect(verifyMessage(SECRET, 'POST', PATH, m.headers, 'x'.repeat(20_000), AT)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });

  it('reads answers and callbacks; only final verdicts may come as callbacks', () => {
    const no = 'B20261125040000ABCDEF';
    expect(parseAnswerBody(verdictBody(no, { status: 'confirmed', chainRef: '0xab' }))).toEqual({
      ok: true,
      conversionNo: no,
      answer: { status: 'confirmed', chainRef: '0xab' },
    });
    expect(parseAnswerBody(verdictBody(no, { status: 'accepted' })).ok).toBe(true);
    for (const body of [
      'not json',
      'null',
      '{"conversionId":"b-lower","status":"accepted"}',
      `{"conversionId":"${no}","status":"confirmed"}`,
      `{"conversionId":"${no}","status":"refused","reason":""}`,
      `{"conversionId":"${no}","status":"done"}`,
    ])
      expect(parseAnswerBody(body), body).toEqual({ ok: false });
    const accepted = signMessage(SECRET, 'POST', PATH, verdictBody(no, { status: 'accepted' }), AT);
    expect(
      parseSignedCallback(SECRET, {
        path: PATH,
        headers: accepted.headers,
        rawBody: accepted.body,
        now: AT,
      }),
    ).toEqual({ ok: false, reason: 'malformed' });
    const refused = signMessage(
      SECRET,
      'POST',
      PATH,
      verdictBody(no, { status: 'refused', reason: 'blocked' }),
      AT,
    );
    expect(
      parseSignedCallback(SECRET, {
        path: PATH,
        headers: refused.headers,
        rawBody: refused.body,
        now: AT,
      }),
    ).toEqual({ ok: true, conversionNo: no, verdict: { status: 'refused', reason: 'blocked' } });
  });
});
