/**
 * The daily settlement at 00:00 platform time (SPEC §7): yesterday's daily
 * dividend pool split among yesterday's winners by weight, and the static
 * release of shopping gold (with acceleration for yesterday's joins), into cash.
 *
 * Exactly once: the run row is unique per day; its snapshot is taken in the
 * transaction that creates it; items are paid in batches, each batch with its
 * ledger entries and its `is_paid` marks in one transaction (FOR UPDATE SKIP
 * LOCKED, so two workers share the work and never pay an item twice). A crash
 * loses at most the uncommitted batch; running again continues where it stopped.
 */
import {
  DEFAULT_STATIC_RELEASE,
  memberAccount,
  platformAccount,
  staticReleaseAmount,
  type JournalEntry,
  type Posting,
  type StaticReleaseRule,
} from '@pingou/engine';
import { inTransaction, ledgerRepo, settingsRepo, settlementsRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';

export const STATIC_RELEASE_SETTING = 'static_release';
export const BATCH_SIZE = 5_000;

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

/** Pays one batch; returns how many items it paid (0 when nothing is left to claim). */
async function payBatch(
  ctx: AppContext,
  runId: number,
  day: string,
  rule: StaticReleaseRule,
  limit: number,
) {
  return inTransaction(ctx.db, async (tx) => {
    const items = await settlementsRepo.claimBatch(tx, runId, limit);
    if (items.length === 0) return 0;
    const gold = rule.isEnabled
      ? await settlementsRepo.lockGold(
          tx,
          items.map((i) => i.memberId),
        )
      : new Map<number, number>();
    const dividend: Posting[] = [];
    const release: Posting[] = [];
    let dividendTotal = 0;
    let releaseTotal = 0;
    for (const i of items) {
      if (i.dividend > 0) {
        dividend.push({ account: memberAccount(i.memberId, 'CASH'), amount: i.dividend });
        dividendTotal += i.dividend;
      }
      const r = staticReleaseAmount(rule, gold.get(i.memberId) ?? 0, i.joins);
      if (r > 0) {
        release.push(
          { account: memberAccount(i.memberId, 'GOLD'), amount: -r },
          { account: memberAccount(i.memberId, 'CASH'), amount: r },
        );
        releaseTotal += r;
      }
    }
    const first = items[0]!.memberId;
    const entries: JournalEntry[] = [];
    if (dividendTotal > 0) {
      dividend.push({ account: platformAccount('pool_daily', 'CASH'), amount: -dividendTotal });
      entries.push({
        idempotencyKey: `daily:${day}:dividend:${first}`,
        kind: 'daily_dividend',
        memo: `日分红 ${day}`,
        ref: { runId, day },
        postings: dividend,
      });
    }
    if (releaseTotal > 0) {
      release.push(
        { account: platformAccount('issuance', 'GOLD'), amount: releaseTotal },
        { account: platformAccount('release_expense', 'CASH'), amount: -releaseTotal },
      );
      entries.push({
        idempotencyKey: `daily:${day}:static_release:${first}`,
        kind: 'static_release',
        memo: `静态释放 ${day}`,
        ref: { runId, day },
        postings: release,
      });
    }
    await ledgerRepo.postEntries(tx, entries);
    await settlementsRepo.markPaid(
      tx,
      runId,
      items.map((i) => i.memberId),
    );
    return items.length;
  });
}

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
