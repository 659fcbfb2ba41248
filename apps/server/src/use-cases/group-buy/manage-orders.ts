/** Product orders of winners: 待填地址 → 待发货 → 已发货 → 已完成, an explicit transition table. */
import { AppError } from '@pingou/contract';
import { groupBuyRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

type Status = groupBuyRepo.OrderStatus;
const TRANSITIONS: Record<Status, Status[]> = {
  awaiting_address: ['awaiting_shipment'],
  awaiting_shipment: ['shipped', 'awaiting_shipment'],
  shipped: ['completed'],
  completed: [],
};

export const ORDER_STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  awaiting_address: { zh: '待填地址', en: 'Awaiting address' },
  awaiting_shipment: { zh: '待发货', en: 'Awaiting shipment' },
  shipped: { zh: '已发货', en: 'Shipped' },
  completed: { zh: '已完成', en: 'Completed' },
};

async function move(
  ctx: AppContext,
  orderNo: string,
  to: Status,
  patch: Partial<groupBuyRepo.OrderRow>,
  who: { memberId?: number; actor?: Actor },
) {
  return inTransaction(ctx.db, async (tx) => {
    const o = await groupBuyRepo.findOrder(tx, orderNo, { forUpdate: true });
    if (!o || (who.memberId !== undefined && o.memberId !== who.memberId))
      throw new AppError('ORDER_NOT_FOUND');
    if (!TRANSITIONS[o.status].includes(to)) throw new AppError('ORDER_STATE');
    const after = await groupBuyRepo.updateOrder(tx, o.id, { ...patch, status: to });
    if (who.actor)
      await audit(
        tx,
        who.actor,
        `order.${to}`,
        { kind: 'order', id: orderNo },
        { status: o.status },
        { status: to, ...patch },
      );
    return after;
  });
}

export const setOrderAddress = (
  ctx: AppContext,
  memberId: number,
  orderNo: string,
  address: object,
) => move(ctx, orderNo, 'awaiting_shipment', { address }, { memberId });
export const shipOrder = (ctx: AppContext, actor: Actor, orderNo: string, trackingNo: string) =>
  move(ctx, orderNo, 'shipped', { trackingNo }, { actor });
export const completeOrder = (ctx: AppContext, memberId: number, orderNo: string) =>
  move(ctx, orderNo, 'completed', {}, { memberId });
