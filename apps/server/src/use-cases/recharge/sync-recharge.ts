/**
 * Asks the provider for an order's state and credits it if paid: the safety
 * net when a notification never arrives. Same idempotent credit as a notification.
 */
import { AppError } from '@pingou/contract';
import { inTransaction, paymentsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { creditRecharge } from './credit-recharge';

export async function syncRecharge(ctx: AppContext, outTradeNo: string) {
  const order = await paymentsRepo.findOrderByTradeNo(ctx.db, outTradeNo);
  if (!order) throw new AppError('PAYMENT_ORDER_NOT_FOUND');
  const provider = ctx.providers.get(order.provider);
  if (!provider) throw new AppError('PAYMENT_PROVIDER_UNKNOWN');
  if (order.status !== 'pending') return order.status;
  const q = await provider.queryOrder(outTradeNo);
  if (q.status !== 'SUCCESS' || q.amountFen !== order.amount) return order.status;
  return inTransaction(ctx.db, async (tx) => {
    const locked = (await paymentsRepo.findOrderByTradeNo(tx, outTradeNo, { forUpdate: true }))!;
    if (locked.status !== 'pending') return locked.status;
    await creditRecharge(tx, locked, q.providerTxnId ?? 'query', ctx.clock.now());
    return 'paid' as const;
  });
}
