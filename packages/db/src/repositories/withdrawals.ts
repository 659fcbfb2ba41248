/** Withdrawals (提现): requests, their review and their payout. */
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Tx } from '../client';
import { withdrawals } from '../schema';

export type WithdrawalRow = typeof withdrawals.$inferSelect;
export type WithdrawalStatus = WithdrawalRow['status'];

export async function insertWithdrawal(
  tx: Tx,
  v: Pick<
    WithdrawalRow,
    | 'withdrawalNo'
    | 'memberId'
    | 'provider'
    | 'accountRef'
    | 'amount'
    | 'feeBp'
    | 'fee'
    | 'payoutAmount'
    | 'createdAt'
  >,
): Promise<WithdrawalRow> {
  const [row] = await tx
    .insert(withdrawals)
    .values({ ...v, status: 'requested' })
    .returning();
  return row!;
}

export async function findWithdrawalByNo(
  tx: Tx,
  withdrawalNo: string,
  opts: { forUpdate?: boolean } = {},
): Promise<WithdrawalRow | undefined> {
  const q = tx.select().from(withdrawals).where(eq(withdrawals.withdrawalNo, withdrawalNo));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/**
 * Moves a withdrawal from one state to the next, only if it is still in `from`
 * (compare and set); returns the updated row, or undefined if it had moved on.
 */
export async function transitionWithdrawal(
  tx: Tx,
  id: number,
  from: WithdrawalStatus,
  patch: Partial<
    Pick<
      WithdrawalRow,
      'status' | 'reason' | 'providerTxnId' | 'reviewedBy' | 'reviewedAt' | 'finishedAt'
    >
  > & { status: WithdrawalStatus },
): Promise<WithdrawalRow | undefined> {
  const [row] = await tx
    .update(withdrawals)
    .set(patch)
    .where(and(eq(withdrawals.id, id), eq(withdrawals.status, from)))
    .returning();
  return row;
}

export async function listWithdrawals(
  tx: Tx,
  f: { memberId?: number; status?: WithdrawalStatus; before?: number; limit: number },
): Promise<WithdrawalRow[]> {
  const where = [];
  if (f.memberId) where.push(eq(withdrawals.memberId, f.memberId));
  if (f.status) where.push(eq(withdrawals.status, f.status));
  if (f.before) where.push(lt(withdrawals.id, f.before));
  return tx
    .select()
    .from(withdrawals)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(withdrawals.id))
    .limit(f.limit);
}
