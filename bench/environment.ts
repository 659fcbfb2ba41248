/** The benchmark's surroundings: a PostgreSQL server, a fresh database on it, and the real Pingou server as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '@pingou/db';
import { REPO_ROOT } from '../apps/server/src/config';

// BENCH_PG_DIR / BENCH_PG_PORT let two benchmarks run side by side on their own servers
export const BENCH_PG_DIR = process.env.BENCH_PG_DIR ?? path.join(REPO_ROOT, '.data', 'bench-pg');
export const BENCH_PG_PORT = Number(process.env.BENCH_PG_PORT ?? 54350);

export interface PostgresServer {
  /** URL of a database on this server. */
  url: (database: string) => string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** Whether this process started the server (it then stops with the process). */
  isEmbedded: boolean;
  /** The postmaster's process id, when it runs on this machine from .data/bench-pg. */
  postmasterPid: number | undefined;
  stop: () => Promise<void>;
}

/** BENCH_DATABASE_URL's server when set (its database part is ignored); otherwise the embedded one in .data/bench-pg. */
export async function openPostgres(): Promise<PostgresServer> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) {
    const u = new URL(given);
    return {
      url: (database) => {
        const v = new URL(given);
        v.pathname = `/${database}`;
        return v.toString();
      },
      host: u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username || 'postgres'),
      password: decodeURIComponent(u.password),
      isEmbedded: false,
      postmasterPid: undefined,
      stop: async () => {},
    };
  }
  const server = await startEmbeddedPostgres({ dataDir: BENCH_PG_DIR, port: BENCH_PG_PORT });
  const u = new URL(server.url('postgres'));
  return {
    url: (database) => server.url(database),
    host: u.hostname,
    port: Number(u.port),
    user: 'postgres',
    password: 'postgres',
    isEmbedded: true,
    postmasterPid: postmasterPid(),
    stop: server.stop,
  };
}

function postmasterPid(): number | undefined {
  try {
    const pid = Number(
      readFileSync(path.join(BENCH_PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** A new, empty database named bench_<UTC timestamp>. */
export async function createBenchDatabase(pg: PostgresServer, now: Date): Promise<string> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  const name = `bench_${stamp}`;
  await ensureDatabase(pg.url('postgres'), name);
  return name;
}

/** A port the OS says is free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
}

export interface ServerProcess {
  baseUrl: string;
  child: ChildProcess;
  /** The last lines the server wrote (warnings and errors at LOG_LEVEL=warn). */
  logTail: () => string[];
  stop: () => Promise<void>;
}

/** Starts `node --import tsx apps/server/src/main.ts` on the database and waits for /api/v1/health. */
export async function startServer(databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  // node itself with tsx as a loader (not the tsx CLI, which would run the server as a grandchild)
  const child = spawn(
    path.join(REPO_ROOT, 'node_modules/.bin/node'),
    ['--import', 'tsx', path.join(REPO_ROOT, 'apps/server/src/main.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: '0',
        OPERATOR_PASSWORD: 'bench-operator',
        LOG_LEVEL: 'warn',
        AUTH_RATE_LIMIT: '1000000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const tail: string[] = [];
  const keep = (d: unknown) => {
    for (const line of String(d).split('\n')) if (line.trim()) tail.push(line);
    if (tail.length > 200) tail.splice(0, tail.length - 200);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${tail.join('\n')}`);
    try {
      const r = await fetch(`${baseUrl}/api/v1/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${tail.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    baseUrl,
    child,
    logTail: () => [...tail],
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
