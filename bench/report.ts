/** Figures for people: percentiles, the machine's facts, and a plain-text table. */
import os from 'node:os';

/** Nearest-rank percentile of an ascending list (0 when empty). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function summarize(sortedMs: number[]): LatencySummary {
  const r = (x: number) => Math.round(x * 10) / 10;
  return {
    p50: r(percentile(sortedMs, 50)),
    p90: r(percentile(sortedMs, 90)),
    p99: r(percentile(sortedMs, 99)),
    max: r(sortedMs[sortedMs.length - 1] ?? 0),
  };
}

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism?.() ?? cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
  };
}

/** Rows of cells as an aligned table; a row of one '-' cell is a rule. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    if (row.length > 1) row.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, width(c))));
  const total = widths.reduce((a, b) => a + b, 0) + 3 * (widths.length - 1);
  return rows
    .map((row) =>
      row.length === 1 && row[0] === '-'
        ? '-'.repeat(total)
        : row.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c)))).join('   '),
    )
    .join('\n');
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return w;
}

export const fmt = {
  n: (x: number, digits = 0) =>
    x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ms: (x: number) => `${x.toFixed(1)} ms`,
  ratio: (x: number) => `${x.toFixed(2)}×`,
};
