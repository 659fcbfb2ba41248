/**
 * Bringing a platform up: find or start PostgreSQL, migrate, build the
 * context (database, clock, payment providers), and on an empty database
 * create the first operator. Shared by the server, the CLI and the tests.
 */
import path from 'node:path';
import pino from 'pino';
import {
  authRepo,
  createDb,
  createPool,
  ensureDatabase,
  runMigrations,
  settingsRepo,
  startEmbeddedPostgres,
  type Db,
} from '@pingou/db';
import type { Config } from './config';
import { systemClock, type AppContext, type Clock, type Logger } from './context';
import type { PaymentProvider } from './payments/provider';
import {
  createSandboxProvider,
  generateSandboxKeys,
  type SandboxKeys,
} from './payments/sandbox-provider';
import { createOperator } from './use-cases/auth/create-operator';

export interface Database {
  url: string;
  stop: () => Promise<void>;
}

/** DATABASE_URL when set; otherwise the embedded server in the data folder. */
export async function openDatabase(config: Config, log?: Logger): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    port: config.embeddedPort,
  });
  await ensureDatabase(server.url('postgres'), 'pingou');
  log?.info({ dataDir: config.dataDir, port: config.embeddedPort }, 'embedded PostgreSQL started');
  return { url: server.url('pingou'), stop: server.stop };
}

export async function loadProviders(db: Db, clock: Clock): Promise<Map<string, PaymentProvider>> {
  // Sandbox keys live in the database so every server (and a restart) verifies the same signatures.
  const keys = await settingsRepo.putSettingIfAbsent<SandboxKeys>(
    db,
    'sandbox_provider_keys',
    generateSandboxKeys(),
  );
  return new Map<string, PaymentProvider>([
    ['sandbox', createSandboxProvider(keys, () => clock.now())],
  ]);
}

export async function createContext(
  config: Config,
  url: string,
  opts: { clock?: Clock; log?: Logger; poolSize?: number } = {},
): Promise<AppContext & { close: () => Promise<void> }> {
  await runMigrations(url);
  const pool = createPool(url, opts.poolSize ?? 20);
  const db = createDb(pool);
  const log = opts.log ?? pino({ level: config.logLevel });
  const clock = opts.clock ?? systemClock;
  const providers = await loadProviders(db, clock);
  return { db, clock, config, providers, log, close: () => pool.end() };
}

/** On a database with no operator, creates the first super admin. Returns the password only when it was generated. */
export async function ensureFirstOperator(
  ctx: AppContext,
): Promise<{ username: string; generatedPassword?: string } | null> {
  if ((await authRepo.countOperators(ctx.db)) > 0) return null;
  const { randomBytes } = await import('node:crypto');
  const generated = ctx.config.operatorPassword ? undefined : randomBytes(9).toString('base64url');
  try {
    await createOperator(ctx, null, {
      username: ctx.config.operatorUsername,
      password: ctx.config.operatorPassword ?? generated!,
      role: 'super_admin',
    });
  } catch (err) {
    // Two servers starting together on an empty database: the other one created it first.
    if ((await authRepo.countOperators(ctx.db)) > 0) return null;
    throw err;
  }
  return {
    username: ctx.config.operatorUsername,
    ...(generated ? { generatedPassword: generated } : {}),
  };
}
