/**
 * `npx tsx bench/load-two-servers.ts`: the full load across servers (issue 8).
 * Two server processes on one fresh PostgreSQL database, 64 clients, 20,000
 * joins over the four examples.md activities (two of each) with rewards and
 * commissions on; then the proof: no drawn group with other than N seats, none
 * drawn twice, every decided group's escrow empty, the trial balance green.
 * Prints joins/s and latency percentiles, writes .data/proof-load-results.json.
 * Exit 1 when a join failed or a check did not hold.
 *
 * Settings by environment: PROOF_JOINS (20000), PROOF_CLIENTS (64), PROOF_SERVERS (2),
 * PROOF_LOAD_SECONDS_MAX (600); the database as for `npm run bench` (BENCH_DATABASE_URL,
 * or the embedded server in BENCH_PG_DIR on BENCH_PG_PORT).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createContext } from '../apps/server/src/bootstrap';
import { loadConfig, REPO_ROOT } from '../apps/server/src/config';
import { createBenchDatabase, openPostgres, startServer, type ServerProcess } from './environment';
import { machineLoad } from './observe';
import { fmt, machineFacts } from './report';
import { runTwoServerLoad } from './two-server-load';

const RESULTS_FILE = path.join(REPO_ROOT, '.data', 'proof-load-results.json');

const step = (msg: string) =>
  process.stdout.write(`[proof-load ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main(): Promise<number> {
  const joins = Number(process.env.PROOF_JOINS ?? 20_000);
  const clients = Number(process.env.PROOF_CLIENTS ?? 64);
  const serverCount = Number(process.env.PROOF_SERVERS ?? 2);
  const maxSeconds = Number(process.env.PROOF_LOAD_SECONDS_MAX ?? 600);
  const idle = await machineLoad(2_000);
  step(
    `${fmt.n(joins)} joins, ${clients} clients, ${serverCount} servers` +
      (idle !== null ? ` (machine ${Math.round(idle)}% busy of one core before start)` : ''),
  );
  const pg = await openPostgres();
  const dbName = await createBenchDatabase(pg, new Date());
  const dbUrl = pg.url(dbName);
  step(`database ${dbName} on ${pg.host}:${pg.port}`);
  const servers: ServerProcess[] = [];
  const ctx = await createContext(
    loadConfig({ ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' }),
    dbUrl,
    { poolSize: 8, log: pino({ level: 'warn' }) },
  );
  try {
    // one server first (it migrates the empty database), then the others
    servers.push(await startServer(dbUrl));
    servers.push(
      ...(await Promise.all(Array.from({ length: serverCount - 1 }, () => startServer(dbUrl)))),
    );
    step(`servers up: ${servers.map((s) => `${s.baseUrl} (pid ${s.child.pid})`).join(', ')}`);
    const r = await runTwoServerLoad(ctx, {
      baseUrls: servers.map((s) => s.baseUrl),
      joins,
      clients,
      activitiesPerExample: 2,
      maxSeconds,
    });
    const isClean =
      r.errors === 0 && r.sent === joins && Object.keys(r.problems).length === 0 && r.ledger.ok;
    const lines = [
      `members ${fmt.n(r.members)}, activities ${r.activities} (examples.md #1–#4, two each)`,
      `joins sent ${fmt.n(r.sent)} / ${fmt.n(joins)}, counted ${fmt.n(r.measured)}, errors ${r.errors} (any answer but 201, or no answer)`,
      `throughput ${fmt.n(r.joinsPerSecond, 1)} joins/s over ${r.seconds.toFixed(1)} s`,
      `latency p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`,
      ...r.perServer.map(
        (s) =>
          `  ${s.baseUrl}: ${fmt.n(s.measured)} joins, ${fmt.n(s.joinsPerSecond, 1)} joins/s, p99 ${s.p99} ms`,
      ),
      `groups ${fmt.n(r.facts.groups)}: drawn ${fmt.n(r.facts.drawn)}, open ${r.facts.open}`,
      `  drawn with seats ≠ N ${r.facts.wrongSeatCount}, full but not settled ${r.facts.halfSettled}, undecided ${r.facts.undecided}, winners ≠ M ${r.facts.wrongWinnerCount}`,
      `  join entries ≠ seats ${r.facts.wrongJoinEntries}, escrow not empty / not seats × P ${r.facts.escrowMismatch}, escrow outside groups ${r.facts.escrowUnexplained}`,
      `ledger:check ${r.ledger.ok ? 'OK' : 'FAILED'} (${fmt.n(r.ledger.entries)} entries, ${fmt.n(r.ledger.postings)} postings)`,
      isClean ? 'RESULT: PASS' : 'RESULT: FAIL',
    ];
    for (const l of lines) step(l);
    for (const e of r.errorSamples) step(`  error: ${e}`);
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(
      RESULTS_FILE,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          machine: machineFacts(),
          idleLoadPercentOfOneCore: idle,
          database: dbName,
          plan: { joins, clients, servers: serverCount },
          ...r,
        },
        null,
        2,
      ),
    );
    step(`results in ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
    return isClean ? 0 : 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await ctx.close();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
