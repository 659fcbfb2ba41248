/** A super admin adds an operator account with a role. */
import { authRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import type { OperatorRole } from '../../http/access';
import { audit } from '../audit';
import { hashPassword } from './passwords';

export async function createOperator(
  ctx: AppContext,
  actor: Actor | null,
  input: { username: string; password: string; role: OperatorRole },
) {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (tx) => {
    const op = await authRepo.insertOperator(tx, {
      username: input.username,
      passwordHash,
      role: input.role,
    });
    if (actor)
      await audit(tx, actor, 'operator.create', { kind: 'operator', id: op.id }, null, {
        username: op.username,
        role: op.role,
      });
    return op;
  });
}
