/** Runs the drizzle-kit migrations; an advisory lock lets two servers start together. */
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { createDb, createPool } from './client';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));
const LOCK_ID = 7_406_851_001;

export async function runMigrations(connectionString: string): Promise<void> {
  const pool = createPool(connectionString, 1);
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_ID]);
    await client.query('set client_min_messages = warning');
    // migrate() wants a pool-like; a single-client drizzle keeps the lock's session.
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client.query('select pg_advisory_unlock($1)', [LOCK_ID]);
  } finally {
    client.release();
    await pool.end();
  }
}

export async function ensureDatabase(
  adminUrl: string,
  database: string,
  template?: string,
): Promise<void> {
  const pool = createPool(adminUrl, 1);
  try {
    const { rows } = await pool.query('select 1 from pg_database where datname = $1', [database]);
    if (rows.length === 0) {
      await pool.query(
        `create database "${database.replace(/"/g, '')}"${template ? ` template "${template.replace(/"/g, '')}"` : ''}`,
      );
    }
  } finally {
    await pool.end();
  }
}

export { createDb };
