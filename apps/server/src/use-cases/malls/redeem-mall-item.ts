/**
 * A member redeems an item (兑换) in the points or voucher mall, all in one transaction:
 * stock taken with a guarded UPDATE (never below zero, however many redeem at once), the
 * points extinguished (member CONSUMPTION or VOUCHER:k → platform issuance), the cash
 * part sold (member CASH → platform sales), and an order (source 'mall') that awaits an
 * address for a product or is completed at once for a virtual item. Frozen members
 * cannot redeem. One effect per Idempotency-Key; a refusal changes nothing.
 */
import { AppError } from '@pingou/contract';
import { groupBuyRepo, ledgerRepo, mallsRepo, membersRepo } from '@pingou/db';
import {
  memberAccount,
  platformAccount,
  transfer,
  type Posting,
  poolWindowAt,
} from '@pingou/engine';
import type { AppContext } from '../../context';
import { idempotent } from '../idempotent';
import { loadPoolWindows } from '../pool/pool-windows';
import { newTradeNo } from '../recharge/create-recharge';
import { itemAsset } from './mall-views';

export interface RedeemRequest {
  itemId: number;
  quantity: number;
}

export async function redeemMallItem(
  ctx: AppContext,
  memberId: number,
  input: RedeemRequest,
  idempotencyKey: string,
) {
  return idempotent(
    ctx,
    `member:${memberId}:mall-redeem`,
    idempotencyKey,
    input,
    201,
    async (tx) => {
      // The member row lock serializes this member's spending (withdrawals and joins lock it too).
      const member = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      if (member.isFrozen) throw new AppError('MEMBER_FROZEN');
      const seen = await mallsRepo.findItem(tx, input.itemId);
      if (!seen) throw new AppError('MALL_ITEM_NOT_FOUND');
      if (!seen.isActive) throw new AppError('MALL_ITEM_OFF_SHELF');
      // dividend points buy goods only in the pool's in-and-out days (SPEC §7: days 1–5)
      if (
        seen.mall === 'dividend' &&
        !poolWindowAt(ctx.clock.now(), ctx.config.timeZone, await loadPoolWindows(tx)).canRedeem
      )
        throw new AppError('POOL_WINDOW_CLOSED');
      if (seen.stock < input.quantity) throw new AppError('OUT_OF_STOCK');

      // The guard that counts: waits on the item row and re-checks the stock after it.
      const item = await mallsRepo.takeStock(tx, input.itemId, input.quantity);
      if (!item) throw new AppError('OUT_OF_STOCK');
      // Taken off sale while we waited: the throw rolls the stock back.
      if (!item.isActive) throw new AppError('MALL_ITEM_OFF_SHELF');

      const asset = itemAsset(item);
      const pointsPaid = item.pointsPrice * input.quantity;
      const cashPaidFen = item.cashPriceFen * input.quantity;
      if (!Number.isSafeInteger(pointsPaid) || !Number.isSafeInteger(cashPaidFen))
        throw new AppError('VALIDATION_FAILED');
      if ((await ledgerRepo.memberBalance(tx, memberId, asset)) < pointsPaid)
        throw new AppError(
          item.mall === 'points'
            ? 'INSUFFICIENT_CONSUMPTION_POINTS'
            : item.mall === 'voucher'
              ? 'INSUFFICIENT_VOUCHERS'
              : 'INSUFFICIENT_BALANCE',
        );
      if (cashPaidFen > 0 && (await ledgerRepo.memberBalance(tx, memberId, 'CASH')) < cashPaidFen)
        throw new AppError('INSUFFICIENT_CASH');

      const now = ctx.clock.now();
      const orderNo = newTradeNo('M', now);
      const postings: Posting[] = [
        ...transfer(memberAccount(memberId, asset), platformAccount('issuance', asset), pointsPaid),
        ...(cashPaidFen > 0
          ? transfer(memberAccount(memberId, 'CASH'), platformAccount('sales', 'CASH'), cashPaidFen)
          : []),
      ];
      await ledgerRepo.postEntries(tx, [
        {
          idempotencyKey: `mall:${orderNo}`,
          kind: 'mall_redeem',
          memo: item.name,
          ref: { orderNo, itemId: item.id, quantity: input.quantity },
          postings,
        },
      ]);
      const orderStatus = item.kind === 'virtual' ? 'completed' : 'awaiting_address';
      await groupBuyRepo.insertOrders(tx, [
        {
          orderNo,
          memberId,
          source: 'mall',
          itemName: input.quantity > 1 ? `${item.name} ×${input.quantity}` : item.name,
          kind: item.kind,
          costFen: cashPaidFen,
          status: orderStatus,
          createdAt: now,
          updatedAt: now,
        },
      ]);
      const r = await mallsRepo.insertRedemption(tx, {
        orderNo,
        memberId,
        itemId: item.id,
        quantity: input.quantity,
        asset,
        pointsPaid,
        cashPaidFen,
        createdAt: now,
      });
      return {
        orderNo,
        itemId: item.id,
        itemName: item.name,
        mall: item.mall,
        quantity: r.quantity,
        asset,
        pointsPaid,
        cashPaidFen,
        orderStatus,
        createdAt: r.createdAt.toISOString(),
      };
    },
  );
}
