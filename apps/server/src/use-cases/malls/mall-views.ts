/** How mall items, voucher kinds and redemptions are shown, and which ledger asset an item is paid with. */
import { voucherAsset, type Asset } from '@pingou/engine';
import { mallsRepo, type Tx } from '@pingou/db';

/** Consumption points in the points mall, the item's voucher kind in the voucher mall. */
export function itemAsset(item: Pick<mallsRepo.MallItemRow, 'mall' | 'voucherKindId'>): Asset {
  if (item.mall === 'points') return 'CONSUMPTION';
  if (item.mall === 'dividend') return 'DIVIDEND';
  return voucherAsset(item.voucherKindId!);
}

export function mallItemView(item: mallsRepo.MallItemView) {
  return {
    id: item.id,
    mall: item.mall,
    voucherKindId: item.voucherKindId,
    voucherKindName: item.voucherKindName,
    asset: itemAsset(item),
    name: item.name,
    description: item.description,
    imageUrl: item.imageUrl,
    kind: item.kind,
    pointsPrice: item.pointsPrice,
    cashPriceFen: item.cashPriceFen,
    stock: item.stock,
    isActive: item.isActive,
  };
}

export function adminMallItemView(item: mallsRepo.MallItemView) {
  return {
    ...mallItemView(item),
    createdAt: item.createdAt.toISOString(),
    updatedAt: item.updatedAt.toISOString(),
  };
}

export function voucherKindView(k: mallsRepo.VoucherKindRow) {
  return {
    id: k.id,
    asset: voucherAsset(k.id),
    name: k.name,
    isActive: k.isActive,
    createdAt: k.createdAt.toISOString(),
    updatedAt: k.updatedAt.toISOString(),
  };
}

/** An item row with its voucher kind's name, for the views above. */
export async function withKindName(
  tx: Tx,
  item: mallsRepo.MallItemRow,
): Promise<mallsRepo.MallItemView> {
  if (item.voucherKindId === null) return { ...item, voucherKindName: null };
  const kind = await mallsRepo.findVoucherKind(tx, item.voucherKindId);
  return { ...item, voucherKindName: kind?.name ?? null };
}
