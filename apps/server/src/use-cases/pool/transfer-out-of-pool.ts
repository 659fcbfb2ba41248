/**
 * A member moves pool points back to their dividend points (转出积分池,
 * SPEC §7): any positive amount up to their pool points, only while the window
 * allows transfers out (days 1–5 by default).
 */
import { AppError } from '@pingou/contract';
import type { AppContext } from '../../context';
import { runPoolTransfer, windowClosed } from './pool-transfer';

export async function transferOutOfPool(
  ctx: AppContext,
  memberId: number,
  amount: number,
  idempotencyKey: string,
) {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('VALIDATION_FAILED');
  return runPoolTransfer(ctx, memberId, 'out', amount, idempotencyKey, (window, settings) => {
    if (!window.canTransferOut) throw windowClosed(window, settings, 'out');
  });
}
