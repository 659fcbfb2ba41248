/**
 * The trial balance on a schedule: the result is kept (settings `ledger_check_last`), a failure
 * is logged at error level and raised as an operator alert until a later check passes.
 */
import { ledgerRepo, settingsRepo } from '@pingou/db';
import type { AppContext } from '../../context';

export const LAST_CHECK_SETTING = 'ledger_check_last';

export interface LedgerCheckRecord {
  ok: boolean;
  at: string;
  entries: number;
  postings: number;
  problems: number;
}

export async function runScheduledLedgerCheck(ctx: AppContext): Promise<LedgerCheckRecord> {
  const r = await ledgerRepo.checkLedger(ctx.db);
  const record: LedgerCheckRecord = {
    ok: r.ok,
    at: ctx.clock.now().toISOString(),
    entries: r.entries,
    postings: r.postings,
    problems:
      r.unbalancedAssets.length +
      r.unbalancedEntries.length +
      r.balanceMismatches.length +
      r.negativeMemberBalances.length,
  };
  await settingsRepo.putSetting(ctx.db, LAST_CHECK_SETTING, record);
  if (!r.ok)
    ctx.log.error({ ledgerCheck: r }, 'LEDGER CHECK FAILED: postings or balances do not add up');
  return record;
}

/** Alerts an operator must see now (the console shows them on every page). */
export async function activeAlerts(ctx: AppContext) {
  const last = await settingsRepo.getSetting<LedgerCheckRecord>(ctx.db, LAST_CHECK_SETTING);
  const alerts: {
    code: string;
    severity: 'critical';
    message: { zh: string; en: string };
    since: string;
    detail: unknown;
  }[] = [];
  if (last && !last.ok) {
    alerts.push({
      code: 'LEDGER_CHECK_FAILED',
      severity: 'critical',
      message: {
        zh: '账本核对未通过：请立即检查试算平衡',
        en: 'The ledger check failed: inspect the trial balance now',
      },
      since: last.at,
      detail: last,
    });
  }
  return { alerts, lastLedgerCheck: last ?? null };
}
