/** An operator adds stock to an item (补货); audited. One UPDATE, so redemptions running meanwhile are never lost. */
import { AppError } from '@pingou/contract';
import { inTransaction, mallsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { adminMallItemView, withKindName } from './mall-views';

export async function restockMallItem(ctx: AppContext, actor: Actor, id: number, quantity: number) {
  return inTransaction(ctx.db, async (tx) => {
    const after = await mallsRepo.addStock(tx, id, quantity);
    if (!after) throw new AppError('MALL_ITEM_NOT_FOUND');
    await audit(
      tx,
      actor,
      'mall_item.restock',
      { kind: 'mall_item', id },
      { stock: after.stock - quantity },
      { stock: after.stock, added: quantity },
    );
    return adminMallItemView(await withKindName(tx, after));
  });
}
