/** Configuration from the environment, read once at start. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '@pingou/engine';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  timeZone: string;
  operatorUsername: string;
  operatorPassword: string | undefined;
  sessionTtlMs: number;
  publicBaseUrl: string;
  seedDemo: boolean;
  logLevel: string;
  /** Sign-in and registration attempts per IP per minute. */
  authRateLimit: number;
  /** Run background work (pg-boss) in this process; RUN_JOBS=0 for a web-only server. */
  runJobs: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  const timeZone = env.PLATFORM_TIME_ZONE ?? DEFAULT_TIME_ZONE;
  if (!isValidTimeZone(timeZone))
    throw new Error(`PLATFORM_TIME_ZONE is not a time zone: ${timeZone}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.PINGOU_DATA_DIR ?? path.join(REPO_ROOT, '.data')),
    embeddedPort: Number(env.EMBEDDED_PG_PORT ?? 54320),
    timeZone,
    operatorUsername: env.OPERATOR_USERNAME ?? 'admin',
    operatorPassword: env.OPERATOR_PASSWORD || undefined,
    sessionTtlMs: Number(env.SESSION_TTL_HOURS ?? 24 * 7) * 3_600_000,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
    seedDemo: env.SEED_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    authRateLimit: Number(env.AUTH_RATE_LIMIT ?? 20),
    runJobs: env.RUN_JOBS !== '0',
  };
}
