import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newPhone } from '../support/factories';

let h: Harness;
let app: FastifyInstance;

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
});
afterAll(async () => {
  await app.close();
  await h.close();
});

async function tableCounts() {
  const r = await h.ctx.db.execute<{ m: number; s: number; e: number }>(
    sql`select (select count(*) from members)::int m, (select count(*) from sessions)::int s, (select count(*) from journal_entries)::int e`,
  );
  return r.rows[0];
}

describe('registration', () => {
  it('registers with an invite code; the inviter becomes the direct upline', async () => {
    const inviter = await newMember(h.ctx);
    const phone = newPhone();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { phone, password: 'secret-pass', inviteCode: inviter.inviteCode },
    });
    expect(res.statusCode).toBe(201);
    const { token } = res.json();
    const me = await app.inject({
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({ phone, uplineId: inviter.id, isFrozen: false });
    const wallet = await app.inject({
      url: '/api/v1/me/wallet',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(wallet.json().balances.map((b: { asset: string }) => b.asset)).toEqual([
      'CASH',
      'GOLD',
      'DIVIDEND',
      'POOL',
      'CONSUMPTION',
      'DIGITAL',
    ]);
    expect(wallet.json().balances[0]).toMatchObject({
      balance: 0,
      unit: 'fen',
      label: { zh: '零钱', en: 'Cash' },
    });
  });

  const bad: [string, unknown, string, number][] = [
    ['a duplicate phone', 'DUP', 'PHONE_TAKEN', 409],
    [
      'an invite code that does not exist',
      { phone: '13711112222', password: 'secret-pass', inviteCode: 'NOSUCH99' },
      'INVITE_CODE_NOT_FOUND',
      422,
    ],
    [
      'an unknown field',
      { phone: '13711112223', password: 'secret-pass', isAdmin: true },
      'VALIDATION_FAILED',
      400,
    ],
    ['a wrong type', { phone: 13711112224, password: 'secret-pass' }, 'VALIDATION_FAILED', 400],
    [
      'an over-long password',
      { phone: '13711112225', password: 'x'.repeat(65) },
      'VALIDATION_FAILED',
      400,
    ],
    ['an invalid phone', { phone: '12345', password: 'secret-pass' }, 'VALIDATION_FAILED', 400],
    [
      'an SQL-injection nickname that is too long',
      {
        phone: '13711112226',
        password: 'secret-pass',
        nickname: "'; drop table members; --".repeat(3),
      },
      'VALIDATION_FAILED',
      400,
    ],
  ];
  for (const [what, payload, code, status] of bad) {
    it(`refuses ${what} with ${code} and changes nothing`, async () => {
      const existing = await newMember(h.ctx);
      const body =
        payload === 'DUP' ? { phone: existing.phone, password: 'another-pass' } : payload;
      const before = await tableCounts();
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: body as object,
        headers: { 'accept-language': 'en' },
      });
      expect(res.statusCode).toBe(status);
      const err = res.json().error;
      expect(err.code).toBe(code);
      expect(err.messageZh).toMatch(/[\u4e00-\u9fff]/);
      expect(err.message).toBe(err.messageEn);
      expect(err.requestId).toBe(res.headers['x-request-id']);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it('answers malformed JSON with MALFORMED_JSON, never a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: '{"phone": "1',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('MALFORMED_JSON');
  });

  it('answers an oversized body with BODY_TOO_LARGE', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/register',
      payload: { phone: '13700000000', password: 'x'.repeat(100_000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('BODY_TOO_LARGE');
  });
});

describe('sign-in and tokens', () => {
  it('logs in, and logout revokes the token', async () => {
    const m = await newMember(h.ctx);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: m.phone, password: m.password },
    });
    expect(res.statusCode).toBe(200);
    const auth = { authorization: `Bearer ${res.json().token}` };
    expect((await app.inject({ url: '/api/v1/me', headers: auth })).statusCode).toBe(200);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode,
    ).toBe(204);
    const after = await app.inject({ url: '/api/v1/me', headers: auth });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('TOKEN_INVALID');
  });

  it('a wrong password is INVALID_CREDENTIALS, the same as an unknown phone', async () => {
    const m = await newMember(h.ctx);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: m.phone, password: 'nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: newPhone(), password: 'nope-nope' },
    });
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account after five wrong passwords, even for the right one, until the lock ends', async () => {
    const m = await newMember(h.ctx);
    for (let i = 0; i < 5; i++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { phone: m.phone, password: 'wrong-pass' },
      });
    }
    const locked = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: m.phone, password: m.password },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    h.clock.advance(16 * 60_000);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone: m.phone, password: m.password },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('an expired token is refused', async () => {
    const m = await newMember(h.ctx);
    h.clock.advance(h.ctx.config.sessionTtlMs + 1000);
    const res = await app.inject({ url: '/api/v1/me', headers: m.auth });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('TOKEN_INVALID');
  });

  it('a garbage bearer token is TOKEN_INVALID and no token is UNAUTHENTICATED', async () => {
    expect(
      (
        await app.inject({ url: '/api/v1/me', headers: { authorization: 'Bearer not a token' } })
      ).json().error.code,
    ).toBe('TOKEN_INVALID');
    expect((await app.inject({ url: '/api/v1/me' })).json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('rate limit', () => {
  it('limits sign-in attempts per IP', async () => {
    const limited = await createHarness({ AUTH_RATE_LIMIT: '3' });
    const { app: app2 } = await createTestApp(limited);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await app2.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: '13700000009', password: 'whatever1' },
        });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
    } finally {
      await app2.close();
      await limited.close();
    }
  });
});

describe('health and docs', () => {
  it('serves health and the OpenAPI document', async () => {
    expect((await app.inject({ url: '/api/v1/health' })).json()).toMatchObject({
      status: 'ok',
      database: 'ok',
    });
    const doc = await app.inject({ url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    expect(Object.keys(doc.json().paths)).toContain('/api/v1/auth/register');
  });
});
