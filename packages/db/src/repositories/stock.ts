/**
 * Option stock and virtual codes (schema-stock.ts). Units are reserved by a guarded UPDATE in the
 * join's transaction (joins of an activity are serialized by its queue lock), moved to sold or
 * released set-based when the group is decided, and codes are taken `FOR UPDATE SKIP LOCKED`.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { pgIntArray } from './sql-arrays';

export interface StockRow {
  activityId: number;
  optionId: number;
  stock: number | null;
  reserved: number;
  sold: number;
}

type RawStock = {
  activity_id: number;
  option_id: number;
  stock: number | null;
  reserved: number;
  sold: number;
};
const stockRow = (r: RawStock): StockRow => ({
  activityId: Number(r.activity_id),
  optionId: Number(r.option_id),
  stock: r.stock === null ? null : Number(r.stock),
  reserved: Number(r.reserved),
  sold: Number(r.sold),
});

/** The stock rows of these activities, keyed `<activityId>:<optionId>` (one query for a list). */
export async function stockOf(tx: Tx, activityIds: number[]): Promise<Map<string, StockRow>> {
  if (activityIds.length === 0) return new Map();
  const res = await tx.execute<RawStock>(sql`
    select activity_id, option_id, stock, reserved, sold from option_stock
    where activity_id = any(${pgIntArray(activityIds)}::int[])`);
  return new Map(
    res.rows.map((r) => {
      const row = stockRow(r);
      return [`${row.activityId}:${row.optionId}`, row];
    }),
  );
}

export async function lockStock(tx: Tx, activityId: number, optionId: number) {
  const res = await tx.execute<RawStock>(sql`
    select activity_id, option_id, stock, reserved, sold from option_stock
    where activity_id = ${activityId} and option_id = ${optionId} for update`);
  return res.rows[0] ? stockRow(res.rows[0]) : undefined;
}

/**
 * Reserves a unit for every real seat of the option in the activity's undecided groups that holds
 * none: seats taken while the option had no stock row (unlimited). Called whenever a row is
 * written, under the activity's join lock, so a limit set mid-group still covers every seat that
 * might win; the CHECK refuses a stock below what is then reserved and sold. Returns the row.
 */
export async function holdUndecidedSeats(tx: Tx, activityId: number, optionId: number) {
  const res = await tx.execute<RawStock>(sql`
    with held as (
      insert into option_stock_reservations (group_id, seat_no, activity_id, option_id)
      select s.group_id, s.seat_no, g.activity_id, s.option_id
      from seats s join groups g on g.id = s.group_id
      where g.activity_id = ${activityId} and g.status in ('open', 'full')
        and s.option_id = ${optionId} and s.member_id is not null
      on conflict (group_id, seat_no) do nothing
      returning 1
    )
    update option_stock set reserved = reserved + (select count(*) from held)::int,
      updated_at = now()
    where activity_id = ${activityId} and option_id = ${optionId}
    returning activity_id, option_id, stock, reserved, sold`);
  return res.rows[0] ? stockRow(res.rows[0]) : undefined;
}

/** Sets a product option's stock (null = unlimited); the caller checked it against reserved + sold. */
export async function setStock(tx: Tx, activityId: number, optionId: number, stock: number | null) {
  const res = await tx.execute<RawStock>(sql`
    insert into option_stock (activity_id, option_id, stock) values (${activityId}, ${optionId}, ${stock})
    on conflict (activity_id, option_id) do update set stock = excluded.stock, updated_at = now()
    returning activity_id, option_id, stock, reserved, sold`);
  return stockRow(res.rows[0]!);
}

/**
 * Reserves one unit of the option for a seat: a guarded UPDATE (never past the stock) and the
 * seat's reservation row, in one statement. `unlimited` when the option has no stock row.
 */
export async function reserveUnit(
  tx: Tx,
  r: { activityId: number; optionId: number; groupId: number; seatNo: number },
): Promise<'unlimited' | 'reserved' | 'sold_out'> {
  const res = await tx.execute<{ reserved: number; has_row: boolean }>(sql`
    with unit as (
      update option_stock set reserved = reserved + 1, updated_at = now()
      where activity_id = ${r.activityId} and option_id = ${r.optionId}
        and (stock is null or reserved + sold < stock)
      returning activity_id, option_id
    ), held as (
      insert into option_stock_reservations (group_id, seat_no, activity_id, option_id)
      select ${r.groupId}, ${r.seatNo}, activity_id, option_id from unit
      returning 1
    )
    select (select count(*) from held)::int as reserved,
           exists (select 1 from option_stock
                   where activity_id = ${r.activityId} and option_id = ${r.optionId}) as has_row`);
  const row = res.rows[0]!;
  if (Number(row.reserved) > 0) return 'reserved';
  return row.has_row ? 'sold_out' : 'unlimited';
}

/**
 * Decides every unit the group's seats still hold, in one statement: the winners' move from
 * reserved to sold, everyone else's are released (pass no winners for a failed or expired
 * group). Returns the seats whose unit was sold. A second call moves nothing.
 */
