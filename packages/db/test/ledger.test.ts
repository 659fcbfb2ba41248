import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberAccount, platformAccount, transfer, type JournalEntry } from '@pingou/engine';
import { inTransaction, ledgerRepo, membersRepo, pgErrorCode, type Db } from '../src';
import { freshDb } from './support';

let db: Db;
let close: () => Promise<void>;
let a: number;
let b: number;

const clearing = platformAccount('payment_clearing', 'CASH');
const credit = (key: string, memberId: number, amount: number): JournalEntry => ({
  idempotencyKey: key,
  kind: 'recharge',
  postings: transfer(clearing, memberAccount(memberId, 'CASH'), amount),
});

async function newMember(phone: string) {
  return inTransaction(db, async (tx) => {
    const m = await membersRepo.insertMember(tx, {
      phone,
      passwordHash: 'x',
      nickname: phone,
      inviteCode: phone.slice(-8),
      uplineId: null,
    });
    await ledgerRepo.createMemberAccounts(tx, m.id);
    return m.id;
  });
}

beforeAll(async () => {
  ({ db, close } = await freshDb());
  a = await newMember('13900000001');
  b = await newMember('13900000002');
});
afterAll(() => close());

describe('ledger storage', () => {
  it('writes an entry, keeps the member balance, and the trial balance holds', async () => {
    await inTransaction(db, (tx) => ledgerRepo.postEntries(tx, [credit('c1', a, 10_000)]));
    expect(await ledgerRepo.memberBalance(db, a, 'CASH')).toBe(10_000);
    const r = await ledgerRepo.checkLedger(db);
    expect(r.ok).toBe(true);
    expect(r.entries).toBe(1);
  });

  it('the same idempotency key twice has one effect', async () => {
    const first = await inTransaction(db, (tx) =>
      ledgerRepo.postEntries(tx, [credit('c2', a, 500)]),
    );
    const again = await inTransaction(db, (tx) =>
      ledgerRepo.postEntries(tx, [credit('c2', a, 500)]),
    );
    expect(first.written).toEqual(['c2']);
    expect(again.skipped).toEqual(['c2']);
    expect(await ledgerRepo.memberBalance(db, a, 'CASH')).toBe(10_500);
  });

  it('refuses a member balance below zero and changes nothing', async () => {
    const before = await ledgerRepo.checkLedger(db);
    const spend: JournalEntry = {
      idempotencyKey: 'over',
      kind: 'join',
      postings: transfer(memberAccount(b, 'CASH'), platformAccount('escrow', 'CASH'), 1),
    };
    const err = await inTransaction(db, (tx) => ledgerRepo.postEntries(tx, [spend])).catch(
      (e) => e,
    );
    expect(pgErrorCode(err)).toBe('23514');
    expect(await ledgerRepo.memberBalance(db, b, 'CASH')).toBe(0);
    expect((await ledgerRepo.checkLedger(db)).entries).toBe(before.entries);
  });

  it('the database refuses an unbalanced entry at commit, even written by hand', async () => {
    const err = await inTransaction(db, async (tx) => {
      const e = await tx.execute<{ id: number }>(
        sql`insert into journal_entries (idempotency_key, kind) values ('bad', 'adjustment') returning id`,
      );
      const acct = await tx.execute<{ id: number }>(
        sql`select id from accounts where member_id = ${a} and asset = 'CASH'`,
      );
      await tx.execute(
        sql`insert into postings (entry_id, account_id, asset, amount) values (${e.rows[0]!.id}, ${acct.rows[0]!.id}, 'CASH', 1)`,
      );
    }).catch((e) => e);
    expect(String(err?.cause?.message ?? err?.message)).toMatch(/off by 1 in CASH/);
    expect(
      (await db.execute(sql`select 1 from journal_entries where idempotency_key = 'bad'`)).rows,
    ).toHaveLength(0);
  });

  it('postings and entries are append-only', async () => {
    for (const stmt of [
      sql`update postings set amount = amount + 1`,
      sql`delete from postings`,
      sql`delete from journal_entries`,
      sql`truncate postings cascade`,
    ]) {
      const err = await db.execute(stmt).catch((e) => e);
      expect(String(err?.cause?.message ?? err?.message)).toMatch(/append-only/);
    }
  });

  it('a posting cannot land in an account of another asset', async () => {
    const err = await inTransaction(db, async (tx) => {
      const e = await tx.execute<{ id: number }>(
        sql`insert into journal_entries (idempotency_key, kind) values ('x-asset', 'adjustment') returning id`,
      );
      const acct = await tx.execute<{ id: number }>(
        sql`select id from accounts where member_id = ${a} and asset = 'CASH'`,
      );
      await tx.execute(
        sql`insert into postings (entry_id, account_id, asset, amount) values (${e.rows[0]!.id}, ${acct.rows[0]!.id}, 'GOLD', 1)`,
      );
    }).catch((e) => e);
    expect(pgErrorCode(err)).toBe('23503');
  });

  it('ledger:check finds a stored balance that differs from its postings', async () => {
    await db.execute(
      sql`update accounts set balance = balance + 1 where member_id = ${b} and asset = 'GOLD'`,
    );
    const r = await ledgerRepo.checkLedger(db);
    expect(r.ok).toBe(false);
    expect(r.balanceMismatches).toEqual([
      expect.objectContaining({ memberId: b, asset: 'GOLD', stored: 1, postings: 0 }),
    ]);
    await db.execute(
      sql`update accounts set balance = balance - 1 where member_id = ${b} and asset = 'GOLD'`,
    );
    expect((await ledgerRepo.checkLedger(db)).ok).toBe(true);
  });

  it('concurrent transfers between the same members neither deadlock nor lose a fen', async () => {
    await inTransaction(db, (tx) => ledgerRepo.postEntries(tx, [credit('seed-b', b, 10_000)]));
    const moves = Array.from({ length: 60 }, (_, i) => {
      const [from, to] = i % 2 ? [a, b] : [b, a];
      return inTransaction(db, (tx) =>
        ledgerRepo.postEntries(tx, [
          {
            idempotencyKey: `mv${i}`,
            kind: 'adjustment',
            postings: transfer(memberAccount(from, 'CASH'), memberAccount(to, 'CASH'), 7),
          },
        ]),
      );
    });
    await Promise.all(moves);
    expect(
      (await ledgerRepo.memberBalance(db, a, 'CASH')) +
        (await ledgerRepo.memberBalance(db, b, 'CASH')),
    ).toBe(20_500);
    expect((await ledgerRepo.checkLedger(db)).ok).toBe(true);
  });

  it('history pages newest first with readable kinds', async () => {
    const page1 = await ledgerRepo.memberHistory(db, a, { asset: 'CASH', limit: 2 });
    const page2 = await ledgerRepo.memberHistory(db, a, {
      asset: 'CASH',
      limit: 2,
      before: page1[1]!.postingId,
    });
    expect(page1).toHaveLength(2);
    expect(page2[0]!.postingId).toBeLessThan(page1[1]!.postingId);
    expect(page1[0]!.kind).toBe('adjustment');
  });
});
