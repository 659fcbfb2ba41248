/**
 * What must hold after any load or any crash (issue 8): the trial balance,
 * and for every group: N seats exactly when drawn, no full group left
 * half-settled, one draw, every seat decided, and its escrow empty once drawn
 * (or holding exactly its seats' price while open). Shared by the proof tests
 * and `bench/load-two-servers.ts`; each count is expected to be zero.
 */
import { sql } from 'drizzle-orm';
import { ledgerRepo } from '@pingou/db';
import type { AppContext } from '../../src/context';

type Db = AppContext['db'];

export interface GroupFacts {
  groups: number;
  drawn: number;
  open: number;
  /** Drawn or failed groups whose seats are not exactly N. */
  wrongSeatCount: number;
  /** Groups with N seats that are not drawn or failed: a draw that did not finish. */
  halfSettled: number;
  /** Drawn groups without a published draw, or with a seat left undecided. */
  undecided: number;
  /** Drawn groups whose number of winning seats (sale entries) is not M. */
  wrongWinnerCount: number;
  /** Groups whose join entries are not exactly their seats (a join booked twice or lost). */
  wrongJoinEntries: number;
  /** Decided groups with money left in escrow, or open groups whose escrow is not seats × P. */
  escrowMismatch: number;
  /** Platform escrow balance minus what open groups hold: must be zero. */
  escrowUnexplained: number;
}

export async function groupFacts(db: Db, activityIds?: number[]): Promise<GroupFacts> {
  const only = activityIds
    ? sql`where g.activity_id in (select jsonb_array_elements_text(${JSON.stringify(activityIds)}::jsonb)::int)`
    : sql``;
  const r = await db.execute<Record<keyof GroupFacts, number>>(sql`
    with g as (
      select g.*, (v.settings->>'priceFen')::bigint as price, (v.settings->>'winners')::int as winners
      from groups g join activity_versions v on v.id = g.version_id ${only}
    ),
    seat_facts as (
      select s.group_id, count(*) as seats, count(*) filter (where s.result is null) as undecided,
        count(*) filter (where s.result = 'won') as won
      from seats s join g on g.id = s.group_id group by s.group_id
    ),
    entry_facts as (
      select (e.ref->>'groupId')::bigint as group_id,
        count(*) filter (where e.kind = 'join') as joins,
        count(*) filter (where e.kind = 'sale') as sales
      from journal_entries e
      where e.ref ? 'groupId' and e.kind in ('join', 'sale')
      group by 1
    ),
    escrow as (
      select (e.ref->>'groupId')::bigint as group_id, sum(p.amount) as held
      from postings p
      join accounts a on a.id = p.account_id and a.purpose = 'escrow' and a.asset = 'CASH'
      join journal_entries e on e.id = p.entry_id
      group by 1
    )
    select
      count(*)::int as groups,
      count(*) filter (where g.status = 'drawn')::int as drawn,
      count(*) filter (where g.status = 'open')::int as open,
      count(*) filter (where g.status in ('drawn', 'failed')
        and (g.seat_count <> g.group_size or coalesce(sf.seats, 0) <> g.group_size))::int as "wrongSeatCount",
      count(*) filter (where g.seat_count = g.group_size and g.status not in ('drawn', 'failed'))::int as "halfSettled",
      count(*) filter (where g.status = 'drawn' and (g.draw is null or coalesce(sf.undecided, 0) > 0))::int as undecided,
      count(*) filter (where g.status = 'drawn'
        and (coalesce(ef.sales, 0) <> g.winners or coalesce(sf.won, 0) <> g.winners))::int as "wrongWinnerCount",
      count(*) filter (where coalesce(ef.joins, 0) <> coalesce(sf.seats, 0) - (
        select count(*) from seats h where h.group_id = g.id and h.member_id is null))::int as "wrongJoinEntries",
      count(*) filter (where case when g.status = 'open' then coalesce(es.held, 0) <> g.price * (
          select count(*) from seats h where h.group_id = g.id and h.member_id is not null)
        else coalesce(es.held, 0) <> 0 end)::int as "escrowMismatch",
      0 as "escrowUnexplained"
    from g
    left join seat_facts sf on sf.group_id = g.id
    left join entry_facts ef on ef.group_id = g.id
    left join escrow es on es.group_id = g.id`);
  const facts = r.rows[0]!;
  const out = Object.fromEntries(
    Object.entries(facts).map(([k, v]) => [k, Number(v)]),
  ) as unknown as GroupFacts;
  if (!activityIds) {
    // escrow postings that belong to no group would be money nobody can claim
    const u = await db.execute<{ n: string }>(sql`
      select coalesce(sum(p.amount), 0)::text as n from postings p
      join accounts a on a.id = p.account_id and a.purpose = 'escrow' and a.asset = 'CASH'
      join journal_entries e on e.id = p.entry_id
      where not (e.ref ? 'groupId')`);
    out.escrowUnexplained = Number(u.rows[0]!.n);
  }
  return out;
}

/** The counts of `groupFacts` that must be zero. */
export function groupProblems(f: GroupFacts): Partial<GroupFacts> {
  const bad: Partial<GroupFacts> = {};
  for (const k of [
    'wrongSeatCount',
    'halfSettled',
    'undecided',
    'wrongWinnerCount',
    'wrongJoinEntries',
    'escrowMismatch',
    'escrowUnexplained',
  ] as const)
    if (f[k] !== 0) bad[k] = f[k];
  return bad;
}

/** `ledger:check` (the function the CLI and the hourly job use) plus the group invariants. */
export async function proveInvariants(db: Db) {
  const ledger = await ledgerRepo.checkLedger(db);
  const groups = await groupFacts(db);
  return { ledger, groups, problems: groupProblems(groups) };
}
