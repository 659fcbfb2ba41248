import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allocate, platformAccount, transfer } from '@pingou/engine';
import { inTransaction, ledgerRepo, settingsRepo } from '@pingou/db';
import type { FastifyInstance } from 'fastify';
import {
  catchUpMonthlySettlements,
  FIRST_DAY_SETTING,
} from '../../src/use-cases/settlements/catch-up';
import { runMonthlySettlement } from '../../src/use-cases/settlements/monthly-settlement';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMembersWithCash, newOperator } from '../support/factories';

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

async function fundMonthlyPool(key: string, amount: number) {
  await inTransaction(h.ctx.db, (tx) =>
    ledgerRepo.postEntries(tx, [
      {
        idempotencyKey: key,
        kind: 'pool_contribution',
        postings: transfer(
          platformAccount('sales', 'CASH'),
          platformAccount('pool_monthly', 'CASH'),
          amount,
        ),
      },
    ]),
  );
}
const balance = (id: number, asset: 'CASH' | 'POOL') =>
  ledgerRepo.memberBalance(h.ctx.db, id, asset);

describe('month-end dividend (月分红)', () => {
  it('splits the monthly pool by pool points, exactly; pool points stay', async () => {
    const ids = await newMembersWithCash(h.ctx, 3, 0);
    const points = [10_000, 20_000, 40_000];
    for (const [i, id] of ids.entries()) await creditAsset(h.ctx, id, 'POOL', points[i]!);
    await fundMonthlyPool('fund-2026-10', 1_000);
    const op = await newOperator(h.ctx, 'auditor');
    const preview = (
      await app.inject({
        url: '/api/v1/admin/settlements/monthly/2026-10/preview',
        headers: op.auth,
      })
    ).json();
    expect(preview).toMatchObject({
      status: 'not_started',
      monthlyPool: 1_000,
      amountToPay: 1_000,
      holders: 3,
      poolPoints: 70_000,
    });
    const run = await runMonthlySettlement(h.ctx, '2026-10', { batchSize: 2 });
    expect(run).toMatchObject({ status: 'completed', done: 3, total: 3 });
    expect(await Promise.all(ids.map((id) => balance(id, 'CASH')))).toEqual(
      allocate(1_000, points),
    ); // [142, 286, 572]
    expect(await Promise.all(ids.map((id) => balance(id, 'POOL')))).toEqual(points);
    await runMonthlySettlement(h.ctx, '2026-10');
    expect(await Promise.all(ids.map((id) => balance(id, 'CASH')))).toEqual(
      allocate(1_000, points),
    ); // once
  });

  it('pays the amount finance confirmed, audited, and refuses to change it once the month ran', async () => {
    const fin = await newOperator(h.ctx, 'finance');
    const confirm = (period: string, amountFen: number) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/admin/settlements/monthly/${period}/amount`,
        headers: fin.auth,
        payload: { amountFen },
      });
    await fundMonthlyPool('fund-2026-11', 1_000);
    expect((await confirm('2026-11', 600)).statusCode).toBe(200);
    const before = await ledgerRepo.platformBalances(h.ctx.db);
    const run = await runMonthlySettlement(h.ctx, '2026-11');
    expect(run.totals).toMatchObject({ amount: 600, confirmedAmount: 600 });
    const after = await ledgerRepo.platformBalances(h.ctx.db);
    const pool = (rows: typeof before) =>
      rows.find((r) => r.purpose === 'pool_monthly' && r.asset === 'CASH')!.balance;
    expect(pool(before) - pool(after)).toBe(600); // 400 of the pool stay for later months
    expect(pool(after)).toBe(400);
    expect((await confirm('2026-11', 700)).statusCode).toBe(400);
    const audited = (
      await app.inject({
        url: '/api/v1/admin/audit?action=settlement.confirm_monthly_amount',
        headers: fin.auth,
      })
    ).json().items;
    expect(audited).toHaveLength(1);
    const auditor = await newOperator(h.ctx, 'auditor');
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/admin/settlements/monthly/2026-12/amount',
          headers: auditor.auth,
          payload: { amountFen: 1 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('catches up ended months in order and never runs the current one', async () => {
    await settingsRepo.putSetting(h.ctx.db, FIRST_DAY_SETTING, '2026-09-15');
    h.clock.set('2027-01-31T16:00:00Z'); // 2027-02-01 in Shanghai
    const runs = await catchUpMonthlySettlements(h.ctx);
    expect(runs.map((r) => r.period)).toEqual(['2026-12', '2027-01']); // 2026-10 and 2026-11 are done
    expect(await catchUpMonthlySettlements(h.ctx)).toEqual([]);
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });
});
