/** Operators, sessions (hashed bearer tokens) and sign-in failure counters. */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { loginFailures, operators, sessions } from '../schema';

export type OperatorRow = typeof operators.$inferSelect;
export type OperatorRole = OperatorRow['role'];

export async function insertOperator(
  tx: Tx,
  v: Pick<OperatorRow, 'username' | 'passwordHash' | 'role'>,
) {
  const [row] = await tx.insert(operators).values(v).returning();
  return row!;
}

export async function findOperatorByUsername(tx: Tx, username: string) {
  const [row] = await tx.select().from(operators).where(eq(operators.username, username));
  return row;
}

export async function findOperatorById(tx: Tx, id: number) {
  const [row] = await tx.select().from(operators).where(eq(operators.id, id));
  return row;
}

export async function listOperators(tx: Tx) {
  return tx.select().from(operators).orderBy(operators.id);
}

export async function countOperators(tx: Tx): Promise<number> {
  const res = await tx.execute<{ n: number }>(sql`select count(*)::int as n from operators`);
  return Number(res.rows[0]!.n);
}

export async function insertSession(
  tx: Tx,
  v: { tokenHash: string; subjectKind: 'member' | 'operator'; subjectId: number; expiresAt: Date },
) {
  await tx.insert(sessions).values(v);
}

export async function findLiveSession(tx: Tx, tokenHash: string, now: Date) {
  const [row] = await tx
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  return row;
}

export async function revokeSession(tx: Tx, tokenHash: string, now: Date) {
  await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
}

export async function revokeSubjectSessions(
  tx: Tx,
  subjectKind: 'member' | 'operator',
  subjectId: number,
  now: Date,
) {
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.subjectKind, subjectKind),
        eq(sessions.subjectId, subjectId),
        isNull(sessions.revokedAt),
      ),
    );
}

export async function findLoginFailure(tx: Tx, subject: string) {
  const [row] = await tx.select().from(loginFailures).where(eq(loginFailures.subject, subject));
  return row;
}

/** Counts one failure; locks the subject for `lockMs` once `maxFailures` is reached. */
export async function recordLoginFailure(
  tx: Tx,
  subject: string,
  now: Date,
  maxFailures: number,
  lockMs: number,
) {
  const lockUntil = new Date(now.getTime() + lockMs);
  await tx.execute(sql`
    insert into login_failures (subject, failures, updated_at) values (${subject}, 1, ${now})
    on conflict (subject) do update set
      failures = case when login_failures.locked_until is not null and login_failures.locked_until <= ${now}
                      then 1 else login_failures.failures + 1 end,
      locked_until = case
        when (case when login_failures.locked_until is not null and login_failures.locked_until <= ${now}
                   then 1 else login_failures.failures + 1 end) >= ${maxFailures}
        then ${lockUntil}::timestamptz else null end,
      updated_at = ${now}`);
}

export async function clearLoginFailures(tx: Tx, subject: string) {
  await tx.delete(loginFailures).where(eq(loginFailures.subject, subject));
}
