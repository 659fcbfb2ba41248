/**
 * Makes a member the regional agent (区域代理) of their own province, city or
 * district — one agent per region — or removes the agency (level null).
 */
import { AppError } from '@pingou/contract';
import { inTransaction, membersRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

export type AgentLevel = 'province' | 'city' | 'district';

export function regionKey(
  m: { province: string | null; city: string | null; district: string | null },
  level: AgentLevel,
): string | null {
  const parts =
    level === 'province'
      ? [m.province]
      : level === 'city'
        ? [m.province, m.city]
        : [m.province, m.city, m.district];
  return parts.every((p) => p) ? parts.join('/') : null;
}

export async function setAgent(
  ctx: AppContext,
  actor: Actor,
  memberId: number,
  level: AgentLevel | null,
) {
  return inTransaction(ctx.db, async (tx) => {
    const m = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
    if (!m) throw new AppError('MEMBER_NOT_FOUND');
    const before = (await membersRepo.findAgentByMember(tx, memberId)) ?? null;
    if (level === null) {
      await membersRepo.deleteAgent(tx, memberId);
      await audit(tx, actor, 'member.remove_agent', { kind: 'member', id: memberId }, before, null);
      return null;
    }
    const key = regionKey(m, level);
    if (!key) throw new AppError('REGION_INCOMPLETE');
    const holder = await membersRepo.findAgentByRegion(tx, level, key);
    if (holder && holder.memberId !== memberId) throw new AppError('AGENT_REGION_TAKEN');
    const after = await membersRepo.upsertAgent(tx, memberId, level, key);
    await audit(tx, actor, 'member.set_agent', { kind: 'member', id: memberId }, before, after);
    return after;
  });
}
