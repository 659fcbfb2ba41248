/** An activity's stock per option (库存): stock, reserved, sold, remaining, and codes for virtual options. */
import type { ActivityStock } from '@pingou/contract';
import { stockRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { optionStockView, optionsOfActivity } from './stock-views';

export async function viewActivityStock(
  ctx: AppContext,
  tx: Tx,
  activityId: number,
): Promise<ActivityStock> {
  const { options } = await optionsOfActivity(ctx, tx, activityId);
  const rows = await stockRepo.stockOf(tx, [activityId]);
  const codes = await stockRepo.codeCounts(tx, activityId);
  return {
    activityId,
    options: options.map((o) =>
      optionStockView(o, rows.get(`${activityId}:${o.id}`), codes.get(o.id)),
    ),
  };
}
