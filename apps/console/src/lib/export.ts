/**
 * CSV export of a paged list: fetches every page from the server (bounded), and
 * saves a UTF-8 CSV with a byte-order mark so that Excel opens the Chinese correctly.
 */
import { get, type Page } from './api';

export interface CsvColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

function cell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // quote everything; a leading = + - @ would be a formula in Excel
  const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

export async function exportCsv<T>(
  path: string,
  filters: Record<string, string | number | undefined>,
  columns: CsvColumn<T>[],
  fileName: string,
  onProgress: (rows: number) => void,
  maxRows = 50_000,
): Promise<number> {
  const rows: T[] = [];
  let before: number | undefined;
  do {
    const page = await get<Page<T>>(path, { ...filters, limit: 100, before });
    rows.push(...page.items);
    onProgress(rows.length);
    before = page.nextBefore ?? undefined;
  } while (before !== undefined && rows.length < maxRows);
  const lines = [columns.map((c) => cell(c.title)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','));
  const blob = new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], {
    type: 'text/csv;charset=utf-8',
  });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  return rows.length;
}
