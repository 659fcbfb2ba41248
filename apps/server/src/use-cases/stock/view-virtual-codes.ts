/**
 * A virtual option's codes as operators see them: counts, and the latest codes masked but for
 * their last 4 characters (enough to answer a member's question, never the codes in bulk).
 */
import { AppError, type VirtualCodesView } from '@pingou/contract';
import { stockRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { findOption } from './stock-views';

const RECENT = 50;

export function maskCode(code: string): string {
  const shown = code.length > 4 ? code.slice(-4) : '';
  return '*'.repeat(Math.min(8, Math.max(4, code.length - shown.length))) + shown;
}

export async function viewVirtualCodes(
  ctx: AppContext,
  tx: Tx,
  activityId: number,
  optionId: number,
): Promise<VirtualCodesView> {
  const option = await findOption(ctx, tx, activityId, optionId);
  if (option.kind !== 'virtual') throw new AppError('CODES_NOT_APPLICABLE');
  const counts = (await stockRepo.codeCounts(tx, activityId)).get(optionId);
  const recent = await stockRepo.recentCodes(tx, activityId, optionId, RECENT);
  return {
    optionId,
    available: counts?.available ?? 0,
    assigned: counts?.assigned ?? 0,
    recent: recent.map((c) => ({
      id: c.id,
      masked: maskCode(c.code),
      isAssigned: c.isAssigned,
      createdAt: c.createdAt.toISOString(),
    })),
  };
}
