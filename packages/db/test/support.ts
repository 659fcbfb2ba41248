/** A fresh database cloned from the migrated template, for repository tests. */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, createPool, type Db } from '../src';

export async function freshDb(): Promise<{ db: Db; url: string; close: () => Promise<void> }> {
  const admin = inject('pgAdminUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const p = createPool(admin, 1);
  await p.query(`create database ${name} template ${inject('pgTemplate')}`);
  await p.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const pool = createPool(u.toString(), 20);
  return {
    db: createDb(pool),
    url: u.toString(),
    close: async () => {
      await pool.end();
      const q = createPool(admin, 1);
      await q.query(`drop database if exists ${name} with (force)`);
      await q.end();
    },
  };
}
