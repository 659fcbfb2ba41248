/** The audit log of operator actions: who, what, before/after, when. Append-only. */
import { and, desc, eq, gte, lt, lte } from 'drizzle-orm';
import type { Tx } from '../client';
import { auditLog } from '../schema';

export interface AuditRecord {
  operatorId: number | null;
  action: string;
  targetKind: string;
  targetId?: string | number | null;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

export async function insertAudit(tx: Tx, r: AuditRecord) {
  await tx.insert(auditLog).values({
    operatorId: r.operatorId,
    action: r.action,
    targetKind: r.targetKind,
    targetId: r.targetId == null ? null : String(r.targetId),
    before: r.before ?? null,
    after: r.after ?? null,
    requestId: r.requestId ?? null,
  });
}

export async function listAudit(
  tx: Tx,
  f: {
    operatorId?: number;
    action?: string;
    targetKind?: string;
    targetId?: string;
    from?: Date;
    to?: Date;
    before?: number;
    limit: number;
  },
) {
  const where = [];
  if (f.operatorId) where.push(eq(auditLog.operatorId, f.operatorId));
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.targetKind) where.push(eq(auditLog.targetKind, f.targetKind));
  if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
  if (f.from) where.push(gte(auditLog.createdAt, f.from));
  if (f.to) where.push(lte(auditLog.createdAt, f.to));
  if (f.before) where.push(lt(auditLog.id, f.before));
  return tx
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(f.limit);
}
