/**
 * The operator uploads codes for a virtual option (上传兑换码). A virtual option's stock is the
 * number of its codes: each upload adds the codes that are new to this option and raises the
 * stock by as many, so every reserved unit has a code waiting for it. Audited (counts only:
 * the audit log is readable by every operator, the codes are not).
 */
import { AppError } from '@pingou/contract';
import { groupBuyRepo, inTransaction, stockRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { findOption, optionStockView } from './stock-views';

export async function uploadVirtualCodes(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  optionId: number,
  codes: string[],
) {
  return inTransaction(ctx.db, async (tx) => {
    const option = await findOption(ctx, tx, activityId, optionId);
    if (option.kind !== 'virtual') throw new AppError('CODES_NOT_APPLICABLE');
    // no join runs meanwhile: seats taken while the option had no codes are counted below
    await groupBuyRepo.lockActivityQueue(tx, activityId);
    const before = await stockRepo.lockStock(tx, activityId, optionId);
    const unique = [...new Set(codes)];
    const { added } = await stockRepo.addCodes(tx, activityId, optionId, unique);
    const stock = (await stockRepo.holdUndecidedSeats(tx, activityId, optionId))!;
    await audit(
      tx,
      actor,
      'activity.codes.upload',
      { kind: 'activity_option', id: `${activityId}:${optionId}` },
      { stock: before?.stock ?? null },
      { stock: stock.stock, added, duplicates: codes.length - added },
    );
    const counts = (await stockRepo.codeCounts(tx, activityId)).get(optionId);
    return {
      added,
      duplicates: codes.length - added,
      option: optionStockView(option, stock, counts),
    };
  });
}
