/**
 * kill -9 the server while payment notifications pour in, start it again and
 * let the provider retry: every paid order is credited exactly once and the
 * ledger stays balanced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ledgerRepo, paymentsRepo } from '@pingou/db';
import { isSandboxProvider, type SandboxProvider } from '../../src/payments/sandbox-provider';
import { createRecharge } from '../../src/use-cases/recharge/create-recharge';
import { createHarness, type Harness } from '../support/harness';
import { newMember } from '../support/factories';
import { startServer } from '../support/server-process';

let h: Harness;
let sandbox: SandboxProvider;
const TRIALS = Number(process.env.CRASH_TRIALS ?? 3);
const ORDERS = 60;

beforeAll(async () => {
  h = await createHarness({}, { realClock: true });
  const p = h.ctx.providers.get('sandbox')!;
  if (!isSandboxProvider(p)) throw new Error('no sandbox');
  sandbox = p;
});
afterAll(() => h.close());

async function post(baseUrl: string, n: { headers: Record<string, string>; rawBody: string }) {
  try {
    const r = await fetch(`${baseUrl}/api/v1/payments/notify/sandbox`, {
      method: 'POST',
      headers: n.headers,
      body: n.rawBody,
    });
    if (r.status !== 200) console.error(r.status, await r.text());
    return r.status;
  } catch {
    return 0; // the server died mid-request: the provider will retry
  }
}

describe('crash during recharge notifications', () => {
  it(`credits each order exactly once across ${TRIALS} kill -9 trials`, async () => {
    const members = await Promise.all(Array.from({ length: 6 }, () => newMember(h.ctx)));
    const expected = new Map<number, number>();
    const creditedAfterKill: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const orders = [];
      for (let i = 0; i < ORDERS; i++) {
        const m = members[i % members.length]!;
        const amount = 100 + ((trial * ORDERS + i) % 97) * 100;
        const r = await createRecharge(
          h.ctx,
          m.id,
          { amountFen: amount, provider: 'sandbox' },
          `crash-${trial}-${i}`,
        );
        orders.push({
          outTradeNo: r.body.outTradeNo,
          n: sandbox.simulatePayment(r.body.outTradeNo),
        });
        expected.set(m.id, (expected.get(m.id) ?? 0) + amount);
      }
      const server = await startServer(h.url);
      const inflight = orders.map((o, i) =>
        new Promise((r) => setTimeout(r, i * 2)).then(() => post(server.baseUrl, o.n)),
      );
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
      await server.kill9();
      await Promise.all(inflight);
      const credited = await h.ctx.db.execute<{ n: number }>(
        sql`select count(*)::int n from journal_entries where kind = 'recharge'`,
      );
      creditedAfterKill.push(credited.rows[0]!.n - trial * ORDERS);
      // restart; the provider retries every notification it did not see acknowledged (we resend all)
      const again = await startServer(h.url);
      const codes = await Promise.all(orders.map((o) => post(again.baseUrl, o.n)));
      expect(codes.filter((c) => c !== 200)).toEqual([]);
      await again.stop();
    }
    // The kill landed mid-stream at least once (otherwise this test would prove nothing).
    expect(creditedAfterKill.some((n) => n < ORDERS)).toBe(true);
    for (const [memberId, total] of expected)
      expect(await ledgerRepo.memberBalance(h.ctx.db, memberId, 'CASH')).toBe(total);
    const entries = await h.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int n from journal_entries where kind = 'recharge'`,
    );
    expect(entries.rows[0]!.n).toBe(TRIALS * ORDERS);
    const pending = await paymentsRepo.listOrders(h.ctx.db, { status: 'pending', limit: 10 });
    expect(pending).toHaveLength(0);
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });
});
