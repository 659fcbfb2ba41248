/** Issuing and revoking bearer tokens. The database stores only their SHA-256. */
import { randomBytes } from 'node:crypto';
import { authRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { hashToken } from '../../http/access';

export async function issueToken(
  ctx: AppContext,
  tx: Tx,
  subjectKind: 'member' | 'operator',
  subjectId: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.sessionTtlMs);
  await authRepo.insertSession(tx, {
    tokenHash: hashToken(token),
    subjectKind,
    subjectId,
    expiresAt,
  });
  return { token, expiresAt };
}

export async function logOut(ctx: AppContext, tokenHash: string): Promise<void> {
  await authRepo.revokeSession(ctx.db, tokenHash, ctx.clock.now());
}
