/**
 * One calendar settlement in its own process, so its time and peak memory are
 * its own: `node --import tsx bench/calendar-worker.ts <daily|monthly> <database url> <period>`.
 * Prints one JSON line {seconds, maxRssMiB, run}.
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createContext } from '../apps/server/src/bootstrap';
import { loadConfig } from '../apps/server/src/config';
import { runDailySettlement } from '../apps/server/src/use-cases/settlements/daily-settlement';
import { runMonthlySettlement } from '../apps/server/src/use-cases/settlements/monthly-settlement';

const [kind, url, period] = process.argv.slice(2);
if (!kind || !url || !period)
  throw new Error('usage: calendar-worker.ts <daily|monthly> <url> <period>');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const ctx = await createContext(config, url, { log: pino({ level: 'warn' }), poolSize: 4 });
const t0 = performance.now();
const run =
  kind === 'daily'
    ? await runDailySettlement(ctx, period)
    : await runMonthlySettlement(ctx, period);
const seconds = (performance.now() - t0) / 1000;
await ctx.close();
process.stdout.write(
  `${JSON.stringify({ seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, run: { status: run.status, done: run.done, total: run.total } })}\n`,
);
