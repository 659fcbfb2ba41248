/**
 * `npm run cli -- <command>`: operations on the platform's database.
 *   ledger:check   prove postings balance per asset and stored balances equal postings; exit 1 if not
 */
import pino from 'pino';
import { ledgerRepo } from '@pingou/db';
import { createContext, openDatabase } from './bootstrap';
import { loadConfig } from './config';

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  'ledger:check': async () => {
    const { ctx, done } = await open();
    try {
      const r = await ledgerRepo.checkLedger(ctx.db);
      console.log(JSON.stringify(r, null, 2));
      console.log(
        r.ok
          ? `ledger:check OK — ${r.entries} entries, ${r.postings} postings`
          : 'ledger:check FAILED',
      );
      return r.ok ? 0 : 1;
    } finally {
      await done();
    }
  },
};

async function open() {
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const log = pino({ level: config.logLevel });
  const database = await openDatabase(config);
  const ctx = await createContext(config, database.url, { log, poolSize: 2 });
  return {
    ctx,
    done: async () => {
      await ctx.close();
      await database.stop();
    },
  };
}

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(`usage: npm run cli -- <command>\ncommands: ${Object.keys(COMMANDS).join(', ')}`);
    return 2;
  }
  return run(args);
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
