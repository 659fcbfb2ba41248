/**
 * A fingerprint of everything a request could change: every table of the
 * public schema (row count and an md5 over its rows in text form, ordered by
 * that text so no primary key is needed), the ledger included. Two equal
 * fingerprints mean no row was inserted, updated or deleted in between.
 */
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../src/context';

/**
 * The one table that legitimately changes on a refused request, so it is left out
 * where such requests are sent: `payment_notifications` records every notification
 * the provider callback receives, forged and malformed ones too, as evidence
 * (ARCHITECTURE.md, Payments). Nothing else is ever excluded: a refused sign-in never
 * reaches `login_failures` because only well-formed ones are counted, and no refused
 * request touches `sessions`, `idempotency_keys` or the audit log.
 */
export const EVIDENCE_TABLES = ['payment_notifications'] as const;

export interface DbChecksum {
  tables: Record<string, string>;
}

let tableNames: string[] | undefined;

async function listTables(ctx: AppContext): Promise<string[]> {
  if (tableNames) return tableNames;
  const r = await ctx.db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  tableNames = r.rows.map((x) => x.name);
  return tableNames;
}

export async function dbChecksum(
  ctx: AppContext,
  opts: { exclude?: readonly string[] } = {},
): Promise<DbChecksum> {
  const exclude = new Set(opts.exclude ?? []);
  const names = (await listTables(ctx)).filter((n) => !exclude.has(n));
  // One statement for all tables: one round trip, and one snapshot of the database.
  const parts = names.map(
    (n) =>
      `select '${n}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from "${n}" t`,
  );
  const r = await ctx.db.execute<{ name: string; sum: string }>(sql.raw(parts.join(' union all ')));
  const tables: Record<string, string> = {};
  for (const row of r.rows) tables[row.name] = row.sum;
  return { tables };
}

/** The tables whose fingerprint differs, with their row counts before → after. */
export function changedTables(before: DbChecksum, after: DbChecksum): string[] {
  const out: string[] = [];
  for (const [name, sum] of Object.entries(before.tables)) {
    const now = after.tables[name];
    if (now !== sum) out.push(`${name} (${sum.split(':')[0]} → ${now?.split(':')[0]} rows)`);
  }
  return out;
}

export async function tableNamesOf(ctx: AppContext): Promise<string[]> {
  return listTables(ctx);
}
