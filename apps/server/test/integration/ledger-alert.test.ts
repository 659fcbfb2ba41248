import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { runScheduledLedgerCheck } from '../../src/use-cases/ledger/scheduled-ledger-check';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMembersWithCash, newOperator } from '../support/factories';

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

describe('scheduled ledger check (issue 8 §6)', () => {
  it('raises an operator alert when the ledger does not add up, and clears it when it does again', async () => {
    const [m] = await newMembersWithCash(h.ctx, 1, 1_000);
    const auditor = await newOperator(h.ctx, 'auditor');
    const alerts = async () =>
      (await app.inject({ url: '/api/v1/admin/alerts', headers: auditor.auth })).json();
    expect((await runScheduledLedgerCheck(h.ctx)).ok).toBe(true);
    expect((await alerts()).alerts).toEqual([]);
    // tamper with a stored balance behind the ledger's back (balances are not append-only rows)
    await h.ctx.db.execute(
      sql`update accounts set balance = balance + 1 where member_id = ${m} and asset = 'CASH'`,
    );
    const failed = await runScheduledLedgerCheck(h.ctx);
    expect(failed).toMatchObject({ ok: false, problems: 1 });
    const raised = await alerts();
    expect(raised.alerts).toEqual([
      expect.objectContaining({ code: 'LEDGER_CHECK_FAILED', severity: 'critical' }),
    ]);
    await h.ctx.db.execute(
      sql`update accounts set balance = balance - 1 where member_id = ${m} and asset = 'CASH'`,
    );
    expect((await runScheduledLedgerCheck(h.ctx)).ok).toBe(true);
    expect((await alerts()).alerts).toEqual([]);
    const member = (await app.inject({ url: '/api/v1/admin/alerts' })).statusCode;
    expect(member).toBe(401);
  });
});
