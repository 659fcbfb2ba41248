/**
 * An operator edits a prize (name, kind, weight, value, amount; the stock moves
 * only by restocking and by openings); refused above the cap; audited. Tickets
 * already opened keep the table they were opened with (their published result).
 */
import { AppError } from '@pingou/contract';
import type { BlindBoxPrizeSpec } from '@pingou/engine';
import { blindBoxRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { loadBlindBoxCap } from './blind-box-cap';
import { assertPrizeValid, prizeView } from './blind-box-views';

export async function editPrize(
  ctx: AppContext,
  actor: Actor,
  prizeId: number,
  patch: Omit<BlindBoxPrizeSpec, 'stock'>,
) {
  return inTransaction(ctx.db, async (tx) => {
    await blindBoxRepo.lockPrizeValues(tx);
    const before = await blindBoxRepo.findPrize(tx, prizeId, { forUpdate: true });
    if (!before) throw new AppError('PRIZE_NOT_FOUND');
    assertPrizeValid({ ...patch, stock: before.stock }, await loadBlindBoxCap(tx));
    const row = await blindBoxRepo.updatePrize(tx, prizeId, { ...patch, name: patch.name.trim() });
    const view = prizeView(row);
    await audit(
      tx,
      actor,
      'blind_box.prize.edit',
      { kind: 'blind_box_prize', id: prizeId },
      prizeView(before),
      view,
    );
    return view;
  });
}
