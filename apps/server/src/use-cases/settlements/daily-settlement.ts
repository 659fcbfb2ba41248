/**
 * The daily settlement at 00:00 platform time (SPEC §7): yesterday's daily
 * dividend pool split among yesterday's winners by weight, and the static
 * release of shopping gold (with acceleration for yesterday's joins), into cash.
 *
 * Exactly once: the run row is unique per day; its snapshot is taken in the
 * transaction that creates it; items are paid in batches, each batch with its
 * ledger entries and its `is_paid` marks in one transaction, written set-based in SQL (FOR UPDATE SKIP
 * LOCKED, so two workers share the work and never pay an item twice). A crash
 * loses at most the uncommitted batch; running again continues where it stopped.
 */
import { sql } from 'drizzle-orm';
import {
  accountKey,
  DEFAULT_STATIC_RELEASE,
  platformAccount,
  type AccountRef,
  type StaticReleaseRule,
} from '@pingou/engine';
import { inTransaction, ledgerRepo, settingsRepo, settlementsRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';

export const STATIC_RELEASE_SETTING = 'static_release';
export const BATCH_SIZE = 20_000;

export async function loadStaticRelease(tx: Tx): Promise<StaticReleaseRule> {
  return (
    (await settingsRepo.getSetting<StaticReleaseRule>(tx, STATIC_RELEASE_SETTING)) ??
    DEFAULT_STATIC_RELEASE
  );
}

/** Creates the day's run with its snapshot, or returns the existing one. */
export async function openDailyRun(ctx: AppContext, day: string) {
  return inTransaction(ctx.db, async (tx) => {
    const existing = await settlementsRepo.findRun(tx, 'daily', day);
    if (existing) return existing;
    const rule = await loadStaticRelease(tx);
    const pool = await settlementsRepo.dailyPoolAmount(tx, day);
    const run = await settlementsRepo.insertRun(tx, 'daily', day, {
      dailyPool: pool,
      staticRelease: rule,
    });
    if (!run) return (await settlementsRepo.findRun(tx, 'daily', day))!; // another server created it just now
    const snap = await settlementsRepo.snapshotDaily(tx, run.id, day, pool, rule.isEnabled);
    return {
      ...run,
      total: snap.items,
      totals: { dailyPool: pool, dividendToPay: snap.dividend, staticRelease: rule },
    };
  });
}

/** Pays one batch, set-based; returns how many items it paid (0 when nothing is left to claim). */
async function payBatch(
  ctx: AppContext,
  runId: number,
  day: string,
  rule: StaticReleaseRule,
  limit: number,
) {
  return inTransaction(ctx.db, async (tx) => {
    const n = await settlementsRepo.claimBatchSet(tx, runId, limit, rule.isEnabled ? rule : null);
    if (n === 0) return 0;
    const totals = await settlementsRepo.batchTotals(tx);
    const ids = await ledgerRepo.resolveAccountIds(tx, [
      POOL_DAILY,
      ISSUANCE_GOLD,
      RELEASE_EXPENSE,
    ]);
    const id = (ref: AccountRef) => ids.get(accountKey(ref))!;
    // the batch's first member names its entries, so a batch written twice is refused by the unique key
    const first = (await tx.execute<{ m: number }>(sql`select min(member_id) as m from pay_batch`))
      .rows[0]!.m;
    if (totals.dividend > 0) {
      await settlementsRepo.postBatchEntry(tx, {
        key: `daily:${day}:dividend:${first}`,
        kind: 'daily_dividend',
        memo: `日分红 ${day}`,
        ref: { runId, day },
        side: 'dividend',
        platform: [{ accountId: id(POOL_DAILY), asset: 'CASH', amount: -totals.dividend }],
      });
    }
    if (totals.release > 0) {
      await settlementsRepo.postBatchEntry(tx, {
        key: `daily:${day}:static_release:${first}`,
        kind: 'static_release',
        memo: `静态释放 ${day}`,
        ref: { runId, day },
        side: 'release',
        platform: [
          { accountId: id(ISSUANCE_GOLD), asset: 'GOLD', amount: totals.release },
          { accountId: id(RELEASE_EXPENSE), asset: 'CASH', amount: -totals.release },
        ],
      });
    }
    await settlementsRepo.settleBatch(tx, runId, n);
    return n;
  });
}

const POOL_DAILY = platformAccount('pool_daily', 'CASH');
const ISSUANCE_GOLD = platformAccount('issuance', 'GOLD');
const RELEASE_EXPENSE = platformAccount('release_expense', 'CASH');

/** Runs (or resumes) the day's settlement to completion. Safe to call from several workers at once. */
export async function runDailySettlement(
  ctx: AppContext,
  day: string,
  opts: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
) {
  const run = await openDailyRun(ctx, day);
  if (run.status === 'completed') return run;
  const rule = (run.totals as { staticRelease: StaticReleaseRule }).staticRelease;
  let done = run.done;
  for (;;) {
    const n = await payBatch(ctx, run.id, day, rule, opts.batchSize ?? BATCH_SIZE);
    if (n === 0) break;
    done += n;
    opts.onProgress?.(done, run.total);
  }
  return inTransaction(ctx.db, async (tx) => {
    // another worker may still hold a batch; the run completes when nothing is unpaid
    if ((await settlementsRepo.unpaidCount(tx, run.id)) === 0)
      await settlementsRepo.completeRun(tx, run.id, ctx.clock.now());
    return (await settlementsRepo.findRun(tx, 'daily', day))!;
  });
}
