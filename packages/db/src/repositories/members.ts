/** Members, their referral relations, tiers and regional agents. */
import { and, asc, count, desc, eq, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { agents, members, tiers } from '../schema';

export type MemberRow = typeof members.$inferSelect;
export type TierRow = typeof tiers.$inferSelect;
export type AgentRow = typeof agents.$inferSelect;

export async function insertMember(
  tx: Tx,
  values: Pick<MemberRow, 'phone' | 'passwordHash' | 'nickname' | 'inviteCode' | 'uplineId'> &
    Partial<Pick<MemberRow, 'province' | 'city' | 'district'>>,
): Promise<MemberRow> {
  const [row] = await tx.insert(members).values(values).returning();
  return row!;
}

export async function findMemberById(tx: Tx, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = tx.select().from(members).where(eq(members.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findMemberByPhone(tx: Tx, phone: string) {
  const [row] = await tx.select().from(members).where(eq(members.phone, phone));
  return row;
}

export async function findMemberByInviteCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(members).where(eq(members.inviteCode, code));
  return row;
}

export async function updateMember(
  tx: Tx,
  id: number,
  patch: Partial<Omit<MemberRow, 'id' | 'createdAt'>>,
) {
  const [row] = await tx.update(members).set(patch).where(eq(members.id, id)).returning();
  return row;
}

/** Members whose upline is one of `ids`, with how many direct members each has. */
export async function directMembers(tx: Tx, uplineIds: number[]) {
  if (uplineIds.length === 0) return [];
  return tx
    .select({
      id: members.id,
      phone: members.phone,
      nickname: members.nickname,
      uplineId: members.uplineId,
      tierId: members.tierId,
      createdAt: members.createdAt,
      directCount: sql<number>`(select count(*) from members c where c.upline_id = "members"."id")::int`,
    })
    .from(members)
    .where(inArray(members.uplineId, uplineIds))
    .orderBy(asc(members.id));
}

/** The chain of uplines above `id` (direct first), at most `depth` long. */
export async function uplineChain(tx: Tx, id: number, depth: number): Promise<number[]> {
  const res = await tx.execute<{ id: number }>(sql`
    with recursive up(id, upline_id, depth) as (
      select id, upline_id, 0 from members where id = ${id}
      union all
      select m.id, m.upline_id, up.depth + 1 from members m join up on m.id = up.upline_id where up.depth < ${depth}
    ) select id from up where depth > 0 order by depth`);
  return res.rows.map((r) => Number(r.id));
}

export async function searchMembers(tx: Tx, opts: { q?: string; before?: number; limit: number }) {
  const where = [];
  if (opts.q)
    where.push(or(ilike(members.phone, `%${opts.q}%`), ilike(members.nickname, `%${opts.q}%`)));
  if (opts.before) where.push(lt(members.id, opts.before));
  return tx
    .select()
    .from(members)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(members.id))
    .limit(opts.limit);
}

export async function countMembers(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(members);
  return Number(row!.n);
}

export async function listTiers(tx: Tx) {
  return tx.select().from(tiers).orderBy(asc(tiers.rank));
}

export async function findTier(tx: Tx, id: number) {
  const [row] = await tx.select().from(tiers).where(eq(tiers.id, id));
  return row;
}

export async function insertTier(
  tx: Tx,
  values: Pick<TierRow, 'code' | 'name' | 'rank' | 'rateBp'>,
) {
  const [row] = await tx.insert(tiers).values(values).returning();
  return row!;
}

export async function updateTier(
  tx: Tx,
  id: number,
  patch: Partial<Pick<TierRow, 'code' | 'name' | 'rank' | 'rateBp'>>,
) {
  const [row] = await tx.update(tiers).set(patch).where(eq(tiers.id, id)).returning();
  return row;
}

export async function findAgentByMember(tx: Tx, memberId: number) {
  const [row] = await tx.select().from(agents).where(eq(agents.memberId, memberId));
  return row;
}

export async function findAgentByRegion(tx: Tx, level: AgentRow['level'], regionKey: string) {
  const [row] = await tx
    .select()
    .from(agents)
    .where(and(eq(agents.level, level), eq(agents.regionKey, regionKey)));
  return row;
}

export async function upsertAgent(
  tx: Tx,
  memberId: number,
  level: AgentRow['level'],
  regionKey: string,
) {
  const [row] = await tx
    .insert(agents)
    .values({ memberId, level, regionKey })
    .onConflictDoUpdate({ target: agents.memberId, set: { level, regionKey } })
    .returning();
  return row!;
}

export async function deleteAgent(tx: Tx, memberId: number) {
  await tx.delete(agents).where(eq(agents.memberId, memberId));
}
