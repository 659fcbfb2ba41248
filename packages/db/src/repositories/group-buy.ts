/** Activities and their versions, groups, seats, counters, join history, orders. */
import { and, asc, desc, eq, getTableColumns, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import {
  activities,
  activityVersions,
  blindBoxTickets,
  dailyDividendWeights,
  drawCounters,
  groups,
  members,
  orders,
  seats,
} from '../schema';
import { pgIntArray } from './sql-arrays';

export type ActivityRow = typeof activities.$inferSelect;
export type VersionRow = typeof activityVersions.$inferSelect;
export type GroupRow = typeof groups.$inferSelect;
export type SeatRow = typeof seats.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type ActivityStatus = ActivityRow['status'];
export type GroupStatus = GroupRow['status'];
export type OrderStatus = OrderRow['status'];

// ---- activities

export async function insertActivity(
  tx: Tx,
  v: Pick<ActivityRow, 'name' | 'description' | 'isLargeZone' | 'startsAt' | 'endsAt' | 'draft'>,
) {
  const [row] = await tx
    .insert(activities)
    .values({ ...v, status: 'draft' })
    .returning();
  return row!;
}

export async function findActivity(tx: Tx, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = tx.select().from(activities).where(eq(activities.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateActivity(
  tx: Tx,
  id: number,
  patch: Partial<Omit<ActivityRow, 'id' | 'createdAt'>>,
) {
  const [row] = await tx.update(activities).set(patch).where(eq(activities.id, id)).returning();
  return row!;
}

/**
 * Activities by status, name (case-insensitive substring) and zone. Without `limit`, every match in
 * id order (the pickers' reference list); with it, a keyset page newest first (`limit + 1` rows).
 */
export async function listActivities(
  tx: Tx,
  f: {
    status?: ActivityStatus[];
    nameContains?: string;
    isLargeZone?: boolean;
    before?: number;
    limit?: number;
  } = {},
) {
  const where = [];
  if (f.status) where.push(inArray(activities.status, f.status));
  // strpos, not LIKE: the operator's text is matched literally (no % or _ wildcards)
  if (f.nameContains)
    where.push(sql`strpos(lower(${activities.name}), lower(${f.nameContains})) > 0`);
  if (f.isLargeZone !== undefined) where.push(eq(activities.isLargeZone, f.isLargeZone));
  if (f.before) where.push(lt(activities.id, f.before));
  const q = tx
    .select()
    .from(activities)
    .where(where.length ? and(...where) : undefined);
  return f.limit === undefined
    ? q.orderBy(asc(activities.id))
    : q.orderBy(desc(activities.id)).limit(f.limit);
}

export async function insertVersion(
  tx: Tx,
  v: { activityId: number; settings: unknown; publishedBy: number | null },
) {
  const [row] = await tx
    .insert(activityVersions)
    .values({
      ...v,
      version: sql`(select coalesce(max(version), 0) + 1 from activity_versions where activity_id = ${v.activityId})`,
    })
    .returning();
  return row!;
}

export async function findVersion(tx: Tx, id: number) {
  const [row] = await tx.select().from(activityVersions).where(eq(activityVersions.id, id));
  return row;
}

export async function listVersions(tx: Tx, activityId: number) {
  return tx
    .select()
    .from(activityVersions)
    .where(eq(activityVersions.activityId, activityId))
    .orderBy(desc(activityVersions.version));
}

/**
 * The activity row and the member row locked FOR UPDATE (as `findMemberById(..., { forUpdate })`),
 * in one round trip: a join needs both right after the activity lock. Undefined when either row is
 * missing; the caller then reads them one by one to report which.
 */
export async function activityWithLockedMember(tx: Tx, activityId: number, memberId: number) {
  const [row] = await tx
    .select({ activity: activities, member: members })
    .from(activities)
    .innerJoin(members, eq(members.id, memberId))
    .where(eq(activities.id, activityId))
    .for('update', { of: members });
  return row;
}

// ---- groups and seats

/** One join at a time per activity: seats are handed out in order and groups open one by one. */
export async function lockActivityQueue(tx: Tx, activityId: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(7406851, ${activityId})`);
}

/**
 * The oldest open group of the activity in which the member holds no seat, locked FOR UPDATE.
 * One statement (it was a search, then `findGroup` FOR UPDATE): callers hold the activity lock,
 * so no other join or expiry changes the activity's open groups meanwhile, and a row that did
 * change is re-checked by PostgreSQL after the row lock anyway.
 */
export async function oldestOpenGroupFor(tx: Tx, activityId: number, memberId: number) {
  const [row] = await tx
    .select()
    .from(groups)
    .where(
      and(
        eq(groups.activityId, activityId),
        eq(groups.status, 'open'),
        sql`not exists (select 1 from seats s where s.group_id = ${groups.id} and s.member_id = ${memberId})`,
      ),
    )
    .orderBy(asc(groups.id))
    .limit(1)
    .for('update');
  return row;
}

export async function insertGroup(
  tx: Tx,
  v: Pick<
    GroupRow,
    'activityId' | 'versionId' | 'groupSize' | 'serverSeed' | 'commitment' | 'openedAt'
  >,
) {
  const [row] = await tx
    .insert(groups)
    .values({ ...v, status: 'open' })
    .returning();
  return row!;
}

export async function findGroup(tx: Tx, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = tx.select().from(groups).where(eq(groups.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateGroup(tx: Tx, id: number, patch: Partial<Omit<GroupRow, 'id'>>) {
  await tx.update(groups).set(patch).where(eq(groups.id, id));
}

export async function listGroups(
  tx: Tx,
  f: { activityId?: number; status?: GroupStatus; before?: number; limit: number },
) {
  const where = [];
  if (f.activityId) where.push(eq(groups.activityId, f.activityId));
  if (f.status) where.push(eq(groups.status, f.status));
  if (f.before) where.push(lt(groups.id, f.before));
  return tx
    .select()
    .from(groups)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(groups.id))
    .limit(f.limit);
}

export async function insertSeats(
  tx: Tx,
  rows: Pick<
    SeatRow,
    | 'groupId'
    | 'seatNo'
    | 'memberId'
    | 'optionId'
    | 'memberRef'
    | 'clientSeed'
    | 'isFirstOfDay'
    | 'isFirstEver'
    | 'joinDay'
  >[],
) {
  if (rows.length === 0) return [];
  return tx.insert(seats).values(rows).returning();
}

/**
 * A join's seat and the group's new seat count (and status when it is now full) in one round
 * trip: the same two writes `insertSeats` and `updateGroup` make, as one statement. The unique
 * keys on seats and the seat-count CHECK on groups hold exactly as before.
 */
export async function takeSeat(
  tx: Tx,
  s: Pick<
    SeatRow,
    | 'groupId'
    | 'seatNo'
    | 'memberId'
    | 'optionId'
    | 'memberRef'
    | 'clientSeed'
    | 'isFirstOfDay'
    | 'isFirstEver'
    | 'joinDay'
  >,
  groupStatus: 'open' | 'full',
) {
  await tx.execute(sql`
    with seat as (
      insert into seats (group_id, seat_no, member_id, option_id, member_ref, client_seed,
                         is_first_of_day, is_first_ever, join_day)
      values (${s.groupId}, ${s.seatNo}, ${s.memberId}, ${s.optionId}, ${s.memberRef},
              ${s.clientSeed}, ${s.isFirstOfDay}, ${s.isFirstEver}, ${s.joinDay})
    )
    update groups set seat_count = ${s.seatNo}, status = ${groupStatus} where id = ${s.groupId}`);
}

export async function groupSeats(tx: Tx, groupId: number) {
  return tx.select().from(seats).where(eq(seats.groupId, groupId)).orderBy(asc(seats.seatNo));
}

export async function setSeatResults(
  tx: Tx,
  groupId: number,
  results: { seatNo: number; result: 'won' | 'lost' | 'refunded' }[],
) {
  if (results.length === 0) return;
  await tx.execute(sql`update seats s set result = x.result
    from jsonb_to_recordset(${JSON.stringify(results.map((r) => ({ seat_no: r.seatNo, result: r.result })))}::jsonb)
      as x(seat_no int, result text)
    where s.group_id = ${groupId} and s.seat_no = x.seat_no`);
}

export async function memberSeats(tx: Tx, memberId: number, f: { before?: number; limit: number }) {
  return tx
    .select({ seat: seats, group: groups })
    .from(seats)
    .innerJoin(groups, eq(groups.id, seats.groupId))
    .where(and(eq(seats.memberId, memberId), f.before ? lt(seats.id, f.before) : undefined))
    .orderBy(desc(seats.id))
    .limit(f.limit);
}

// ---- join history

/** Records one join; returns the joins of the member today in this activity and platform-wide, before this one. */
export async function recordJoinDay(tx: Tx, memberId: number, activityId: number, day: string) {
  const res = await tx.execute<{ activity_before: number; day_before: number }>(sql`
    with prior as (
      select coalesce(sum(joins) filter (where activity_id = ${activityId}), 0)::int as activity_before,
             coalesce(sum(joins), 0)::int as day_before
      from join_days where member_id = ${memberId} and day = ${day}
    ), ins as (
      insert into join_days (member_id, activity_id, day, joins) values (${memberId}, ${activityId}, ${day}, 1)
      on conflict (member_id, day, activity_id) do update set joins = join_days.joins + 1
    )
    select activity_before, day_before from prior`);
  const r = res.rows[0]!;
  return { activityBefore: Number(r.activity_before), dayBefore: Number(r.day_before) };
}

/**
 * `recordJoinDay` and the member's cash balance in one round trip. Call it only once the member
 * row is locked: the statement's snapshot is then taken after that lock, so the balance and the
 * day's counts are as fresh as two separate statements would read them.
 */
export async function recordJoinDayWithCash(
  tx: Tx,
  memberId: number,
  activityId: number,
  day: string,
) {
  const res = await tx.execute<{ activity_before: number; day_before: number; cash: number }>(sql`
    with prior as (
      select coalesce(sum(joins) filter (where activity_id = ${activityId}), 0)::int as activity_before,
             coalesce(sum(joins), 0)::int as day_before
      from join_days where member_id = ${memberId} and day = ${day}
    ), ins as (
      insert into join_days (member_id, activity_id, day, joins) values (${memberId}, ${activityId}, ${day}, 1)
      on conflict (member_id, day, activity_id) do update set joins = join_days.joins + 1
    )
    select activity_before, day_before,
      coalesce((select balance from accounts where member_id = ${memberId} and asset = 'CASH'), 0) as cash
    from prior`);
  const r = res.rows[0]!;
  return {
    activityBefore: Number(r.activity_before),
    dayBefore: Number(r.day_before),
    cash: Number(r.cash),
  };
}

export async function joinsOn(tx: Tx, memberId: number, activityId: number, day: string) {
  const res = await tx.execute<{ joins: number }>(
    sql`select joins from join_days where member_id = ${memberId} and activity_id = ${activityId} and day = ${day}`,
  );
  return Number(res.rows[0]?.joins ?? 0);
}

/** Undoes a join's count (the group it was in failed or expired, so it never counted). */
export async function unrecordJoinDays(
  tx: Tx,
  rows: { memberId: number; activityId: number; day: string }[],
) {
  if (rows.length === 0) return;
  await tx.execute(sql`update join_days j set joins = greatest(j.joins - x.n, 0)
    from (select member_id, activity_id, day, count(*)::int n
          from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ member_id: r.memberId, activity_id: r.activityId, day: r.day })))}::jsonb)
          as y(member_id bigint, activity_id int, day date) group by 1, 2, 3) x
    where j.member_id = x.member_id and j.activity_id = x.activity_id and j.day = x.day`);
}

// ---- counters

export async function lockCounters(tx: Tx, activityId: number, memberIds: number[]) {
  if (memberIds.length === 0) return new Map<number, unknown>();
  const res = await tx.execute<{ member_id: number; counters: unknown }>(sql`
    select member_id, counters from draw_counters
    where activity_id = ${activityId} and member_id = any(${pgIntArray(memberIds)}::bigint[])
    order by member_id for update`);
  return new Map(res.rows.map((r) => [Number(r.member_id), r.counters]));
}

export async function saveCounters(
  tx: Tx,
  activityId: number,
  rows: { memberId: number; counters: unknown }[],
) {
  if (rows.length === 0) return;
  await tx
    .insert(drawCounters)
    .values(rows.map((r) => ({ activityId, memberId: r.memberId, counters: r.counters })))
    .onConflictDoUpdate({
      target: [drawCounters.memberId, drawCounters.activityId],
      set: { counters: sql`excluded.counters` },
    });
}

// ---- what a draw hands out

export async function insertOrders(tx: Tx, rows: (typeof orders.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(orders).values(rows);
}

export async function addDailyWeights(
  tx: Tx,
  day: string,
  rows: { memberId: number; weight: number }[],
) {
  if (rows.length === 0) return;
  await tx
    .insert(dailyDividendWeights)
    .values(rows.map((r) => ({ day, memberId: r.memberId, weight: r.weight })))
    .onConflictDoUpdate({
      target: [dailyDividendWeights.day, dailyDividendWeights.memberId],
      set: { weight: sql`${dailyDividendWeights.weight} + excluded.weight` },
    });
}

export async function insertTickets(tx: Tx, rows: (typeof blindBoxTickets.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(blindBoxTickets).values(rows).onConflictDoNothing();
}

export async function findOrder(tx: Tx, orderNo: string, opts: { forUpdate?: boolean } = {}) {
  const q = tx.select().from(orders).where(eq(orders.orderNo, orderNo));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateOrder(tx: Tx, id: number, patch: Partial<Omit<OrderRow, 'id'>>) {
  const [row] = await tx
    .update(orders)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(orders.id, id))
    .returning();
  return row!;
}

export interface OrderFilter {
  memberId?: number;
  status?: OrderStatus;
  groupId?: number;
  activityId?: number;
  orderNo?: string;
  /** Created at or after this instant. */
  createdFrom?: Date;
  /** Created strictly before this instant. */
  createdBefore?: Date;
  before?: number;
  limit: number;
}

function orderWhere(f: OrderFilter) {
  const where = [];
  if (f.memberId) where.push(eq(orders.memberId, f.memberId));
  if (f.status) where.push(eq(orders.status, f.status));
  if (f.groupId) where.push(eq(orders.groupId, f.groupId));
  if (f.activityId) where.push(eq(orders.activityId, f.activityId));
  if (f.orderNo) where.push(eq(orders.orderNo, f.orderNo));
  if (f.createdFrom) where.push(gte(orders.createdAt, f.createdFrom));
  if (f.createdBefore) where.push(lt(orders.createdAt, f.createdBefore));
  if (f.before) where.push(lt(orders.id, f.before));
  return where.length ? and(...where) : undefined;
}

export async function listOrders(tx: Tx, f: OrderFilter) {
  return tx.select().from(orders).where(orderWhere(f)).orderBy(desc(orders.id)).limit(f.limit);
}

/** `listOrders` with the state of each order's group (null for orders outside a group). */
export async function listOrdersWithGroupStatus(tx: Tx, f: OrderFilter) {
  return tx
    .select({ ...getTableColumns(orders), groupStatus: groups.status })
    .from(orders)
    .leftJoin(groups, eq(groups.id, orders.groupId))
    .where(orderWhere(f))
    .orderBy(desc(orders.id))
    .limit(f.limit);
}

// ---- facts a settlement needs

export type MemberFactsRow = {
  id: number;
  upline_id: number | null;
  tier_id: number | null;
  promoter_valid_until: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  gold: number;
};

/**
 * Members' facts with their gold balance. Gold accounts in `lockGoldOf` are locked (in id
 * order) because a release capped by that gold may be paid; the others are only read.
 */
export async function memberFacts(
  tx: Tx,
  ids: number[],
  lockGoldOf: readonly number[],
): Promise<Map<number, MemberFactsRow>> {
  if (ids.length === 0) return new Map();
  // Array literals for `= any(...)`: the planner uses the indexes for them, where a semi-join with
  // jsonb_array_elements_text (estimated at 100 rows) scanned whole tables.
  const json = pgIntArray([...new Set(ids)].sort((a, b) => a - b));
  const locked = pgIntArray([...new Set(lockGoldOf)].sort((a, b) => a - b));
  if (lockGoldOf.length > 0) {
    await tx.execute(sql`select a.id from accounts a
      where a.asset = 'GOLD' and a.member_id = any(${locked}::bigint[])
      order by a.id for no key update`);
  }
  const res = await tx.execute<MemberFactsRow>(sql`
    select m.id, m.upline_id, m.tier_id, m.promoter_valid_until, m.province, m.city, m.district, a.balance as gold
    from members m join accounts a on a.member_id = m.id and a.asset = 'GOLD'
    where m.id = any(${json}::bigint[])`);
  return new Map(
    res.rows.map((r) => [
      Number(r.id),
      {
        ...r,
        id: Number(r.id),
        upline_id: r.upline_id === null ? null : Number(r.upline_id),
        gold: Number(r.gold),
      },
    ]),
  );
}

export async function uplinesOf(tx: Tx, ids: number[]): Promise<Map<number, number | null>> {
  if (ids.length === 0) return new Map();
  const res = await tx.execute<{ id: number; upline_id: number | null }>(
    sql`select id, upline_id from members where id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint)`,
  );
  return new Map(
    res.rows.map((r) => [Number(r.id), r.upline_id === null ? null : Number(r.upline_id)]),
  );
}

/**
 * Uplines two levels up in one round trip (it was `uplinesOf` twice): `direct` maps each id to its
 * upline, `indirect` maps each of those uplines to theirs, as the second call returned.
 */
export async function uplinesTwoLevels(tx: Tx, ids: number[]) {
  const direct = new Map<number, number | null>();
  const indirect = new Map<number, number | null>();
  if (ids.length === 0) return { direct, indirect };
  const res = await tx.execute<{ id: number; upline_id: number | null; up2: number | null }>(sql`
    select m.id, m.upline_id, u.upline_id as up2
    from members m left join members u on u.id = m.upline_id
    where m.id = any(${pgIntArray(ids)}::bigint[])`);
  for (const r of res.rows) {
    const up = r.upline_id === null ? null : Number(r.upline_id);
    direct.set(Number(r.id), up);
    if (up !== null) indirect.set(up, r.up2 === null ? null : Number(r.up2));
  }
  return { direct, indirect };
}

export async function agentsFor(tx: Tx, regionKeys: string[]) {
  if (regionKeys.length === 0) return new Map<string, number>();
  const res = await tx.execute<{ level: string; region_key: string; member_id: number }>(sql`
    select level, region_key, member_id from agents
    where region_key in (select jsonb_array_elements_text(${JSON.stringify(regionKeys)}::jsonb))`);
  return new Map(res.rows.map((r) => [`${r.level}:${r.region_key}`, Number(r.member_id)]));
}
