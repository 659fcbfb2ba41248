/** An operator adds stock to a prize; a prize above the current cap cannot be restocked; audited. */
import { AppError } from '@pingou/contract';
import { MAX_PRIZE_STOCK } from '@pingou/engine';
import { blindBoxRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { loadBlindBoxCap } from './blind-box-cap';
import { assertPrizeValid, prizeView } from './blind-box-views';

export async function restockPrize(ctx: AppContext, actor: Actor, prizeId: number, add: number) {
  return inTransaction(ctx.db, async (tx) => {
    await blindBoxRepo.lockPrizeValues(tx);
    const before = await blindBoxRepo.findPrize(tx, prizeId, { forUpdate: true });
    if (!before) throw new AppError('PRIZE_NOT_FOUND');
    const stock = before.stock + add;
    if (!Number.isSafeInteger(add) || add < 1 || stock > MAX_PRIZE_STOCK)
      throw new AppError('PRIZE_INVALID', {
        fields: [
          {
            path: 'add',
            message: `库存至多 ${MAX_PRIZE_STOCK} / stock at most ${MAX_PRIZE_STOCK}`,
          },
        ],
      });
    assertPrizeValid({ ...before, stock }, await loadBlindBoxCap(tx));
    const row = await blindBoxRepo.updatePrize(tx, prizeId, { stock });
    await audit(
      tx,
      actor,
      'blind_box.prize.restock',
      { kind: 'blind_box_prize', id: prizeId },
      { stock: before.stock },
      { stock, add },
    );
    return prizeView(row);
  });
}
