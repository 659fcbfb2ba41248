/**
 * The member's pool (积分池) at a glance: dividend and pool points, today's
 * window (can they move in or out, and until when) and the operator's days.
 */
import { poolWindowAt } from '@pingou/engine';
import type { AppContext } from '../../context';
import { poolBalances } from './pool-transfer';
import { loadPoolWindows } from './pool-windows';

export async function poolStatus(ctx: AppContext, memberId: number) {
  const settings = await loadPoolWindows(ctx.db);
  return {
    ...(await poolBalances(ctx.db, memberId)),
    window: poolWindowAt(ctx.clock.now(), ctx.config.timeZone, settings),
    settings,
  };
}
