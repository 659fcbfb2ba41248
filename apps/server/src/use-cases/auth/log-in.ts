/**
 * Sign-in for members (phone) and operators (username). Wrong passwords count
 * toward a lock-out per login name, stored in PostgreSQL so that every server
 * sees it; while locked, even the right password is refused.
 */
import { AppError } from '@pingou/contract';
import { authRepo, inTransaction, membersRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { verifyPassword } from './passwords';
import { issueToken } from './sessions';

export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

async function guardLock(ctx: AppContext, subject: string) {
  const f = await authRepo.findLoginFailure(ctx.db, subject);
  if (f?.lockedUntil && f.lockedUntil > ctx.clock.now()) throw new AppError('ACCOUNT_LOCKED');
}

async function fail(ctx: AppContext, subject: string): Promise<never> {
  await authRepo.recordLoginFailure(ctx.db, subject, ctx.clock.now(), MAX_FAILURES, LOCK_MS);
  throw new AppError('INVALID_CREDENTIALS');
}

export async function logInMember(ctx: AppContext, input: { phone: string; password: string }) {
  const subject = `member:${input.phone}`;
  await guardLock(ctx, subject);
  const member = await membersRepo.findMemberByPhone(ctx.db, input.phone);
  const ok = await verifyPassword(member?.passwordHash ?? null, input.password);
  if (!member || !ok) return fail(ctx, subject);
  return inTransaction(ctx.db, async (tx) => {
    await authRepo.clearLoginFailures(tx, subject);
    const t = await issueToken(ctx, tx, 'member', member.id);
    return { ...t, subject: { kind: 'member' as const, id: member.id } };
  });
}

export async function logInOperator(
  ctx: AppContext,
  input: { username: string; password: string },
) {
  const subject = `operator:${input.username}`;
  await guardLock(ctx, subject);
  const op = await authRepo.findOperatorByUsername(ctx.db, input.username);
  const ok = await verifyPassword(op?.passwordHash ?? null, input.password);
  if (!op || !ok || op.isDisabled) return fail(ctx, subject);
  return inTransaction(ctx.db, async (tx) => {
    await authRepo.clearLoginFailures(tx, subject);
    const t = await issueToken(ctx, tx, 'operator', op.id);
    return { ...t, subject: { kind: 'operator' as const, id: op.id, role: op.role } };
  });
}
