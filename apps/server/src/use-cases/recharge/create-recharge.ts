/**
 * A member starts a recharge (充值): an order at the payment provider. Cash
 * arrives only when the provider's signed notification says it was paid.
 */
import { randomBytes } from 'node:crypto';
import { AppError } from '@pingou/contract';
import { membersRepo, paymentsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { idempotent } from '../idempotent';

export const MIN_RECHARGE_FEN = 100;
export const MAX_RECHARGE_FEN = 1_000_000_000; // 10,000,000 yuan

export function newTradeNo(prefix: string, now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${prefix}${stamp}${randomBytes(6).toString('hex').toUpperCase()}`;
}

export function rechargeView(o: paymentsRepo.PaymentOrderRow, payParams?: Record<string, string>) {
  return {
    outTradeNo: o.outTradeNo,
    provider: o.provider,
    amountFen: o.amount,
    status: o.status,
    refundedFen: o.refundedAmount,
    createdAt: o.createdAt.toISOString(),
    paidAt: o.paidAt ? o.paidAt.toISOString() : null,
    ...(payParams ? { payParams } : {}),
  };
}

export async function createRecharge(
  ctx: AppContext,
  memberId: number,
  input: { amountFen: number; provider: string },
  idempotencyKey: string,
) {
  const provider = ctx.providers.get(input.provider);
  if (!provider) throw new AppError('PAYMENT_PROVIDER_UNKNOWN');
  if (input.amountFen < MIN_RECHARGE_FEN || input.amountFen > MAX_RECHARGE_FEN)
    throw new AppError('RECHARGE_AMOUNT_OUT_OF_RANGE');
  const reply = await idempotent(
    ctx,
    `member:${memberId}:recharge`,
    idempotencyKey,
    input,
    201,
    async (tx) => {
      const member = await membersRepo.findMemberById(tx, memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      const order = await paymentsRepo.insertOrder(tx, {
        outTradeNo: newTradeNo('R', ctx.clock.now()),
        memberId,
        provider: input.provider,
        amount: input.amountFen,
      });
      return rechargeView(order);
    },
  );
  // The provider order is created after commit; asking again for the same trade number is harmless.
  const created = await provider.createOrder({
    outTradeNo: reply.body.outTradeNo,
    amountFen: reply.body.amountFen,
    description: '拼购零钱充值',
    notifyUrl: `${ctx.config.publicBaseUrl}/api/v1/payments/notify/${input.provider}`,
    expiresAt: new Date(ctx.clock.now().getTime() + 30 * 60_000),
  });
  return { ...reply, body: { ...reply.body, payParams: created.payParams } };
}
