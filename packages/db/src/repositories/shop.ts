/** Read models the member shop needs that no other repository answers: sums over a member's postings. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';

export const COMMISSION_KINDS = [
  'referral_commission',
  'team_commission',
  'regional_commission',
  'upline_release',
] as const;

/** What a member has earned from their team, per entry kind and asset (credits only). */
export async function commissionTotals(
  tx: Tx,
  memberId: number,
): Promise<{ kind: string; asset: string; total: number; count: number }[]> {
  const res = await tx.execute<{ kind: string; asset: string; total: string; count: string }>(sql`
    select e.kind, a.asset, sum(p.amount)::text as total, count(*)::text as count
    from postings p
    join accounts a on a.id = p.account_id
    join journal_entries e on e.id = p.entry_id
    where a.member_id = ${memberId} and p.amount > 0
      and e.kind in (${sql.join(
        COMMISSION_KINDS.map((k) => sql`${k}`),
        sql`, `,
      )})
    group by e.kind, a.asset
    order by e.kind, a.asset`);
  return res.rows.map((r) => ({
    kind: r.kind,
    asset: r.asset,
    total: Number(r.total),
    count: Number(r.count),
  }));
}

/** The monthly dividend run of a period and what this member received from it (fen). */
export async function monthlyDividendOf(
  tx: Tx,
  memberId: number,
  period: string,
): Promise<{ runStatus: string; amountFen: number; finishedAt: Date | null } | null> {
  const run = await tx.execute<{ id: number; status: string; finished_at: Date | null }>(sql`
    select id, status, finished_at from settlement_runs where kind = 'monthly' and period = ${period}`);
  const r = run.rows[0];
  if (!r) return null;
  const sum = await tx.execute<{ s: string }>(sql`
    select coalesce(sum(p.amount), 0)::text as s
    from postings p
    join accounts a on a.id = p.account_id
    join journal_entries e on e.id = p.entry_id
    where a.member_id = ${memberId} and a.asset = 'CASH'
      and e.kind = 'monthly_dividend' and (e.ref->>'runId')::int = ${r.id}`);
  return {
    runStatus: r.status,
    amountFen: Number(sum.rows[0]!.s),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
  };
}
