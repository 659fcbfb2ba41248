/**
 * An operator puts an item on sale in the points mall (priced in consumption points,
 * optionally plus cash) or the voucher mall (one voucher kind plus cash); audited.
 */
import { AppError } from '@pingou/contract';
import { inTransaction, mallsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { adminMallItemView, withKindName } from './mall-views';

interface ItemFields {
  name: string;
  description: string;
  imageUrl: string | null;
  kind: mallsRepo.MallItemRow['kind'];
  pointsPrice: number;
  cashPriceFen: number;
  stock: number;
  isActive: boolean;
}
export type NewMallItem =
  | ({ mall: 'points' | 'dividend' } & ItemFields)
  | ({ mall: 'voucher'; voucherKindId: number } & ItemFields);

export async function createMallItem(ctx: AppContext, actor: Actor, input: NewMallItem) {
  return inTransaction(ctx.db, async (tx) => {
    let voucherKindId: number | null = null;
    if (input.mall === 'voucher') {
      // Key share lock: the kind cannot be turned off or renamed under us until commit.
      const kind = await mallsRepo.findVoucherKind(tx, input.voucherKindId, { forUpdate: true });
      if (!kind) throw new AppError('VOUCHER_KIND_NOT_FOUND');
      if (!kind.isActive) throw new AppError('VOUCHER_KIND_INACTIVE');
      voucherKindId = kind.id;
    }
    const item = await mallsRepo.insertItem(tx, {
      mall: input.mall,
      voucherKindId,
      name: input.name,
      description: input.description,
      imageUrl: input.imageUrl,
      kind: input.kind,
      pointsPrice: input.pointsPrice,
      cashPriceFen: input.cashPriceFen,
      stock: input.stock,
      isActive: input.isActive,
    });
    const view = adminMallItemView(await withKindName(tx, item));
    await audit(tx, actor, 'mall_item.create', { kind: 'mall_item', id: item.id }, null, view);
    return view;
  });
}
