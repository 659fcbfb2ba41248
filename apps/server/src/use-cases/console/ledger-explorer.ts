/**
 * The ledger explorer: postings with their entry, newest first, filtered by member,
 * platform account, asset, entry kind and platform day; keyset paging on the posting id.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { LedgerRow } from '@pingou/contract';
import { addDays } from '@pingou/engine';
import type { AppContext } from '../../context';

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
  const where: SQL[] = [sql`true`];
  if (f.before !== undefined) where.push(sql`p.id < ${f.before}`);
  if (f.memberId !== undefined) where.push(sql`a.member_id = ${f.memberId}`);
  if (f.purpose !== undefined) where.push(sql`a.purpose = ${f.purpose}`);
  if (f.asset !== undefined) where.push(sql`p.asset = ${f.asset}`);
  if (f.kind !== undefined) where.push(sql`e.kind = ${f.kind}`);
  if (f.from !== undefined)
    where.push(sql`e.created_at >= (${f.from}::date)::timestamp at time zone ${tz}`);
  if (f.to !== undefined)
    where.push(sql`e.created_at < (${addDays(f.to, 1)}::date)::timestamp at time zone ${tz}`);
  const res = await ctx.db.execute<{
    posting_id: number;
    entry_id: number;
    kind: string;
    memo: string | null;
    account_id: number;
    member_id: number | null;
    purpose: string | null;
    asset: string;
    amount: number;
    created_at: Date | string;
  }>(sql`
    select p.id as posting_id, e.id as entry_id, e.kind, e.memo, a.id as account_id, a.member_id,
      a.purpose, p.asset, p.amount, e.created_at
    from postings p
      join journal_entries e on e.id = p.entry_id
      join accounts a on a.id = p.account_id
    where ${sql.join(where, sql` and `)}
    order by p.id desc
    limit ${f.limit + 1}`);
  const rows = res.rows.slice(0, f.limit);
  const items: LedgerRow[] = rows.map((r) => ({
    postingId: Number(r.posting_id),
    entryId: Number(r.entry_id),
    kind: r.kind,
    memo: r.memo,
    accountId: Number(r.account_id),
    memberId: r.member_id === null ? null : Number(r.member_id),
    purpose: r.purpose,
    asset: r.asset,
    amount: Number(r.amount),
    createdAt: new Date(r.created_at).toISOString(),
  }));
  return {
    items,
    nextBefore: res.rows.length > f.limit ? items[items.length - 1]!.postingId : null,
  };
}
