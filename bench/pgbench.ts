/** The reference figure: pgbench's built-in TPC-B-like script on the same PostgreSQL server, in its own database. */
import { spawn } from 'node:child_process';
import { ensureDatabase } from '@pingou/db';
import type { PostgresServer } from './environment';

export const PGBENCH = process.env.PGBENCH ?? '/usr/bin/pgbench';
export const PGBENCH_DB = 'pgbench_bench';

export interface PgbenchResult {
  scale: number;
  clients: number;
  threads: number;
  seconds: number;
  tps: number;
  /** Which line the figure came from. */
  tpsLine: string;
  latencyAverageMs: number | null;
  transactions: number | null;
}

function run(pg: PostgresServer, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      PGBENCH,
      ['-h', pg.host, '-p', String(pg.port), '-U', pg.user, ...args, PGBENCH_DB],
      { env: { ...process.env, PGPASSWORD: pg.password }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    child.stderr.on('data', (d) => (out += String(d)));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`pgbench ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

/** The tps figure: "without initial connection time" (pgbench ≥ 14), else "excluding connections", else the first one. */
export function parseTps(output: string): { tps: number; line: string } {
  const lines = output.split('\n').filter((l) => /^tps = /.test(l.trim()));
  const best =
    lines.find((l) => l.includes('without initial connection time')) ??
    lines.find((l) => l.includes('excluding connections')) ??
    lines[0];
  const m = best ? /tps = ([0-9.]+)/.exec(best) : null;
  if (!best || !m) throw new Error(`no tps line in pgbench output:\n${output}`);
  return { tps: Number(m[1]), line: best.trim() };
}

export async function runPgbench(
  pg: PostgresServer,
  opts: { scale: number; clients: number; threads: number; seconds: number },
): Promise<PgbenchResult> {
  await ensureDatabase(pg.url('postgres'), PGBENCH_DB);
  await run(pg, ['-i', '-q', '-s', String(opts.scale)]);
  const out = await run(pg, [
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-T',
    String(opts.seconds),
  ]);
  const { tps, line } = parseTps(out);
  const lat = /latency average = ([0-9.]+) ms/.exec(out);
  const tx = /number of transactions actually processed: (\d+)/.exec(out);
  return {
    ...opts,
    tps,
    tpsLine: line,
    latencyAverageMs: lat ? Number(lat[1]) : null,
    transactions: tx ? Number(tx[1]) : null,
  };
}
