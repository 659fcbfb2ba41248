/** The team tier list (团队等级) and its rates, edited by operators. */
import { AppError } from '@pingou/contract';
import { inTransaction, membersRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

type TierInput = { code: string; name: string; rank: number; rateBp: number };

export async function createTier(ctx: AppContext, actor: Actor, input: TierInput) {
  return inTransaction(ctx.db, async (tx) => {
    const tier = await membersRepo.insertTier(tx, input);
    await audit(tx, actor, 'tier.create', { kind: 'tier', id: tier.id }, null, tier);
    return tier;
  });
}

export async function updateTier(ctx: AppContext, actor: Actor, id: number, input: TierInput) {
  return inTransaction(ctx.db, async (tx) => {
    const before = await membersRepo.findTier(tx, id);
    if (!before) throw new AppError('TIER_NOT_FOUND');
    const after = await membersRepo.updateTier(tx, id, input);
    await audit(tx, actor, 'tier.update', { kind: 'tier', id }, before, after);
    return after!;
  });
}
