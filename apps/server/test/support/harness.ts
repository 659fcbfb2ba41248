/**
 * One fresh database per test file, cloned from the migrated template, and
 * the same context and app the server runs, with a clock tests can move.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPool, ledgerRepo } from '@pingou/db';
import { buildApp } from '../../src/app';
import { createContext } from '../../src/bootstrap';
import { loadConfig } from '../../src/config';
import { systemClock, type AppContext, type Clock } from '../../src/context';

export class TestClock implements Clock {
  constructor(private t = new Date('2026-11-25T04:00:00Z')) {}
  now() {
    return new Date(this.t);
  }
  set(d: Date | string) {
    this.t = new Date(d);
  }
  advance(ms: number) {
    this.t = new Date(this.t.getTime() + ms);
  }
}

const silentLog = { info() {}, warn() {}, error() {} };

export interface Harness {
  ctx: AppContext;
  clock: TestClock;
  url: string;
  close: () => Promise<void>;
}

export async function createHarness(
  env: Record<string, string> = {},
  opts: { realClock?: boolean } = {},
): Promise<Harness> {
  const admin = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const pool = createPool(admin, 1);
  await pool.query(`create database ${name} template ${template}`);
  await pool.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const url = u.toString();
  ledgerRepo.clearAccountCache(); // ids belong to a database; this is a new one
  const clock = new TestClock();
  const config = loadConfig({
    AUTH_RATE_LIMIT: '100000',
    LOG_LEVEL: 'silent',
    OPERATOR_PASSWORD: 'operator-pass',
    ...env,
  });
  const ctx = await createContext(config, url, {
    clock: opts.realClock ? systemClock : clock,
    log: silentLog,
    poolSize: 10,
  });
  return {
    ctx,
    clock,
    url,
    close: async () => {
      await ctx.close();
      const p = createPool(admin, 1);
      await p.query(`drop database if exists ${name} with (force)`);
      await p.end();
    },
  };
}

export async function createTestApp(h: Harness) {
  return buildApp(h.ctx, { logger: false });
}
