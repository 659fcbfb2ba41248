/** Recharge orders at payment providers, the notifications received, and refunds. */
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { paymentNotifications, paymentOrders, paymentRefunds } from '../schema';

export type PaymentOrderRow = typeof paymentOrders.$inferSelect;

export async function insertOrder(
  tx: Tx,
  v: Pick<PaymentOrderRow, 'outTradeNo' | 'memberId' | 'provider' | 'amount'>,
): Promise<PaymentOrderRow> {
  const [row] = await tx
    .insert(paymentOrders)
    .values({ ...v, status: 'pending' })
    .returning();
  return row!;
}

export async function findOrderByTradeNo(
  tx: Tx,
  outTradeNo: string,
  opts: { forUpdate?: boolean } = {},
) {
  const q = tx.select().from(paymentOrders).where(eq(paymentOrders.outTradeNo, outTradeNo));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function markOrderPaid(tx: Tx, id: number, providerTxnId: string, paidAt: Date) {
  await tx
    .update(paymentOrders)
    .set({ status: 'paid', providerTxnId, paidAt })
    .where(and(eq(paymentOrders.id, id), eq(paymentOrders.status, 'pending')));
}

export async function addRefunded(tx: Tx, id: number, amount: number) {
  await tx
    .update(paymentOrders)
    .set({ refundedAmount: sql`${paymentOrders.refundedAmount} + ${amount}` })
    .where(eq(paymentOrders.id, id));
}

export async function listOrders(
  tx: Tx,
  f: { memberId?: number; status?: PaymentOrderRow['status']; before?: number; limit: number },
) {
  const where = [];
  if (f.memberId) where.push(eq(paymentOrders.memberId, f.memberId));
  if (f.status) where.push(eq(paymentOrders.status, f.status));
  if (f.before) where.push(lt(paymentOrders.id, f.before));
  return tx
    .select()
    .from(paymentOrders)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(paymentOrders.id))
    .limit(f.limit);
}

export async function insertNotification(
  tx: Tx,
  v: {
    provider: string;
    notifyId: string | null;
    outTradeNo: string | null;
    outcome: string;
    headers: unknown;
    body: string;
  },
) {
  await tx.insert(paymentNotifications).values(v);
}

export async function insertRefund(
  tx: Tx,
  v: { outRefundNo: string; paymentOrderId: number; amount: number; reason: string | null },
) {
  const [row] = await tx
    .insert(paymentRefunds)
    .values({ ...v, status: 'processing' })
    .returning();
  return row!;
}

export async function findRefund(tx: Tx, outRefundNo: string) {
  const [row] = await tx
    .select()
    .from(paymentRefunds)
    .where(eq(paymentRefunds.outRefundNo, outRefundNo));
  return row;
}

export async function setRefundStatus(tx: Tx, id: number, status: 'succeeded' | 'failed') {
  await tx.update(paymentRefunds).set({ status }).where(eq(paymentRefunds.id, id));
}
