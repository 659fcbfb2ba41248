/** An operator adds a prize to an activity's blind box; refused above the cap; audited. */
import { AppError } from '@pingou/contract';
import { MAX_PRIZES_PER_TABLE, type BlindBoxPrizeSpec } from '@pingou/engine';
import { blindBoxRepo, groupBuyRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { loadBlindBoxCap } from './blind-box-cap';
import { assertPrizeValid, prizeView } from './blind-box-views';

export async function createPrize(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  spec: BlindBoxPrizeSpec,
) {
  return inTransaction(ctx.db, async (tx) => {
    if (!(await groupBuyRepo.findActivity(tx, activityId)))
      throw new AppError('ACTIVITY_NOT_FOUND');
    await blindBoxRepo.lockPrizeValues(tx);
    assertPrizeValid(spec, await loadBlindBoxCap(tx));
    const table = await blindBoxRepo.listPrizes(tx, activityId);
    if (table.length >= MAX_PRIZES_PER_TABLE)
      throw new AppError('PRIZE_INVALID', {
        fields: [
          {
            path: 'activityId',
            message: `至多 ${MAX_PRIZES_PER_TABLE} 个奖品 / at most ${MAX_PRIZES_PER_TABLE} prizes`,
          },
        ],
      });
    const row = await blindBoxRepo.insertPrize(tx, { activityId, ...spec, name: spec.name.trim() });
    const view = prizeView(row);
    await audit(
      tx,
      actor,
      'blind_box.prize.create',
      { kind: 'blind_box_prize', id: row.id },
      null,
      view,
    );
    return view;
  });
}
