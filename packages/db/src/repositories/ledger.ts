/**
 * The ledger's storage. Entries come from the engine as plain data and are
 * written here: the entry row (unique idempotency key), its postings, and the
 * stored balances of member accounts, all in the caller's transaction.
 *
 * Platform accounts keep no stored balance: a stored platform balance would be
 * one row every join and draw in the whole platform waits on. Their balance is
 * always the sum of their postings (see `platformBalances`).
 */
import { sql } from 'drizzle-orm';
import {
  accountKey,
  assertBalanced,
  compactPostings,
  FIXED_ASSETS,
  NEGATIVE_ALLOWED,
  type AccountRef,
  type Asset,
  type JournalEntry,
  type PlatformPurpose,
} from '@pingou/engine';
import type { Tx } from '../client';
import { pgIntArray } from './sql-arrays';

const platformIds = new Map<string, number>();

/** Creates a member's wallet accounts (one per fixed asset). */
export async function createMemberAccounts(tx: Tx, memberId: number): Promise<void> {
  const values = FIXED_ASSETS.map((a) => sql`(${memberId}, ${a})`);
  await tx.execute(
    sql`insert into accounts (member_id, asset) values ${sql.join(values, sql`, `)} on conflict do nothing`,
  );
}

/** Account ids for the given refs, creating missing accounts. */
export async function resolveAccountIds(
  tx: Tx,
  refs: readonly AccountRef[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const memberWanted = new Map<string, { memberId: number; asset: Asset }>();
  const platformWanted = new Map<string, { purpose: PlatformPurpose; asset: Asset }>();
  for (const r of refs) {
    const k = accountKey(r);
    if (out.has(k)) continue;
    if (r.owner === 'platform') {
      const cached = platformIds.get(k);
      if (cached !== undefined) out.set(k, cached);
      else platformWanted.set(k, { purpose: r.purpose, asset: r.asset });
    } else memberWanted.set(k, { memberId: r.memberId, asset: r.asset });
  }
  if (platformWanted.size > 0) {
    const rows = [...platformWanted.values()].map((p) => ({
      purpose: p.purpose,
      asset: p.asset,
      allow_negative: NEGATIVE_ALLOWED.has(p.purpose),
    }));
    const json = JSON.stringify(rows);
    const find = () =>
      tx.execute<{ id: number; purpose: string; asset: string }>(sql`
        select a.id, a.purpose, a.asset from accounts a
        join jsonb_to_recordset(${json}::jsonb) as x(purpose text, asset text)
          on a.purpose = x.purpose and a.asset = x.asset`);
    // Rows found before we insert anything are committed: those ids may be cached for the process.
    const existing = await find();
    for (const r of existing.rows) platformIds.set(`p:${r.purpose}:${r.asset}`, Number(r.id));
    let found = existing.rows;
    if (found.length < rows.length) {
      // Created in this transaction (not cached: it may still roll back).
      await tx.execute(sql`insert into accounts (purpose, asset, allow_negative)
        select purpose, asset, allow_negative from jsonb_to_recordset(${json}::jsonb)
          as x(purpose text, asset text, allow_negative boolean)
        on conflict do nothing`);
      found = (await find()).rows;
    }
    for (const r of found) out.set(`p:${r.purpose}:${r.asset}`, Number(r.id));
  }
  if (memberWanted.size > 0) {
    const rows = [...memberWanted.values()].map((m) => ({ member_id: m.memberId, asset: m.asset }));
    const json = JSON.stringify(rows);
    const find = () =>
      tx.execute<{ id: number; member_id: number; asset: string }>(sql`
        select a.id, a.member_id, a.asset from accounts a
        join jsonb_to_recordset(${json}::jsonb) as x(member_id bigint, asset text)
          on a.member_id = x.member_id and a.asset = x.asset`);
    let res = await find();
    if (res.rows.length < rows.length) {
      await tx.execute(sql`insert into accounts (member_id, asset)
        select member_id, asset from jsonb_to_recordset(${json}::jsonb) as x(member_id bigint, asset text)
        on conflict do nothing`);
      res = await find();
    }
    for (const r of res.rows) out.set(`m:${r.member_id}:${r.asset}`, Number(r.id));
  }
  for (const r of refs)
    if (!out.has(accountKey(r))) throw new Error(`account not resolved: ${accountKey(r)}`);
  return out;
}

export interface PostResult {
  /** Keys of entries written now; entries whose key existed already are skipped (one effect). */
  written: string[];
  skipped: string[];
}

/**
 * Writes entries in the caller's transaction. Entries must balance per asset
 * (checked here and again by the database at commit). Member balances are
 * updated in account-id order so concurrent writers never deadlock, and the
 * database refuses any member balance below zero.
 */
export async function postEntries(tx: Tx, entries: readonly JournalEntry[]): Promise<PostResult> {
  if (entries.length === 0) return { written: [], skipped: [] };
  const compacted = entries.map((e) => {
    assertBalanced(e);
    return { ...e, postings: compactPostings(e.postings) };
  });
  const refs = compacted.flatMap((e) => e.postings.map((p) => p.account));
  // Member accounts are resolved and locked in one statement (it was a lookup, then a lock after
  // the entries were inserted). Every member account a posting names is locked, in id order, so
  // the set is a superset of the accounts whose balance changes below and the id-order rule that
  // keeps writers free of deadlocks holds. NO KEY UPDATE does not conflict with the KEY SHARE
  // locks that posting foreign keys take. Falls back to `resolveAccountIds` when one is missing.
  const ids = (await resolveAndLockMemberAccounts(tx, refs)) ?? (await resolveAccountIds(tx, refs));
  const heads = compacted.map((e) => ({
    k: e.idempotencyKey,
    kind: e.kind,
    memo: e.memo ?? null,
    ref: e.ref ?? null,
  }));
  const postingRows: { n: number; k: string; a: number; s: string; v: number; m: boolean }[] = [];
  for (const e of compacted)
    for (const p of e.postings)
      postingRows.push({
        n: postingRows.length,
        k: e.idempotencyKey,
        a: ids.get(accountKey(p.account))!,
        s: p.account.asset,
        v: p.amount,
        m: p.account.owner === 'member',
      });
  const memberAccountIds = [...new Set(postingRows.filter((r) => r.m).map((r) => r.a))].sort(
    (x, y) => x - y,
  );
  if (memberAccountIds.length > 0 && !lockedAll.has(ids)) {
    // The fallback path: lock the member accounts (in id order) now that they all exist.
    await tx.execute(sql`select id from accounts where id = any(${pgIntArray(memberAccountIds)}::bigint[])
      order by id for no key update`);
  }
  // Entries, their postings and the member balances in one statement (it was three): postings and
  // balance changes come only from entries inserted now (an existing key is skipped: one effect),
  // postings keep their order, and the balance CHECK refuses a negative member balance as before.
  const inserted = await tx.execute<{ id: number; idempotency_key: string }>(sql`
    with ins as (
      insert into journal_entries (idempotency_key, kind, memo, ref)
      select k, kind, memo, ref from jsonb_to_recordset(${JSON.stringify(heads)}::jsonb)
        as x(k text, kind text, memo text, ref jsonb)
      on conflict (idempotency_key) do nothing
      returning id, idempotency_key
    ), p as (
      select ins.id as e, x.n, x.a, x.s, x.v, x.m
      from jsonb_to_recordset(${JSON.stringify(postingRows)}::jsonb)
        as x(n int, k text, a bigint, s text, v bigint, m boolean)
      join ins on ins.idempotency_key = x.k
    ), ip as (
      insert into postings (entry_id, account_id, asset, amount)
      select e, a, s, v from p order by n
    ), d as (
      select a, sum(v) as d from p where m group by a having sum(v) <> 0
    ), ub as (
      update accounts acc set balance = acc.balance + d.d from d
      where acc.id = d.a and acc.id = any(${pgIntArray(memberAccountIds)}::bigint[])
    )
    select id, idempotency_key from ins`);
  const writtenKeys = new Set(inserted.rows.map((r) => r.idempotency_key));
  const written: string[] = [];
  const skipped: string[] = [];
  for (const e of compacted)
    (writtenKeys.has(e.idempotencyKey) ? written : skipped).push(e.idempotencyKey);
  return { written, skipped };
}

/** Maps resolved by `resolveAndLockMemberAccounts`, whose member accounts are all locked. */
const lockedAll = new WeakSet<Map<string, number>>();

/**
 * Like `resolveAccountIds`, and locks every member account named (FOR NO KEY UPDATE, in id order)
 * in the same statement. Undefined when a member account does not exist yet (the caller falls
 * back to `resolveAccountIds`, which creates it, and locks afterwards).
 */
async function resolveAndLockMemberAccounts(
  tx: Tx,
  refs: readonly AccountRef[],
): Promise<Map<string, number> | undefined> {
  const out = new Map<string, number>();
  const memberWanted = new Map<string, { member_id: number; asset: Asset }>();
  for (const r of refs) {
    const k = accountKey(r);
    if (r.owner === 'platform') {
      const cached = platformIds.get(k);
      if (cached === undefined) return undefined;
      out.set(k, cached);
    } else memberWanted.set(k, { member_id: r.memberId, asset: r.asset });
  }
  if (memberWanted.size > 0) {
    const res = await tx.execute<{ id: number; member_id: number; asset: string }>(sql`
      select a.id, a.member_id, a.asset from accounts a
      join jsonb_to_recordset(${JSON.stringify([...memberWanted.values()])}::jsonb)
        as x(member_id bigint, asset text)
        on a.member_id = x.member_id and a.asset = x.asset
      where a.member_id = any(${pgIntArray([...new Set([...memberWanted.values()].map((m) => m.member_id))])}::bigint[])
      order by a.id for no key update of a`);
    if (res.rows.length < memberWanted.size) return undefined;
    for (const r of res.rows) out.set(`m:${r.member_id}:${r.asset}`, Number(r.id));
  }
  lockedAll.add(out);
  return out;
}

export interface MemberBalance {
  asset: string;
  balance: number;
}

export async function memberBalances(tx: Tx, memberId: number): Promise<MemberBalance[]> {
  const res = await tx.execute<{ asset: string; balance: number }>(
    sql`select asset, balance from accounts where member_id = ${memberId} order by id`,
  );
  return res.rows.map((r) => ({ asset: r.asset, balance: Number(r.balance) }));
}

export async function memberBalance(tx: Tx, memberId: number, asset: Asset): Promise<number> {
  const res = await tx.execute<{ balance: number }>(
    sql`select balance from accounts where member_id = ${memberId} and asset = ${asset}`,
  );
  return Number(res.rows[0]?.balance ?? 0);
}

export interface HistoryRow {
  postingId: number;
  entryId: number;
  kind: string;
  memo: string | null;
  ref: Record<string, unknown> | null;
  asset: string;
  amount: number;
  createdAt: Date;
}

/** A member's postings, newest first, keyset-paged by posting id. */
export async function memberHistory(
  tx: Tx,
  memberId: number,
  opts: { asset?: string; before?: number; limit: number },
): Promise<HistoryRow[]> {
  const res = await tx.execute<{
    id: number;
    entry_id: number;
    kind: string;
    memo: string | null;
    ref: Record<string, unknown> | null;
    asset: string;
    amount: number;
    created_at: Date;
  }>(sql`
    select p.id, p.entry_id, e.kind, e.memo, e.ref, p.asset, p.amount, e.created_at
    from postings p
    join accounts a on a.id = p.account_id
    join journal_entries e on e.id = p.entry_id
    where a.member_id = ${memberId}
      ${opts.asset ? sql`and a.asset = ${opts.asset}` : sql``}
      ${opts.before ? sql`and p.id < ${opts.before}` : sql``}
    order by p.id desc
    limit ${opts.limit}`);
  return res.rows.map((r) => ({
    postingId: Number(r.id),
    entryId: Number(r.entry_id),
    kind: r.kind,
    memo: r.memo,
    ref: r.ref,
    asset: r.asset,
    amount: Number(r.amount),
    createdAt: new Date(r.created_at),
  }));
}

export interface LedgerCheckReport {
  ok: boolean;
  entries: number;
  postings: number;
  /** Assets whose postings do not sum to zero. */
  unbalancedAssets: { asset: string; sum: number }[];
  /** Entries that do not balance on their own. */
  unbalancedEntries: { entryId: number; asset: string; sum: number }[];
  /** Member accounts whose stored balance differs from the sum of their postings. */
  balanceMismatches: {
    accountId: number;
    memberId: number;
    asset: string;
    stored: number;
    postings: number;
  }[];
  negativeMemberBalances: { accountId: number; balance: number }[];
}

/** The trial balance: proves the ledger's invariants over everything written. */
export async function checkLedger(tx: Tx): Promise<LedgerCheckReport> {
  const counts = await tx.execute<{ entries: number; postings: number }>(
    sql`select (select count(*) from journal_entries)::bigint as entries, (select count(*) from postings)::bigint as postings`,
  );
  const assets = await tx.execute<{ asset: string; sum: string }>(
    sql`select asset, sum(amount)::text as sum from postings group by asset having sum(amount) <> 0`,
  );
  const entries = await tx.execute<{ entry_id: number; asset: string; sum: string }>(
    sql`select entry_id, asset, sum(amount)::text as sum from postings group by entry_id, asset having sum(amount) <> 0 limit 100`,
  );
  const mism = await tx.execute<{
    id: number;
    member_id: number;
    asset: string;
    balance: number;
    s: string;
  }>(sql`
    select a.id, a.member_id, a.asset, a.balance, coalesce(p.s, 0)::text as s
    from accounts a left join (select account_id, sum(amount) as s from postings group by account_id) p
      on p.account_id = a.id
    where a.member_id is not null and a.balance <> coalesce(p.s, 0)
    limit 100`);
  const neg = await tx.execute<{ id: number; balance: number }>(
    sql`select id, balance from accounts where member_id is not null and balance < 0 limit 100`,
  );
  const report: LedgerCheckReport = {
    ok: false,
    entries: Number(counts.rows[0]!.entries),
    postings: Number(counts.rows[0]!.postings),
    unbalancedAssets: assets.rows.map((r) => ({ asset: r.asset, sum: Number(r.sum) })),
    unbalancedEntries: entries.rows.map((r) => ({
      entryId: Number(r.entry_id),
      asset: r.asset,
      sum: Number(r.sum),
    })),
    balanceMismatches: mism.rows.map((r) => ({
      accountId: Number(r.id),
      memberId: Number(r.member_id),
      asset: r.asset,
      stored: Number(r.balance),
      postings: Number(r.s),
    })),
    negativeMemberBalances: neg.rows.map((r) => ({
      accountId: Number(r.id),
      balance: Number(r.balance),
    })),
  };
  report.ok =
    report.unbalancedAssets.length === 0 &&
    report.unbalancedEntries.length === 0 &&
    report.balanceMismatches.length === 0 &&
    report.negativeMemberBalances.length === 0;
  return report;
}

/** Balances of platform accounts, summed from their postings. */
export async function platformBalances(
  tx: Tx,
): Promise<{ purpose: string; asset: string; balance: number }[]> {
  const res = await tx.execute<{ purpose: string; asset: string; balance: string }>(sql`
    select a.purpose, a.asset, coalesce(sum(p.amount), 0)::text as balance
    from accounts a left join postings p on p.account_id = a.id
    where a.purpose is not null group by a.purpose, a.asset order by a.purpose, a.asset`);
  return res.rows.map((r) => ({ purpose: r.purpose, asset: r.asset, balance: Number(r.balance) }));
}

/** Test and maintenance hook: forget cached platform account ids (a new database). */
export function clearAccountCache(): void {
  platformIds.clear();
}
