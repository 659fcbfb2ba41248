/**
 * An operator edits an item (name, text, picture, prices, on or off sale); audited.
 * The mall and voucher kind are fixed at creation, and stock only changes by restocking
 * or redemption, so an edit never races a redemption's stock guard.
 */
import { AppError } from '@pingou/contract';
import { inTransaction, mallsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { adminMallItemView, withKindName } from './mall-views';

export type MallItemPatch = Partial<
  Pick<
    mallsRepo.MallItemRow,
    'name' | 'description' | 'imageUrl' | 'kind' | 'pointsPrice' | 'cashPriceFen' | 'isActive'
  >
>;

export async function updateMallItem(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: MallItemPatch,
) {
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as MallItemPatch;
  return inTransaction(ctx.db, async (tx) => {
    const before = await mallsRepo.findItem(tx, id, { forUpdate: true });
    if (!before) throw new AppError('MALL_ITEM_NOT_FOUND');
    const after = await mallsRepo.updateItem(tx, id, defined);
    const view = adminMallItemView(await withKindName(tx, after));
    await audit(
      tx,
      actor,
      'mall_item.update',
      { kind: 'mall_item', id },
      adminMallItemView(await withKindName(tx, before)),
      view,
    );
    return view;
  });
}
