/**
 * An operator changes the blind-box prize cap; audited. A cap below the value of
 * a prize still in stock is refused (PRIZE_ABOVE_CAP): no winnable prize is ever above it.
 */
import { AppError } from '@pingou/contract';
import { isValidBlindBoxCap } from '@pingou/engine';
import { blindBoxRepo, inTransaction, settingsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { BLIND_BOX_CAP_SETTING, loadBlindBoxCap } from './blind-box-cap';

export async function updateBlindBoxCap(ctx: AppContext, actor: Actor, capFen: number) {
  if (!isValidBlindBoxCap(capFen))
    throw new AppError('VALIDATION_FAILED', { fields: [{ path: 'capFen', message: 'invalid' }] });
  return inTransaction(ctx.db, async (tx) => {
    await blindBoxRepo.lockPrizeValues(tx);
    const before = await loadBlindBoxCap(tx);
    const highest = await blindBoxRepo.maxValueInStock(tx);
    if (highest > capFen)
      throw new AppError('PRIZE_ABOVE_CAP', {
        detail: `a prize in stock is worth ${highest} fen`,
        fields: [
          { path: 'capFen', message: `低于在库奖品价值 ${highest} 分 / below a prize in stock` },
        ],
      });
    await settingsRepo.putSetting(tx, BLIND_BOX_CAP_SETTING, capFen);
    await audit(
      tx,
      actor,
      'blind_box.cap',
      { kind: 'setting', id: BLIND_BOX_CAP_SETTING },
      { capFen: before },
      { capFen },
    );
    return { capFen };
  });
}
