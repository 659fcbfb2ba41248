/**
 * `npm run proof`: issue 8's proof in its full form, one step after another —
 * the load across two servers (64 clients, 20,000 joins; bench/load-two-servers.ts),
 * then every proof-* integration suite with PROOF_FULL=1 and CRASH_TRIALS=100
 * (kill -9 trials, fuzzing, the authorization matrix, attacks). Prints what each
 * step took and exits 1 if any failed. The CI form is the same suites under `npm test`.
 *
 * Environment passes through: PROOF_JOINS, PROOF_CLIENTS, CRASH_TRIALS, BENCH_DATABASE_URL or
 * BENCH_PG_DIR / BENCH_PG_PORT for the load, TEST_PG_DATA_DIR / TEST_EMBEDDED_PG_PORT or
 * TEST_DATABASE_URL for the suites. `--skip-load` / `--skip-suites` run one half.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../apps/server/src/config';

interface Step {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** A report file that must say every test passed (an exit code alone is not trusted). */
  report?: string;
}

// Vitest has been seen to exit 0 when a worker died with an unhandled error, so the suites'
// verdict is read from its JSON report as well.
const SUITES_REPORT = path.join(REPO_ROOT, '.data', 'proof-suites.json');

// the pinned Node (the `node` package), whatever `node` is on the PATH
const NODE = path.join(REPO_ROOT, 'node_modules', '.bin', 'node');
const TSX = path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const VITEST = path.join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const skip = (what: string) => process.argv.includes(`--skip-${what}`);

const steps: Step[] = [
  ...(skip('load')
    ? []
    : [
        {
          name: 'load across two servers (bench/load-two-servers.ts)',
          command: NODE,
          args: [TSX, 'bench/load-two-servers.ts'],
          env: {},
        },
      ]),
  ...(skip('suites')
    ? []
    : [
        {
          name: 'proof suites: crashes, fuzzing, authorization, attacks (PROOF_FULL=1)',
          command: NODE,
          args: [
            VITEST,
            'run',
            'apps/server/test/integration/proof-',
            '--reporter=default',
            '--reporter=json',
            `--outputFile.json=${SUITES_REPORT}`,
          ],
          report: SUITES_REPORT,
          env: {
            PROOF_FULL: '1',
            CRASH_TRIALS: process.env.CRASH_TRIALS ?? '100',
          },
        },
      ]),
];

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.command, step.args, {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...step.env },
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function reportPassed(file: string): boolean {
  if (!existsSync(file)) return false;
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    success: boolean;
    numTotalTests: number;
    numFailedTests: number;
    numFailedTestSuites: number;
  };
  return r.success && r.numTotalTests > 0 && r.numFailedTests + r.numFailedTestSuites === 0;
}

const results: { name: string; code: number; seconds: number }[] = [];
for (const step of steps) {
  process.stdout.write(`\n[proof] ${step.name}\n`);
  const t0 = Date.now();
  if (step.report) rmSync(step.report, { force: true });
  let code = await run(step);
  if (step.report && code === 0 && !reportPassed(step.report)) code = 1;
  results.push({ name: step.name, code, seconds: (Date.now() - t0) / 1000 });
}
process.stdout.write('\n[proof] summary\n');
for (const r of results)
  process.stdout.write(
    `  ${r.code === 0 ? 'PASS' : 'FAIL'}  ${r.name}  (${r.seconds.toFixed(0)} s)\n`,
  );
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
