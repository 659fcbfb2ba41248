/**
 * A member moves dividend points into the monthly points pool (转入积分池,
 * SPEC §7): a whole hundred points, while the window allows transfers in
 * (days 1 to the in-only boundary), up to their dividend points.
 */
import { AppError } from '@pingou/contract';
import { isWholeHundredPoints } from '@pingou/engine';
import type { AppContext } from '../../context';
import { runPoolTransfer, windowClosed } from './pool-transfer';

export async function transferIntoPool(
  ctx: AppContext,
  memberId: number,
  amount: number,
  idempotencyKey: string,
) {
  if (!isWholeHundredPoints(amount)) throw new AppError('POOL_NOT_WHOLE_HUNDRED');
  return runPoolTransfer(ctx, memberId, 'in', amount, idempotencyKey, (window, settings) => {
    if (!window.canTransferIn) throw windowClosed(window, settings, 'in');
  });
}
