/**
 * The operator sets a product option's stock (设置库存); null = unlimited. Never below the units
 * already reserved by open groups and sold in drawn ones (the row is locked, so a join cannot
 * slip in between the check and the write; the CHECK backs it). Audited with before and after.
 */
import { AppError, type OptionStock } from '@pingou/contract';
import { groupBuyRepo, inTransaction, stockRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { findOption, optionStockView } from './stock-views';

export async function setOptionStock(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  optionId: number,
  stock: number | null,
): Promise<OptionStock> {
  return inTransaction(ctx.db, async (tx) => {
    const option = await findOption(ctx, tx, activityId, optionId);
    // a virtual option's stock is its codes (each sold unit is one code); vouchers have none
    if (option.kind !== 'product') throw new AppError('STOCK_NOT_APPLICABLE');
    // no join runs meanwhile: seats taken while the option was unlimited are counted below
    await groupBuyRepo.lockActivityQueue(tx, activityId);
    const before = await stockRepo.lockStock(tx, activityId, optionId);
    if (stock !== null && before && before.reserved + before.sold > stock)
      throw new AppError('STOCK_BELOW_COMMITTED');
    // unlimited and never limited: no row to write
    if (stock !== null || before) await stockRepo.setStock(tx, activityId, optionId, stock);
    const after = await stockRepo.holdUndecidedSeats(tx, activityId, optionId);
    await audit(
      tx,
      actor,
      'activity.stock.set',
      { kind: 'activity_option', id: `${activityId}:${optionId}` },
      before ?? { stock: null, reserved: 0, sold: 0 },
      after ?? { stock: null, reserved: 0, sold: 0 },
    );
    return optionStockView(option, after, undefined);
  });
}
