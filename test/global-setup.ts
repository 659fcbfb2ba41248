/**
 * Integration tests run on real PostgreSQL: TEST_DATABASE_URL when given
 * (a server where we may create databases), else the embedded server in
 * .data/test-pg. Migrations run once into a template; each test file clones it.
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createPool, runMigrations, startEmbeddedPostgres } from '@pingou/db';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

const TEMPLATE = 'pingou_template';

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const root = path.resolve(import.meta.dirname, '..');
    const server = await startEmbeddedPostgres({
      // TEST_PG_DATA_DIR + TEST_EMBEDDED_PG_PORT let two test runs work side by side
      dataDir: process.env.TEST_PG_DATA_DIR ?? path.join(root, '.data', 'test-pg'),
      port: Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330),
    });
    adminUrl = server.url('postgres');
    stop = server.stop;
  }
  const pool = createPool(adminUrl, 1);
  await pool.query(
    `select pg_terminate_backend(pid) from pg_stat_activity where datname like 't\\_%' and pid <> pg_backend_pid()`,
  );
  const old = await pool.query<{ datname: string }>(
    `select datname from pg_database where datname like 't\\_%' or datname = $1`,
    [TEMPLATE],
  );
  for (const r of old.rows) await pool.query(`drop database if exists "${r.datname}"`);
  await pool.query(`create database ${TEMPLATE}`);
  await pool.end();
  await runMigrations(withDatabase(adminUrl, TEMPLATE));
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  return async () => {
    await stop?.();
  };
}