export async function closeReservations(
  tx: Tx,
  groupId: number,
  winnerSeatNos: number[],
): Promise<{ seatNo: number; optionId: number }[]> {
  const res = await tx.execute<{ seat_no: number; option_id: number }>(sql`
    with moved as (
      update option_stock_reservations r
      set state = case when r.seat_no = any(${pgIntArray(winnerSeatNos)}::int[])
                       then 'sold' else 'released' end
      where r.group_id = ${groupId} and r.state = 'reserved'
      returning r.activity_id, r.option_id, r.seat_no, r.state
    ), per_option as (
      select activity_id, option_id, count(*)::int as units,
             (count(*) filter (where state = 'sold'))::int as sold
      from moved group by activity_id, option_id
    ), counted as (
      update option_stock s
      set reserved = s.reserved - p.units, sold = s.sold + p.sold, updated_at = now()
      from per_option p where s.activity_id = p.activity_id and s.option_id = p.option_id
    )
    -- (every data-modifying CTE runs, referenced or not)
    select seat_no, option_id from moved where state = 'sold' order by seat_no`);
  return res.rows.map((r) => ({ seatNo: Number(r.seat_no), optionId: Number(r.option_id) }));
}

/**
 * Gives each of these winning seats one unused code of its option (oldest first, rows taken
 * `FOR UPDATE SKIP LOCKED`). Returns the code per seat; a seat finds none only when its option
 * has no codes left, which a reserved unit rules out.
 */
export async function assignCodes(
  tx: Tx,
  activityId: number,
  seats: { seatNo: number; optionId: number; orderNo: string; memberId: number }[],
  now: Date,
): Promise<Map<number, string>> {
  if (seats.length === 0) return new Map();
  const want = JSON.stringify(
    seats.map((s) => ({
      seat_no: s.seatNo,
      option_id: s.optionId,
      order_no: s.orderNo,
      member_id: s.memberId,
    })),
  );
  const res = await tx.execute<{ seat_no: number; code: string }>(sql`
    with want as (
      select x.*, row_number() over (partition by x.option_id order by x.seat_no) as rn
      from jsonb_to_recordset(${want}::jsonb)
        as x(seat_no int, option_id int, order_no text, member_id bigint)
    ), per_option as (
      select option_id, count(*) as n from want group by option_id
    ), free as (
      select f.id, o.option_id, row_number() over (partition by o.option_id order by f.id) as rn
      from per_option o
      cross join lateral (
        select c.id from virtual_codes c
        where c.activity_id = ${activityId} and c.option_id = o.option_id and c.order_no is null
        order by c.id limit o.n for update skip locked
      ) f
    )
    update virtual_codes c
    set order_no = w.order_no, member_id = w.member_id, assigned_at = ${now}
    from free f join want w on w.option_id = f.option_id and w.rn = f.rn
    where c.id = f.id
    returning w.seat_no, c.code`);
  return new Map(res.rows.map((r) => [Number(r.seat_no), r.code]));
}

/**
 * Adds codes to a virtual option (codes already there are left out) and its stock by the number
 * added, in one statement. Returns how many were added and the stock row after.
 */
export async function addCodes(tx: Tx, activityId: number, optionId: number, codes: string[]) {
  const res = await tx.execute<RawStock & { added: number }>(sql`
    with added as (
      insert into virtual_codes (activity_id, option_id, code)
      select ${activityId}, ${optionId}, value from jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb)
      on conflict do nothing
      returning 1
    ), n as (select count(*)::int as added from added)
    insert into option_stock (activity_id, option_id, stock)
    select ${activityId}, ${optionId}, added from n
    on conflict (activity_id, option_id)
      do update set stock = coalesce(option_stock.stock, 0) + excluded.stock, updated_at = now()
    returning activity_id, option_id, stock, reserved, sold, (select added from n) as added`);
  const row = res.rows[0]!;
  return { added: Number(row.added), stock: stockRow(row) };
}

/** Available and assigned codes per option of an activity. */
export async function codeCounts(tx: Tx, activityId: number) {
  const res = await tx.execute<{ option_id: number; available: number; assigned: number }>(sql`
    select option_id, (count(*) filter (where order_no is null))::int as available,
           (count(*) filter (where order_no is not null))::int as assigned
    from virtual_codes where activity_id = ${activityId} group by option_id`);
  return new Map(
    res.rows.map((r) => [
      Number(r.option_id),
      { available: Number(r.available), assigned: Number(r.assigned) },
    ]),
  );
}

/** The latest codes of an option, for a masked list. */
export async function recentCodes(tx: Tx, activityId: number, optionId: number, limit: number) {
  const res = await tx.execute<{
    id: number;
    code: string;
    order_no: string | null;
    created_at: Date | string;
  }>(sql`
    select id, code, order_no, created_at from virtual_codes
    where activity_id = ${activityId} and option_id = ${optionId}
    order by id desc limit ${limit}`);
  return res.rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    isAssigned: r.order_no !== null,
    createdAt: new Date(r.created_at),
  }));
}

/** The codes of these orders, only where the member owns them. */
export async function codesOfMemberOrders(tx: Tx, memberId: number, orderNos: string[]) {
  if (orderNos.length === 0) return new Map<string, string>();
  const res = await tx.execute<{ order_no: string; code: string }>(sql`
    select order_no, code from virtual_codes
    where member_id = ${memberId}
      and order_no in (select value from jsonb_array_elements_text(${JSON.stringify(orderNos)}::jsonb))`);
  return new Map(res.rows.map((r) => [r.order_no, r.code]));
}
