/**
 * The month-end dividend of the points pool (SPEC §7): the month's dividend —
 * the monthly pool's balance, or an amount a finance operator confirmed before
 * the run — split among pool holders by pool points into cash. Pool points stay.
 * Exactly once, like the daily run: snapshot at creation, batches with their marks.
 */
import { sql } from 'drizzle-orm';
import { accountKey, platformAccount } from '@pingou/engine';
import { inTransaction, ledgerRepo, settingsRepo, settlementsRepo, type Tx } from '@pingou/db';
import { AppError } from '@pingou/contract';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { BATCH_SIZE } from './daily-settlement';

const confirmedKey = (period: string) => `monthly_dividend_amount:${period}`;

export async function monthlyPoolBalance(tx: Tx): Promise<number> {
  const rows = await ledgerRepo.platformBalances(tx);
  return rows.find((r) => r.purpose === 'pool_monthly' && r.asset === 'CASH')?.balance ?? 0;
}

/** Finance fixes the month's dividend before its run; afterwards it cannot change. */
export async function confirmMonthlyAmount(
  ctx: AppContext,
  actor: Actor,
  period: string,
  amountFen: number,
) {
  return inTransaction(ctx.db, async (tx) => {
    if (await settlementsRepo.findRun(tx, 'monthly', period))
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'period', message: 'this month is already settled or settling' }],
      });
    const before = await settingsRepo.getSetting<number>(tx, confirmedKey(period));
    await settingsRepo.putSetting(tx, confirmedKey(period), amountFen);
    await audit(
      tx,
      actor,
      'settlement.confirm_monthly_amount',
      { kind: 'settlement', id: period },
      { amountFen: before ?? null },
      { amountFen },
    );
    return { period, amountFen };
  });
}

export async function previewMonthlySettlement(ctx: AppContext, period: string) {
  const pool = await monthlyPoolBalance(ctx.db);
  const confirmed = await settingsRepo.getSetting<number>(ctx.db, confirmedKey(period));
  const run = await settlementsRepo.findRun(ctx.db, 'monthly', period);
  const h = await ctx.db.execute<{ n: number; points: string }>(sql`
    select count(*)::int as n, coalesce(sum(balance), 0)::text as points from accounts where asset = 'POOL' and member_id is not null and balance > 0`);
  return {
    period,
    status: run?.status ?? 'not_started',
    monthlyPool: pool,
    confirmedAmount: confirmed ?? null,
    amountToPay: confirmed ?? pool,
    holders: Number(h.rows[0]!.n),
    poolPoints: Number(h.rows[0]!.points),
  };
}

async function openMonthlyRun(ctx: AppContext, period: string) {
  return inTransaction(ctx.db, async (tx) => {
    const existing = await settlementsRepo.findRun(tx, 'monthly', period);
    if (existing) return existing;
    const pool = await monthlyPoolBalance(tx);
    const confirmed = await settingsRepo.getSetting<number>(tx, confirmedKey(period));
    const amount = confirmed ?? pool;
    const run = await settlementsRepo.insertRun(tx, 'monthly', period, {
      monthlyPool: pool,
      confirmedAmount: confirmed ?? null,
      amount,
    });
    if (!run) return (await settlementsRepo.findRun(tx, 'monthly', period))!;
    const snap = await settlementsRepo.snapshotMonthly(tx, run.id, amount);
    // what the holders receive comes from the pool; a confirmed amount above the pool is the platform's own expense
    return {
      ...run,
      total: snap.items,
      totals: {
        monthlyPool: pool,
        confirmedAmount: confirmed ?? null,
        amount,
        toPay: snap.dividend,
      },
    };
  });
}

export async function runMonthlySettlement(
  ctx: AppContext,
  period: string,
  opts: { batchSize?: number } = {},
) {
  const run = await openMonthlyRun(ctx, period);
  if (run.status === 'completed') return run;
  const poolAtSnapshot = (run.totals as { monthlyPool: number }).monthlyPool;
  for (;;) {
    const paid = await inTransaction(ctx.db, async (tx) => {
      const n = await settlementsRepo.claimBatchSet(tx, run.id, opts.batchSize ?? BATCH_SIZE, null);
      if (n === 0) return 0;
      const total = (await settlementsRepo.batchTotals(tx)).dividend;
      if (total > 0) {
        // funded from the monthly pool as far as it went at the snapshot, the rest as rewards expense
        const paidBefore = await paidFromPool(tx, run.id);
        const fromPool = Math.max(0, Math.min(total, poolAtSnapshot - paidBefore));
        const ids = await ledgerRepo.resolveAccountIds(tx, [POOL_MONTHLY, REWARDS_EXPENSE]);
        const first = (
          await tx.execute<{ m: number }>(sql`select min(member_id) as m from pay_batch`)
        ).rows[0]!.m;
        await settlementsRepo.postBatchEntry(tx, {
          key: `monthly:${period}:dividend:${first}`,
          kind: 'monthly_dividend',
          memo: `月分红 ${period}`,
          ref: { runId: run.id, period, fromPool },
          side: 'dividend',
          platform: [
            { accountId: ids.get(accountKey(POOL_MONTHLY))!, asset: 'CASH', amount: -fromPool },
            {
              accountId: ids.get(accountKey(REWARDS_EXPENSE))!,
              asset: 'CASH',
              amount: -(total - fromPool),
            },
          ],
        });
      }
      await settlementsRepo.settleBatch(tx, run.id, n);
      return n;
    });
    if (paid === 0) break;
  }
  return inTransaction(ctx.db, async (tx) => {
    if ((await settlementsRepo.unpaidCount(tx, run.id)) === 0)
      await settlementsRepo.completeRun(tx, run.id, ctx.clock.now());
    return (await settlementsRepo.findRun(tx, 'monthly', period))!;
  });
}

const POOL_MONTHLY = platformAccount('pool_monthly', 'CASH');
const REWARDS_EXPENSE = platformAccount('rewards_expense', 'CASH');

async function paidFromPool(tx: Tx, runId: number): Promise<number> {
  const r = await tx.execute<{
    s: string;
  }>(sql`select coalesce(sum((ref->>'fromPool')::bigint), 0)::text as s from journal_entries
    where kind = 'monthly_dividend' and (ref->>'runId')::int = ${runId}`);
  return Number(r.rows[0]!.s);
}
