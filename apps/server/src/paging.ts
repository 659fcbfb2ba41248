/**
 * Keyset paging, shared by use cases and routes: the caller fetched `limit + 1` rows newest first; the extra
 * row only says there is a next page, whose cursor is the last shown row's id.
 */
export function paged<R, T>(rows: R[], limit: number, idOf: (r: R) => number, view: (r: R) => T) {
  const page = rows.slice(0, limit);
  return {
    items: page.map(view),
    nextBefore: rows.length > limit ? idOf(page[page.length - 1]!) : null,
  };
}
