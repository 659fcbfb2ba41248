/**
 * `npm run bench [-- --quick]`: the throughput benchmark. Starts the real
 * server on a fresh database, measures joins over HTTP (maximum rate, then
 * p99 at half that rate), settled seats per second in process, and pgbench's
 * TPC-B on the same PostgreSQL, compares them with the targets, and proves
 * the ledger afterwards. Prints a table and writes .data/bench-results.json.
 * Exit 1 when a request failed or the ledger check did not hold; being short
 * of a target is a finding, not a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { sql } from 'drizzle-orm';
import { ledgerRepo } from '@pingou/db';
import { createContext } from '../apps/server/src/bootstrap';
import { loadConfig, REPO_ROOT } from '../apps/server/src/config';
import { createBenchDatabase, openPostgres, startServer, type ServerProcess } from './environment';
import { closedLoop, openLoop, type LoadResult } from './load';
import { machineLoad, observe, type PhaseObservation } from './observe';
import { runPgbench } from './pgbench';
import { fmt, machineFacts, summarize, table } from './report';
import { seed } from './seed';
import { measureSettlement } from './settlement';

const RESULTS_FILE = path.join(REPO_ROOT, '.data', 'bench-results.json');
const TARGETS = { joinsVsTps: 0.6, seatsVsTps: 1.0, p99HalfRateMs: 50 };

function settingsFromEnv() {
  const env = process.env;
  const quick = process.argv.includes('--quick') || env.BENCH_QUICK === '1';
  const joins = Number(env.BENCH_JOINS ?? (quick ? 2_000 : 20_000));
  return {
    quick,
    joins,
    warmup: Math.floor(joins / 10),
    clients: 32,
    joinSecondsMax: Number(env.BENCH_JOIN_SECONDS_MAX ?? (quick ? 60 : 180)),
    httpActivities: Number(env.BENCH_ACTIVITIES ?? 8),
    httpMembers: Math.max(1_000, Math.ceil(joins / 5)),
    halfRateSeconds: quick ? 5 : 10,
    halfRateSockets: 128,
    settleActivities: 8,
    settleGroupsPerActivity: quick ? 10 : 40,
    cashFen: 100 * 10_000, // a hundred joins at example1's price
    uplineShare: Number(env.BENCH_UPLINE_SHARE ?? 0.6),
    regionShare: Number(env.BENCH_REGION_SHARE ?? 0.4),
    membersPerDirect: Number(env.BENCH_MEMBERS_PER_DIRECT ?? 20),
    membersPerIndirect: Number(env.BENCH_MEMBERS_PER_INDIRECT ?? 200),
    pgbench: {
      scale: 10,
      clients: 8,
      threads: 2,
      seconds: Number(env.BENCH_PGBENCH_SECONDS ?? (quick ? 5 : 30)),
    },
  };
}

const step = (msg: string) =>
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main(): Promise<number> {
  const s = settingsFromEnv();
  const started = Date.now();
  step(
    `${s.quick ? 'quick' : 'full'} run: ${fmt.n(s.joins)} joins, ${s.clients} clients, ${s.httpActivities} activities`,
  );

  const idleLoad = await machineLoad(2_000);
  if (idleLoad !== null && idleLoad > 20)
    step(
      `warning: the machine is already ${Math.round(idleLoad)}% busy (of one core) before we start: other work will lower the figures`,
    );

  const pg = await openPostgres();
  const dbName = await createBenchDatabase(pg, new Date());
  const dbUrl = pg.url(dbName);
  step(
    `database ${dbName} on ${pg.host}:${pg.port}${pg.isEmbedded ? ' (embedded, .data/bench-pg)' : ''}`,
  );

  let server: ServerProcess | undefined;
  const config = loadConfig({ ...process.env, DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' });
  const ctx = await createContext(config, dbUrl, { poolSize: 16, log: pino({ level: 'warn' }) });
  try {
    server = await startServer(dbUrl);
    step(`server up at ${server.baseUrl}`);

    const seeded = await seed(ctx, {
      httpActivities: s.httpActivities,
      httpMembers: s.httpMembers,
      settleActivities: s.settleActivities,
      cashFen: s.cashFen,
      uplineShare: s.uplineShare,
      regionShare: s.regionShare,
      membersPerDirect: s.membersPerDirect,
      membersPerIndirect: s.membersPerIndirect,
    });
    step(
      `seeded ${fmt.n(seeded.shape.members)} members (${seeded.shape.directUplines} direct + ${seeded.shape.indirectUplines} indirect uplines, ${seeded.shape.agents} agents), ${s.httpActivities + s.settleActivities} activities`,
    );

    const A = seeded.httpActivityIds.length;
    const n = seeded.joiners.length;
    // member i mod n; the activity shifts by one on every pass over the members
    const pick = (i: number) => ({
      activityId: seeded.httpActivityIds[(i + Math.floor(i / n)) % A]!,
      token: seeded.joiners[i % n]!.token,
    });
    const runTag = Date.now().toString(36);

    step(`closed loop: ${fmt.n(s.joins)} joins (first ${fmt.n(s.warmup)} warm-up)`);
    const endClosedObs = observe(ctx.db, server.child.pid, pg.postmasterPid);
    const closed = await closedLoop({
      baseUrl: server.baseUrl,
      clients: s.clients,
      total: s.joins,
      warmup: s.warmup,
      keyPrefix: `bench-${runTag}-c`,
      pick,
      maxSeconds: s.joinSecondsMax,
    });
    if (closed.stoppedEarly)
      step(
        `  stopped after ${s.joinSecondsMax} s (BENCH_JOIN_SECONDS_MAX) with ${fmt.n(closed.sent)} joins sent`,
      );
    const closedObs = await endClosedObs();
    const closedLat = summarize(closed.latenciesMs);
    step(
      `  ${fmt.n(closed.perSecond, 1)} joins/s, p99 ${fmt.ms(closedLat.p99)}, errors ${closed.errors}`,
    );
    const httpSettled = await settledInWindow(ctx, seeded.httpActivityIds, closed);

    const halfRate = closed.perSecond / 2;
    step(`open loop at half rate: ${fmt.n(halfRate, 1)} joins/s for ${s.halfRateSeconds} s`);
    const endOpenObs = observe(ctx.db, server.child.pid, pg.postmasterPid);
    const open = await openLoop({
      baseUrl: server.baseUrl,
      rate: halfRate,
      seconds: s.halfRateSeconds,
      maxSockets: s.halfRateSockets,
      keyPrefix: `bench-${runTag}-o`,
      pick: (i) => pick(s.joins + i),
    });
    const openObs = await endOpenObs();
    const openLat = summarize(open.latenciesMs);
    step(
      `  achieved ${fmt.n(open.perSecond, 1)} joins/s, p99 ${fmt.ms(openLat.p99)}, errors ${open.errors}`,
    );

    step(
      `settlement: ${s.settleActivities} activities × ${s.settleGroupsPerActivity} groups, timing the 10th joins`,
    );
    const endSettleObs = observe(ctx.db, undefined, pg.postmasterPid);
    const settle = await measureSettlement(ctx, {
      activityIds: seeded.settleActivityIds,
      members: seeded.settleMembers,
      groupsPerActivity: s.settleGroupsPerActivity,
      keyPrefix: `bench-${runTag}-s`,
    });
    const settleObs = await endSettleObs();
    const settleLat = summarize(settle.closeLatenciesMs);
    step(`  ${fmt.n(settle.seatsPerSecond, 1)} settled seats/s, errors ${settle.errors}`);

    await server.stop();
    const serverLog = server.logTail();
    server = undefined;

    step(
      `pgbench -i -s ${s.pgbench.scale}, then -c ${s.pgbench.clients} -j ${s.pgbench.threads} -T ${s.pgbench.seconds}`,
    );
    const pgb = await runPgbench(pg, s.pgbench);
    step(`  ${fmt.n(pgb.tps, 1)} tps`);

    step('ledger check');
    const ledger = await ledgerRepo.checkLedger(ctx.db);
    const dbFacts = await databaseFacts(ctx);

    const machine = machineFacts();
    const ratios = {
      joinsVsTps: closed.perSecond / pgb.tps,
      seatsVsTps: settle.seatsPerSecond / pgb.tps,
    };
    const verdict = {
      joins: ratios.joinsVsTps >= TARGETS.joinsVsTps ? 'PASS' : 'SHORT',
      seats: ratios.seatsVsTps >= TARGETS.seatsVsTps ? 'PASS' : 'SHORT',
      p99: openLat.p99 <= TARGETS.p99HalfRateMs ? 'PASS' : 'SHORT',
    };
    const requestErrors = closed.errors + open.errors + settle.errors;

    const rows: string[][] = [
      ['figure', 'value', 'target', 'result'],
      ['-'],
      [
        'joins/s (HTTP, 32 clients, closed loop)',
        fmt.n(closed.perSecond, 1),
        `≥ ${TARGETS.joinsVsTps} × TPC-B = ${fmt.n(TARGETS.joinsVsTps * pgb.tps, 1)}`,
        `${verdict.joins} (${fmt.ratio(ratios.joinsVsTps)} TPC-B)`,
      ],
      [
        '  latency p50 / p90 / p99 / max',
        `${closedLat.p50} / ${closedLat.p90} / ${closedLat.p99} / ${closedLat.max} ms`,
        '',
        '',
      ],
      [
        '  counted / warm-up / errors',
        `${fmt.n(closed.measured)} / ${fmt.n(s.warmup)} / ${closed.errors}${closed.stoppedEarly ? ` (time cap: ${fmt.n(closed.sent)} of ${fmt.n(s.joins)} sent)` : ''}`,
        '',
        '',
      ],
      [
        'p99 at half rate (open loop)',
        fmt.ms(openLat.p99),
        `≤ ${TARGETS.p99HalfRateMs} ms`,
        verdict.p99,
      ],
      [
        '  rate asked / achieved',
        `${fmt.n(halfRate, 1)} / ${fmt.n(open.perSecond, 1)} joins/s`,
        '',
        '',
      ],
      [
        '  p50 / p90 / max, max in flight',
        `${openLat.p50} / ${openLat.p90} / ${openLat.max} ms, ${open.maxInFlight}`,
        '',
        '',
      ],
      [
        'settled seats/s (in process, 10th joins)',
        fmt.n(settle.seatsPerSecond, 1),
        `≥ ${TARGETS.seatsVsTps} × TPC-B = ${fmt.n(TARGETS.seatsVsTps * pgb.tps, 1)}`,
        `${verdict.seats} (${fmt.ratio(ratios.seatsVsTps)} TPC-B)`,
      ],
      [
        '  groups drawn, elapsed',
        `${settle.drawnGroups} in ${(settle.elapsedMs / 1000).toFixed(2)} s`,
        '',
        '',
      ],
      [
        '  closing join p50 / p99 / max',
        `${settleLat.p50} / ${settleLat.p99} / ${settleLat.max} ms`,
        '',
        '',
      ],
      [
        'settled seats/s seen in the HTTP run',
        fmt.n(httpSettled.seatsPerSecond, 1),
        '(by the way)',
        `${httpSettled.groups} groups drawn`,
      ],
      [
        'pgbench TPC-B tps',
        fmt.n(pgb.tps, 1),
        '',
        `-s ${pgb.scale} -c ${pgb.clients} -j ${pgb.threads} -T ${pgb.seconds}`,
      ],
      ['-'],
      [
        'where the time went',
        `CPU % of a core (${machine.cores} cores): all / server / client / PostgreSQL / other`,
        'db sessions',
        '',
      ],
      ...[
        ['  closed loop', closedObs],
        ['  half-rate loop', openObs],
        ['  settlement (client = in-process use case)', settleObs],
      ].map(([label, o]) => [
        label as string,
        cpuLine(o as PhaseObservation),
        statesLine(o as PhaseObservation),
        '',
      ]),
      ['-'],
      [
        'ledger check',
        ledger.ok ? 'OK' : 'FAILED',
        '',
        `${fmt.n(ledger.entries)} entries, ${fmt.n(ledger.postings)} postings`,
      ],
      ['request errors', String(requestErrors), '0', requestErrors === 0 ? 'OK' : 'FAILED'],
      ['deadlocks detected by PostgreSQL (retried)', String(dbFacts.deadlocks), '', ''],
      ['-'],
      [
        'data',
        `${fmt.n(seeded.shape.members)} members`,
        '',
        `${Math.round(s.uplineShare * 100)}% below uplines (${seeded.shape.directUplines} direct, ${seeded.shape.indirectUplines} indirect), ${Math.round(s.regionShare * 100)}% in agent regions`,
      ],
      [
        'machine',
        `${machine.cores} cores, ${machine.memoryGiB} GiB`,
        idleLoad === null ? '' : `${Math.round(idleLoad)}% busy before start`,
        machine.cpuModel,
      ],
      [
        'PostgreSQL',
        dbFacts.version,
        '',
        `shared_buffers ${dbFacts.sharedBuffers}, fsync ${dbFacts.fsync}, synchronous_commit ${dbFacts.synchronousCommit}`,
      ],
      [
        'database (kept)',
        dbName,
        '',
        pg.isEmbedded
          ? `embedded PostgreSQL in .data/bench-pg (port ${pg.port}); stops with the bench, data kept`
          : `${pg.host}:${pg.port}`,
      ],
    ];
    process.stdout.write(`\n${table(rows)}\n\n`);
    for (const [label, r] of [
      ['closed loop', closed],
      ['open loop', open],
      ['settlement', settle],
    ] as const)
      if (r.errorSamples.length)
        process.stdout.write(`first errors (${label}):\n  ${r.errorSamples.join('\n  ')}\n`);
    if (!ledger.ok) process.stdout.write(`ledger check: ${JSON.stringify(ledger, null, 2)}\n`);
    const warnings = serverLog.filter((l) => /"level":(40|50|60)/.test(l));
    if (warnings.length)
      process.stdout.write(
        `server warnings/errors (last ${Math.min(5, warnings.length)} of ${warnings.length}):\n  ${warnings.slice(-5).join('\n  ')}\n`,
      );

    const results = {
      at: new Date(started).toISOString(),
      totalSeconds: (Date.now() - started) / 1000,
      mode: s.quick ? 'quick' : 'full',
      database: dbName,
      settings: s,
      machine: { ...machine, busyBeforeStartPct: idleLoad },
      postgres: dbFacts,
      data: seeded.shape,
      observed: { closedLoop: closedObs, halfRate: openObs, settlement: settleObs },
      joins: {
        perSecond: closed.perSecond,
        counted: closed.measured,
        sent: closed.sent,
        stoppedEarlyAtSeconds: closed.stoppedEarly ? s.joinSecondsMax : null,
        warmup: s.warmup,
        errors: closed.errors,
        latencyMs: closedLat,
        drawsSeen: closed.drawsSeen,
      },
      halfRate: {
        rateAsked: halfRate,
        rateAchieved: open.perSecond,
        scheduled: open.scheduled,
        errors: open.errors,
        maxInFlight: open.maxInFlight,
        latencyMs: openLat,
      },
      settlement: {
        seatsPerSecond: settle.seatsPerSecond,
        drawnGroups: settle.drawnGroups,
        activities: settle.activities,
        groupsPerActivity: settle.groupsPerActivity,
        elapsedMs: settle.elapsedMs,
        closingJoinLatencyMs: settleLat,
        errors: settle.errors,
      },
      httpSettled,
      pgbench: pgb,
      ratios,
      targets: TARGETS,
      verdict,
      ledger: { ok: ledger.ok, entries: ledger.entries, postings: ledger.postings },
      errorSamples: [...closed.errorSamples, ...open.errorSamples, ...settle.errorSamples],
    };
    mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    step(
      `results written to ${path.relative(REPO_ROOT, RESULTS_FILE)}; total ${results.totalSeconds.toFixed(0)} s`,
    );
    return requestErrors > 0 || !ledger.ok ? 1 : 0;
  } finally {
    await server?.stop();
    await ctx.close();
  }
}

function cpuLine(o: PhaseObservation): string {
  const p = (x: number | null) => (x === null ? '?' : `${Math.round(x)}%`);
  return [o.machineCpuPct, o.serverCpuPct, o.clientCpuPct, o.postgresCpuPct, o.otherCpuPct]
    .map(p)
    .join(' / ');
}

function statesLine(o: PhaseObservation): string {
  return o.dbSessionStates
    .slice(0, 3)
    .map((x) => `${x.state} ${Math.round(x.pct)}%`)
    .join(', ');
}

/** Groups of the HTTP activities drawn while the counted joins ran, as seats per second. */
async function settledInWindow(
  ctx: Awaited<ReturnType<typeof createContext>>,
  activityIds: number[],
  run: LoadResult,
) {
  const from = new Date(run.startedAt);
  const to = new Date(run.endedAt);
  const res = await ctx.db.execute<{ groups: number; seats: number }>(sql`
    select count(*)::int as groups, coalesce(sum(seat_count), 0)::int as seats from groups
    where status = 'drawn' and closed_at between ${from} and ${to}
      and activity_id in (select jsonb_array_elements_text(${JSON.stringify(activityIds)}::jsonb)::int)`);
  const r = res.rows[0]!;
  const seconds = (run.endedAt - run.startedAt) / 1000;
  return {
    groups: Number(r.groups),
    seats: Number(r.seats),
    seconds,
    seatsPerSecond: seconds > 0 ? Number(r.seats) / seconds : 0,
  };
}

async function databaseFacts(ctx: Awaited<ReturnType<typeof createContext>>) {
  const res = await ctx.db.execute<{
    version: string;
    shared_buffers: string;
    fsync: string;
    synchronous_commit: string;
    max_connections: string;
    deadlocks: number;
  }>(sql`select current_setting('server_version') as version,
      current_setting('shared_buffers') as shared_buffers,
      current_setting('fsync') as fsync,
      current_setting('synchronous_commit') as synchronous_commit,
      current_setting('max_connections') as max_connections,
      (select deadlocks from pg_stat_database where datname = current_database())::int as deadlocks`);
  const r = res.rows[0]!;
  return {
    version: r.version,
    sharedBuffers: r.shared_buffers,
    fsync: r.fsync,
    synchronousCommit: r.synchronous_commit,
    maxConnections: r.max_connections,
    deadlocks: Number(r.deadlocks),
  };
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
