/**
 * The ledger explorer: postings with their entry, newest first, filtered by member,
 * platform account, asset, entry kind and platform day; keyset paging on the posting id.
 */
import type { LedgerRow } from '@pingou/contract';
import { addDays, startOfDay } from '@pingou/engine';
import { consoleRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { paged } from '../../paging';

export interface LedgerFilter {
  limit: number;
  before?: number;
  memberId?: number;
  purpose?: string;
  asset?: string;
  kind?: string;
  from?: string;
  to?: string;
}

export async function exploreLedger(ctx: AppContext, f: LedgerFilter) {
  const tz = ctx.config.timeZone;
  const { from, to, ...rest } = f;
  const rows = await consoleRepo.postingsPage(ctx.db, {
    ...rest,
    ...(from !== undefined ? { from: startOfDay(from, tz) } : {}),
    ...(to !== undefined ? { until: startOfDay(addDays(to, 1), tz) } : {}),
  });
  return paged(
    rows,
    f.limit,
    (r) => r.postingId,
    (r): LedgerRow => r,
  );
}
