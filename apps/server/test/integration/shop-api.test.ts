/** The shop's own routes: platform config, team summary, last month's dividend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember } from '../support/factories';

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

describe('shop routes', () => {
  it('GET /shop/config is public and gives the platform zone and today', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/shop/config' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      timeZone: 'Asia/Shanghai',
      today: '2026-11-25',
      rechargeProviders: ['sandbox'],
      assetNames: {
        CASH: { zh: '零钱', en: 'Cash' },
        DIVIDEND: { zh: '分红积分', en: 'Dividend points' },
      },
    });
  });

  it('GET /me/team/summary: invite code, promoter validity, no commissions yet', async () => {
    const m = await newMember(h.ctx);
    const r = await app.inject({ method: 'GET', url: '/api/v1/me/team/summary', headers: m.auth });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      inviteCode: m.inviteCode,
      promoterValidUntil: null,
      isPromoter: false,
      commissions: [],
    });
    const anon = await app.inject({ method: 'GET', url: '/api/v1/me/team/summary' });
    expect(anon.statusCode).toBe(401);
  });

  it('GET /me/pool/last-dividend names last month and says it is not settled', async () => {
    const m = await newMember(h.ctx);
    const r = await app.inject({
      method: 'GET',
      url: '/api/v1/me/pool/last-dividend',
      headers: m.auth,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ period: '2026-10', status: 'none', amountFen: 0, finishedAt: null });
  });
});
