/**
 * kill -9 a process in the middle of a daily settlement: no item is half-paid,
 * and running it again completes the run with every amount paid exactly once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { allocate } from '@pingou/engine';
import { ledgerRepo, settlementsRepo } from '@pingou/db';
import { REPO_ROOT } from '../../src/config';
import { runDailySettlement } from '../../src/use-cases/settlements/daily-settlement';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
const DAY = '2026-11-20';
const MEMBERS = 6_000;

beforeAll(async () => {
  h = await createHarness();
  // members with gold (static release on) and one day's winners with a pool, all through the ledger
  await h.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into members (phone, password_hash, nickname, invite_code)
      select '1' || lpad(g::text, 10, '0'), 'x', 'crash', 'K' || g from generate_series(1, ${MEMBERS}) g`);
    await tx.execute(sql`insert into accounts (member_id, asset) select m.id, a.asset from members m
      cross join (values ('CASH'), ('GOLD'), ('DIVIDEND'), ('POOL'), ('CONSUMPTION'), ('DIGITAL')) a(asset)`);
    const e = await tx.execute<{ id: number }>(
      sql`insert into journal_entries (idempotency_key, kind) values ('seed-gold', 'adjustment') returning id`,
    );
    const id = e.rows[0]!.id;
    await tx.execute(sql`insert into postings (entry_id, account_id, asset, amount)
      select ${id}, a.id, 'GOLD', 10000 + a.member_id from accounts a where a.asset = 'GOLD' and a.member_id is not null`);
    await tx.execute(sql`insert into postings (entry_id, account_id, asset, amount)
      select ${id}, p.id, 'GOLD', -(select sum(amount) from postings where entry_id = ${id}) from accounts p where p.purpose = 'issuance' and p.asset = 'GOLD'`);
    await tx.execute(
      sql`update accounts set balance = 10000 + member_id where asset = 'GOLD' and member_id is not null`,
    );
    await tx.execute(
      sql`insert into daily_dividend_weights (day, member_id, weight) select ${DAY}, id, 1 + id % 7 from members where id % 3 = 0`,
    );
    await tx.execute(sql`insert into daily_pool_days (day, amount) values (${DAY}, 123457)`);
    const f = await tx.execute<{ id: number }>(
      sql`insert into journal_entries (idempotency_key, kind) values ('seed-pool', 'pool_contribution') returning id`,
    );
    await tx.execute(sql`insert into postings (entry_id, account_id, asset, amount)
      select ${f.rows[0]!.id}, id, 'CASH', case purpose when 'sales' then -123457 else 123457 end
      from accounts where asset = 'CASH' and purpose in ('sales', 'pool_daily')`);
    await tx.execute(
      sql`insert into settings (key, value) values ('static_release', '{"isEnabled": true, "baseBp": 100, "accelerationBpPerJoin": 0, "maxBp": 100}')`,
    );
  });
});
afterAll(() => h.close());

describe('crash during a daily settlement', () => {
  it(
    'kill -9 mid-run, then run again: every item paid exactly once',
    { timeout: 180_000 },
    async () => {
      const child = spawn(
        path.join(REPO_ROOT, 'node_modules/.bin/node'),
        [
          '--import',
          'tsx',
          path.join(REPO_ROOT, 'apps/server/test/support/settlement-worker.ts'),
          h.url,
          DAY,
          '200',
        ],
        {
          cwd: REPO_ROOT,
          stdio: 'ignore',
        },
      );
      const exited = new Promise((r) => child.once('exit', r));
      // kill once some batches have committed, well before the end
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const done = (await settlementsRepo.findRun(h.ctx.db, 'daily', DAY))?.done ?? 0;
        if (done >= 400) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      child.kill('SIGKILL');
      await exited;
      const killed = (await settlementsRepo.findRun(h.ctx.db, 'daily', DAY))!;
      expect(killed.status).toBe('running');
      expect(killed.done).toBeGreaterThan(0);
      expect(killed.done).toBeLessThan(killed.total);
      // paid items and the ledger agree at the moment of the kill: nothing half-paid
      const paid = await h.ctx.db.execute<{ n: number }>(
        sql`select count(*)::int n from settlement_items where run_id = ${killed.id} and is_paid`,
      );
      expect(paid.rows[0]!.n).toBe(killed.done);
      expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);

      const run = await runDailySettlement(h.ctx, DAY);
      expect(run).toMatchObject({ status: 'completed', done: MEMBERS, total: MEMBERS });
      const cash = await h.ctx.db.execute<{ member_id: number; balance: number; gold: number }>(sql`
      select c.member_id, c.balance, g.balance as gold from accounts c join accounts g on g.member_id = c.member_id and g.asset = 'GOLD'
      where c.asset = 'CASH' and c.member_id is not null order by c.member_id`);
      const winners = cash.rows.filter((r) => Number(r.member_id) % 3 === 0);
      const shares = allocate(
        123_457,
        winners.map((r) => 1 + (Number(r.member_id) % 7)),
      );
      const expected = new Map(winners.map((r, i) => [Number(r.member_id), shares[i]!]));
      for (const r of cash.rows) {
        const startGold = 10_000 + Number(r.member_id);
        const release = Math.floor(startGold / 100); // 1 %, once
        expect(Number(r.balance)).toBe((expected.get(Number(r.member_id)) ?? 0) + release);
        expect(Number(r.gold)).toBe(startGold - release);
      }
      expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
    },
  );
});
