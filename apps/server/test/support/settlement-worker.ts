/** A daily settlement in its own process, for kill -9 tests: `settlement-worker.ts <database url> <day> <batch size>`. */
import pino from 'pino';
import { createContext } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { runDailySettlement } from '../../src/use-cases/settlements/daily-settlement';

const [url, day, batch] = process.argv.slice(2);
const ctx = await createContext(loadConfig({ LOG_LEVEL: 'silent' }), url!, {
  log: pino({ level: 'silent' }),
  poolSize: 2,
});
await runDailySettlement(ctx, day!, { batchSize: Number(batch) });
await ctx.close();
