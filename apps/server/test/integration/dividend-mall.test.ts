import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ledgerRepo } from '@pingou/db';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMember, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
beforeAll(async () => {
  h = await createHarness({ SESSION_TTL_HOURS: String(24 * 365) });
  ({ app } = await createTestApp(h));
});
afterAll(async () => {
  await app.close();
  await h.close();
});

describe('redeeming dividend points for products (days 1–5, SPEC §7)', () => {
  it('works in the in-and-out days and is refused on day 10 with nothing changed', async () => {
    h.clock.set('2026-12-02T04:00:00Z'); // 2 December in Shanghai
    const op = await newOperator(h.ctx, 'operator');
    const item = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/mall/items',
      headers: op.auth,
      payload: {
        mall: 'dividend',
        name: '分红积分兑换好礼',
        kind: 'product',
        pointsPrice: 50_000,
        cashPriceFen: 0,
        stock: 10,
      },
    });
    expect(item.statusCode, item.body).toBe(201);
    const m = await newMember(h.ctx);
    await creditAsset(h.ctx, m.id, 'DIVIDEND', 120_000);
    const redeem = (key: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/me/mall/redemptions',
        headers: { ...m.auth, 'idempotency-key': key },
        payload: { itemId: item.json().id },
      });
    const ok = await redeem('dividend-redeem-1');
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await ledgerRepo.memberBalance(h.ctx.db, m.id, 'DIVIDEND')).toBe(70_000);

    h.clock.set('2026-12-10T04:00:00Z');
    const before = await h.ctx.db.execute<{ e: number; o: number }>(
      sql`select (select count(*) from journal_entries)::int e, (select count(*) from orders)::int o`,
    );
    const closed = await redeem('dividend-redeem-2');
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.code).toBe('POOL_WINDOW_CLOSED');
    expect(await ledgerRepo.memberBalance(h.ctx.db, m.id, 'DIVIDEND')).toBe(70_000);
    const after = await h.ctx.db.execute<{ e: number; o: number }>(
      sql`select (select count(*) from journal_entries)::int e, (select count(*) from orders)::int o`,
    );
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });
});
