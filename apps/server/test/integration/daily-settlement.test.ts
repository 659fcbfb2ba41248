import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, allocate, platformAccount, transfer } from '@pingou/engine';
import { groupBuyRepo, inTransaction, ledgerRepo, settingsRepo, settlementsRepo } from '@pingou/db';
import { catchUpDailySettlements } from '../../src/use-cases/settlements/catch-up';
import {
  runDailySettlement,
  STATIC_RELEASE_SETTING,
} from '../../src/use-cases/settlements/daily-settlement';
import { previewDailySettlement } from '../../src/use-cases/settlements/preview-daily-settlement';
import { createHarness, type Harness } from '../support/harness';
import { creditAsset, newMembersWithCash } from '../support/factories';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A day with winners' weights and a daily pool funded through the platform's accounts. */
async function dayWith(day: string, weights: number[], pool: number) {
  const ids = await newMembersWithCash(h.ctx, weights.length, 0);
  await inTransaction(h.ctx.db, async (tx) => {
    await groupBuyRepo.addDailyWeights(
      tx,
      day,
      ids.map((memberId, i) => ({ memberId, weight: weights[i]! })),
    );
    await settlementsRepo.addDailyPool(tx, day, pool);
    await ledgerRepo.postEntries(tx, [
      {
        idempotencyKey: `fund-pool-${day}`,
        kind: 'pool_contribution',
        postings: transfer(
          platformAccount('sales', 'CASH'),
          platformAccount('pool_daily', 'CASH'),
          pool,
        ),
      },
    ]);
  });
  return ids;
}
const cash = (id: number) => ledgerRepo.memberBalance(h.ctx.db, id, 'CASH');

describe('daily settlement (日分红 + 静态释放)', () => {
  it("splits the day's pool by weight with the largest remainder: the parts add up exactly", async () => {
    const weights = [10_000, 10_000, 10_000, 20_000];
    const ids = await dayWith('2026-11-01', weights, 1_001);
    const preview = await previewDailySettlement(h.ctx, '2026-11-01');
    expect(preview).toMatchObject({
      status: 'not_started',
      dailyPool: 1_001,
      winners: 4,
      dividendToPay: 1_001,
    });
    const run = await runDailySettlement(h.ctx, '2026-11-01');
    expect(run).toMatchObject({ status: 'completed', done: 4, total: 4 });
    const expected = allocate(1_001, weights); // [200, 200, 200, 401]: 1001·1/5 = 200.2 …, the remainder unit goes to the largest remainder
    expect(expected).toEqual([200, 200, 200, 401]);
    expect(await Promise.all(ids.map(cash))).toEqual(expected);
  });

  it('runs once: a second run, and two workers at once, pay nothing twice', async () => {
    const ids = await dayWith('2026-11-02', [1, 2, 3, 4, 5, 6, 7], 7_000);
    await Promise.all([
      runDailySettlement(h.ctx, '2026-11-02', { batchSize: 2 }),
      runDailySettlement(h.ctx, '2026-11-02', { batchSize: 3 }),
    ]);
    await runDailySettlement(h.ctx, '2026-11-02');
    expect(await Promise.all(ids.map(cash))).toEqual(allocate(7_000, [1, 2, 3, 4, 5, 6, 7]));
    const runs = await h.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int n from settlement_runs where kind = 'daily' and period = '2026-11-02'`,
    );
    expect(runs.rows[0]!.n).toBe(1);
  });

  it('a run that dies in the middle leaves no item half-paid and completes when run again', async () => {
    const ids = await dayWith('2026-11-03', [5, 5, 5, 5, 5], 500);
    await expect(
      runDailySettlement(h.ctx, '2026-11-03', {
        batchSize: 2,
        onProgress: () => {
          throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const mid = (await settlementsRepo.findRun(h.ctx.db, 'daily', '2026-11-03'))!;
    expect(mid).toMatchObject({ status: 'running', done: 2, total: 5 });
    const paidSoFar = await Promise.all(ids.map(cash));
    expect(paidSoFar.filter((c) => c === 100)).toHaveLength(2);
    expect(paidSoFar.filter((c) => c === 0)).toHaveLength(3);
    const done = await runDailySettlement(h.ctx, '2026-11-03');
    expect(done).toMatchObject({ status: 'completed', done: 5 });
    expect(await Promise.all(ids.map(cash))).toEqual([100, 100, 100, 100, 100]);
  });

  it('releases gold at the base rate plus acceleration per join that day, capped, rounded down', async () => {
    await settingsRepo.putSetting(h.ctx.db, STATIC_RELEASE_SETTING, {
      isEnabled: true,
      baseBp: 100,
      accelerationBpPerJoin: 50,
      maxBp: 200,
    });
    const [a, b, c] = await newMembersWithCash(h.ctx, 3, 0);
    await creditAsset(h.ctx, a!, 'GOLD', 12_345);
    await creditAsset(h.ctx, b!, 'GOLD', 10_000);
    await creditAsset(h.ctx, c!, 'GOLD', 10_000);
    await h.ctx.db.execute(
      sql`insert into join_days (member_id, activity_id, day, joins) values (${b}, 1, '2026-11-04', 1), (${c}, 1, '2026-11-04', 5)`,
    );
    await runDailySettlement(h.ctx, '2026-11-04');
    expect(await cash(a!)).toBe(123); // 1 % of 12,345 rounded down
    expect(await cash(b!)).toBe(150); // 1 % + 0.5 % × 1 join
    expect(await cash(c!)).toBe(200); // 1 % + 0.5 % × 5 = 3.5 %, capped at 2 %
    expect(await ledgerRepo.memberBalance(h.ctx.db, c!, 'GOLD')).toBe(9_800);
    const hist = await ledgerRepo.memberHistory(h.ctx.db, c!, { asset: 'CASH', limit: 1 });
    expect(hist[0]!.kind).toBe('static_release');
    await settingsRepo.putSetting(h.ctx.db, STATIC_RELEASE_SETTING, {
      isEnabled: false,
      baseBp: 100,
      accelerationBpPerJoin: 0,
      maxBp: 100,
    });
  });

  it('catches up every missed day in order, across a month end, with a server clock in UTC', async () => {
    h.clock.set('2026-11-30T16:00:00Z'); // already 2026-12-01 00:00 in Shanghai
    const [winner] = await dayWith('2026-11-29', [1], 300);
    const runs = await catchUpDailySettlements(h.ctx);
    // the last completed day is 11-04 (earlier tests): 11-05 … 11-30 are due, oldest first
    expect(runs.map((r) => r.period)).toEqual(
      Array.from({ length: 26 }, (_, i) => addDays('2026-11-05', i)),
    );
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    expect(await cash(winner!)).toBe(300);
    expect(await catchUpDailySettlements(h.ctx)).toEqual([]); // nothing twice
  });

  it('the ledger holds after all of it', async () => {
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });
});
