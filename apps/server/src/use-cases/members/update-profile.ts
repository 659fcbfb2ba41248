/** A member edits their nickname and region (province / city / district). */
import { AppError } from '@pingou/contract';
import { inTransaction, membersRepo } from '@pingou/db';
import type { AppContext } from '../../context';

export async function updateProfile(
  ctx: AppContext,
  memberId: number,
  input: {
    nickname?: string | undefined;
    region?: { province: string; city: string | null; district: string | null } | undefined;
  },
) {
  return inTransaction(ctx.db, async (tx) => {
    const m = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    if (input.region && input.region.district && !input.region.city) {
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'body.region.city', message: 'a district needs a city' }],
      });
    }
    const patch = {
      ...(input.nickname ? { nickname: input.nickname } : {}),
      ...(input.region
        ? {
            province: input.region.province,
            city: input.region.city,
            district: input.region.district,
          }
        : {}),
    };
    if (Object.keys(patch).length === 0) return m;
    return membersRepo.updateMember(tx, memberId, patch);
  });
}
