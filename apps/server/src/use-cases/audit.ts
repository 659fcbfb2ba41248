/** Every operator action writes one audit row in the same transaction as its effect. */
import { auditRepo, type Tx } from '@pingou/db';
import type { Actor } from '../context';

export function audit(
  tx: Tx,
  actor: Actor,
  action: string,
  target: { kind: string; id: string | number | null },
  before: unknown,
  after: unknown,
) {
  return auditRepo.insertAudit(tx, {
    operatorId: actor.operatorId,
    action,
    targetKind: target.kind,
    targetId: target.id,
    before,
    after,
    requestId: actor.requestId,
  });
}
