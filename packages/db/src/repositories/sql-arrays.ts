/**
 * An integer array literal for `= any(${pgIntArray(ids)}::bigint[])` (or `::int[]`): one
 * bound parameter, which PostgreSQL plans as an index lookup (a join with jsonb_to_recordset
 * was planned as a full scan).
 */
export function pgIntArray(ids: readonly number[]): string {
  return `{${ids.map((n) => String(Math.trunc(n))).join(',')}}`;
}
