/** Read models of a member: profile and the referral tree two levels down. */
import { AppError } from '@pingou/contract';
import { membersRepo, type Tx } from '@pingou/db';

export function maskPhone(phone: string): string {
  return phone.length >= 11 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

export async function memberProfile(tx: Tx, memberId: number) {
  const m = await membersRepo.findMemberById(tx, memberId);
  if (!m) throw new AppError('MEMBER_NOT_FOUND');
  const tier = m.tierId ? await membersRepo.findTier(tx, m.tierId) : undefined;
  const agent = await membersRepo.findAgentByMember(tx, memberId);
  return {
    id: m.id,
    phone: m.phone,
    nickname: m.nickname,
    inviteCode: m.inviteCode,
    uplineId: m.uplineId,
    province: m.province,
    city: m.city,
    district: m.district,
    tier: tier ? { id: tier.id, code: tier.code, name: tier.name } : null,
    agent: agent ? { level: agent.level, regionKey: agent.regionKey } : null,
    isFrozen: m.isFrozen,
    isLargePrepaid: m.isLargePrepaid,
    promoterValidUntil: m.promoterValidUntil,
    createdAt: m.createdAt.toISOString(),
  };
}

/** Direct members and, under each, their direct members: two levels, never more (SPEC §0.5). */
export async function referralTree(tx: Tx, memberId: number) {
  const direct = await membersRepo.directMembers(tx, [memberId]);
  const indirect = await membersRepo.directMembers(
    tx,
    direct.map((d) => d.id),
  );
  const view = (r: (typeof direct)[number]) => ({
    id: r.id,
    nickname: r.nickname,
    phoneMasked: maskPhone(r.phone),
    joinedAt: r.createdAt.toISOString(),
    directCount: Number(r.directCount),
  });
  return {
    direct: direct.map((d) => ({
      ...view(d),
      children: indirect.filter((i) => i.uplineId === d.id).map(view),
    })),
    directCount: direct.length,
    indirectCount: indirect.length,
  };
}
