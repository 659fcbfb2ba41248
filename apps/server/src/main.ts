/** `npm start`: one process serving the API (and, later, the console and shop). */
import pino from 'pino';
import { buildApp } from './app';
import { createContext, ensureFirstOperator, openDatabase } from './bootstrap';
import { loadConfig } from './config';
import { startJobs } from './jobs/scheduler';
import { seedDemo } from './demo/seed-demo';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const log = pino({ level: config.logLevel });
  const database = await openDatabase(config, log);
  const ctx = await createContext(config, database.url, { log });
  const first = await ensureFirstOperator(ctx);
  if (first) {
    const lines = [
      `Operator account created: ${first.username}`,
      first.generatedPassword
        ? `Password (shown once; set OPERATOR_PASSWORD to choose it): ${first.generatedPassword}`
        : 'Password: the one in OPERATOR_PASSWORD',
    ];
    if (config.seedDemo) {
      const demo = await seedDemo(ctx);
      lines.push(
        `Demo data: ${demo.activities} activities (examples.md), ${demo.members} members, password for each: ${demo.memberPassword} (e.g. ${demo.samplePhone})`,
      );
    }
    process.stdout.write(`\n${'='.repeat(72)}\n${lines.join('\n')}\n${'='.repeat(72)}\n\n`);
  }
  const { app } = await buildApp(ctx, { logger: { level: config.logLevel } });
  await app.listen({ port: config.port, host: config.host });
  const boss = config.runJobs ? await startJobs(ctx, database.url) : null;
  const base = `http://127.0.0.1:${config.port}`;
  log.info(
    {
      seconds: (Date.now() - started) / 1000,
      shop: `${base}/`,
      console: `${base}/admin/`,
      docs: `${base}/api/docs`,
    },
    'Pingou is up',
  );
  process.stdout.write(
    `\n  shop (members):     ${base}/\n  console (operators): ${base}/admin/\n  API docs:           ${base}/api/docs\n\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await app.close().catch(() => {});
    await boss?.stop({ graceful: true, timeout: 5_000 }).catch(() => {});
    await ctx.close().catch(() => {});
    await database.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
