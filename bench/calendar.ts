/**
 * `npm run bench` (second part): the calendar settlements over a large
 * population — by default 1,000,000 members holding shopping gold, cash and
 * pool points, 100,000 of them yesterday's winners — timing the daily
 * settlement (dividend split + static release) and the month-end dividend,
 * each in its own process, with its peak memory. Targets: ≤ 30 s and ≤ 512 MB each.
 * BENCH_MEMBERS changes the population; BENCH_QUICK=1 / --quick uses 100,000.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createDb, createPool, ledgerRepo, runMigrations } from '@pingou/db';
import { REPO_ROOT } from '../apps/server/src/config';
import { createBenchDatabase, openPostgres } from './environment';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? (quick ? 100_000 : 1_000_000));
const WINNERS = Math.ceil(MEMBERS / 10);
const DAY = '2026-11-24';
const MONTH = '2026-10';
const step = (msg: string) =>
  process.stdout.write(`[bench calendar ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function seedPopulation(client: pg.PoolClient) {
  const q = (text: string) => client.query(text);
  await q('begin');
  await q(`insert into members (phone, password_hash, nickname, invite_code)
    select '1' || lpad(g::text, 10, '0'), 'x', 'bench', 'C' || g from generate_series(1, ${MEMBERS}) g`);
  await q(`insert into accounts (member_id, asset) select m.id, a.asset from members m
    cross join (values ('CASH'), ('GOLD'), ('DIVIDEND'), ('POOL'), ('CONSUMPTION'), ('DIGITAL')) a(asset)`);
  // gold and pool points through the ledger, so every balance equals its postings
  for (const [asset, expr] of [
    ['GOLD', '10000 + (m.id % 1000) * 100'],
    ['POOL', '10000 * (1 + m.id % 10)'],
  ] as const) {
    const e = await q(
      `insert into journal_entries (idempotency_key, kind) values ('bench-seed-${asset}', 'adjustment') returning id`,
    );
    const entryId = e.rows[0].id;
    await q(`insert into postings (entry_id, account_id, asset, amount)
      select ${entryId}, a.id, '${asset}', ${expr} from accounts a join members m on m.id = a.member_id where a.asset = '${asset}'`);
    await q(`insert into postings (entry_id, account_id, asset, amount)
      select ${entryId}, p.id, '${asset}', -(select sum(amount) from postings where entry_id = ${entryId})
      from accounts p where p.purpose = 'issuance' and p.asset = '${asset}'`);
    await q(
      `update accounts a set balance = ${expr} from members m where m.id = a.member_id and a.asset = '${asset}'`,
    );
  }
  // yesterday: winners' weights, joins (acceleration), and the daily pool they share
  await q(`insert into daily_dividend_weights (day, member_id, weight)
    select '${DAY}', id, 10000 * (1 + id % 3) from members where id % 10 = 0`);
  await q(
    `insert into join_days (member_id, activity_id, day, joins) select id, 1, '${DAY}', 1 + id % 3 from members where id % 5 = 0`,
  );
  const pool = WINNERS * 200; // 2 % of one win each
  await q(`insert into daily_pool_days (day, amount) values ('${DAY}', ${pool})`);
  const e = await q(
    `insert into journal_entries (idempotency_key, kind) values ('bench-seed-pools', 'pool_contribution') returning id`,
  );
  await q(`insert into postings (entry_id, account_id, asset, amount)
    select ${e.rows[0].id}, id, 'CASH', case purpose when 'sales' then -${pool * 2} else ${pool} end
    from accounts where asset = 'CASH' and purpose in ('sales', 'pool_daily', 'pool_monthly')`);
  await q(
    `insert into settings (key, value) values ('static_release', '{"isEnabled": true, "baseBp": 100, "accelerationBpPerJoin": 50, "maxBp": 300}')`,
  );
  await q('commit');
  return pool;
}

function runWorker(kind: 'daily' | 'monthly', url: string, period: string) {
  const out = execFileSync(
    path.join(REPO_ROOT, 'node_modules/.bin/node'),
    ['--import', 'tsx', path.join(REPO_ROOT, 'bench/calendar-worker.ts'), kind, url, period],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as {
    seconds: number;
    maxRssMiB: number;
    run: { status: string; done: number; total: number };
  };
}

export async function benchCalendar() {
  const pgServer = await openPostgres();
  const url = pgServer.url(await createBenchDatabase(pgServer, new Date()));
  step(`database ${new URL(url).pathname.slice(1)}; migrating`);
  await runMigrations(url);
  const pool = createPool(url, 2);
  const client = await pool.connect();
  const t0 = performance.now();
  step(
    `seeding ${MEMBERS.toLocaleString()} members (6 accounts each, gold and pool points through the ledger)`,
  );
  await seedPopulation(client);
  await client.query('analyze');
  client.release();
  step(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  step('daily settlement (dividend split + static release)');
  const daily = runWorker('daily', url, DAY);
  step('month-end dividend');
  const monthly = runWorker('monthly', url, MONTH);
  step('ledger check');
  const check = await ledgerRepo.checkLedger(createDb(pool));
  await pool.end();
  const row = (name: string, r: typeof daily) =>
    `| ${name.padEnd(26)} | ${r.run.total.toLocaleString().padStart(9)} | ${r.seconds.toFixed(1).padStart(7)} s | ${r.maxRssMiB.toFixed(0).padStart(5)} MiB | ${r.seconds <= 30 && r.maxRssMiB <= 512 ? 'PASS ' : 'SHORT'} |`;
  process.stdout.write(
    [
      '',
      `Calendar settlements over ${MEMBERS.toLocaleString()} members (${WINNERS.toLocaleString()} winners yesterday); targets ≤ 30 s and ≤ 512 MiB each`,
      '| run                        |     items |    time |     peak RSS | result |',
      '|----------------------------|-----------|---------|--------------|--------|',
      row('daily (dividend + release)', daily),
      row('monthly dividend', monthly),
      `ledger:check ${check.ok ? 'OK' : 'FAILED'} — ${check.entries.toLocaleString()} entries, ${check.postings.toLocaleString()} postings`,
      '',
    ].join('\n'),
  );
  await pgServer.stop();
  return { members: MEMBERS, daily, monthly, ledgerOk: check.ok };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchCalendar().then(
    (r) =>
      process.exit(
        r.ledgerOk && r.daily.run.status === 'completed' && r.monthly.run.status === 'completed'
          ? 0
          : 1,
      ),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
