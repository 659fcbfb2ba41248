/**
 * Benchmark data, written straight into the bench database: team tiers,
 * published example1 activities (rewards and commissions on), regional agents,
 * a two-level referral chain of valid promoters above a share of the members,
 * members with cash credited by ledger entries, and bearer sessions inserted
 * as SHA-256 hashes (no password hashing is measured).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { groupBuyRepo, inTransaction, ledgerRepo, membersRepo, schema, type Tx } from '@pingou/db';
import {
  addDays,
  example1,
  memberAccount,
  platformAccount,
  platformDay,
  transfer,
  V1,
  V2,
  type ActivitySettings,
} from '@pingou/engine';
import type { AppContext } from '../apps/server/src/context';
import { hashToken } from '../apps/server/src/http/access';
import { publishActivity } from '../apps/server/src/use-cases/group-buy/manage-activity';

export interface SeedPlan {
  /** Activities the HTTP runs spread their joins over. */
  httpActivities: number;
  /** Members with tokens for the HTTP runs. */
  httpMembers: number;
  /** Activities of the in-process settlement measurement, each with its own 10 members. */
  settleActivities: number;
  cashFen: number;
  /** Share of members below a direct upline (with an indirect one above it), 0–1. */
  uplineShare: number;
  /** Share of members living in a region that has district, city and province agents, 0–1. */
  regionShare: number;
  /** Members per direct upline, and per indirect upline: how hot the promoters' accounts are. */
  membersPerDirect: number;
  membersPerIndirect: number;
  /**
   * Settings of the HTTP activities, used in turn (e.g. the four of examples.md); example1 for
   * all when absent. Team-tier ids 1–3 mean the tiers V1–V3 created here.
   */
  httpSettings?: { key: string; settings: ActivitySettings }[];
}

export interface Joiner {
  id: number;
  token: string;
}

export interface Seeded {
  httpActivityIds: number[];
  settleActivityIds: number[];
  joiners: Joiner[];
  /** Per settlement activity: nine seat fillers and one closer. */
  settleMembers: number[][];
  shape: {
    members: number;
    directUplines: number;
    indirectUplines: number;
    agents: number;
    joinersWithUpline: number;
    joinersWithRegion: number;
  };
}

const REGIONS: [string, string, string][] = [
  ['广东省', '深圳市', '南山区'],
  ['浙江省', '杭州市', '西湖区'],
  ['上海市', '上海市', '浦东新区'],
  ['四川省', '成都市', '武侯区'],
];
const BATCH = 1000;

type MemberInsert = typeof schema.members.$inferInsert;

let seq = 0;
function memberRow(over: Partial<MemberInsert>): MemberInsert {
  seq += 1;
  return {
    phone: `138${String(seq).padStart(8, '0')}`,
    passwordHash: 'x',
    nickname: 'bench',
    inviteCode: `BN${seq.toString(36).toUpperCase()}`,
    uplineId: null,
    ...over,
  };
}

/** Inserts members in batches with their wallet accounts; ids in the order of `rows`. */
async function insertMembers(ctx: AppContext, rows: MemberInsert[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    const got = await inTransaction(ctx.db, async (tx) => {
      const inserted = await tx
        .insert(schema.members)
        .values(batch)
        .returning({ id: schema.members.id, phone: schema.members.phone });
      const byPhone = new Map(inserted.map((r) => [r.phone, r.id]));
      const batchIds = batch.map((r) => byPhone.get(r.phone)!);
      await createAccounts(tx, batchIds);
      return batchIds;
    });
    ids.push(...got);
  }
  return ids;
}

/** The bulk form of ledgerRepo.createMemberAccounts: one row per member and fixed asset. */
async function createAccounts(tx: Tx, ids: number[]) {
  await tx.execute(sql`insert into accounts (member_id, asset)
    select m.id, a.asset
    from (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::bigint as id) m
    cross join (values ('CASH'), ('GOLD'), ('DIVIDEND'), ('POOL'), ('CONSUMPTION'), ('DIGITAL')) as a(asset)
    on conflict do nothing`);
}

/** Cash by ledger entries (payment clearing → member), in batches, like the test factory newMembersWithCash. */
async function creditCash(ctx: AppContext, ids: number[], cashFen: number) {
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    await inTransaction(ctx.db, (tx) =>
      ledgerRepo.postEntries(
        tx,
        batch.map((id) => ({
          idempotencyKey: `bench-cash:${id}`,
          kind: 'adjustment' as const,
          postings: transfer(
            platformAccount('payment_clearing', 'CASH'),
            memberAccount(id, 'CASH'),
            cashFen,
          ),
        })),
      ),
    );
  }
}

/** Sessions as the server stores them (SHA-256 of the token), valid for a day. */
async function issueTokens(ctx: AppContext, ids: number[]): Promise<Joiner[]> {
  const out: Joiner[] = ids.map((id) => ({ id, token: randomBytes(32).toString('base64url') }));
  const expiresAt = new Date(ctx.clock.now().getTime() + 24 * 3_600_000);
  for (let i = 0; i < out.length; i += BATCH) {
    const batch = out.slice(i, i + BATCH);
    await ctx.db.insert(schema.sessions).values(
      batch.map((j) => ({
        tokenHash: hashToken(j.token),
        subjectKind: 'member' as const,
        subjectId: j.id,
        expiresAt,
      })),
    );
  }
  return out;
}

/** Settings (example1 by default) paying the tiers just created. */
function benchSettings(tierIds: Map<number, number>, s = example1()): ActivitySettings {
  return {
    ...s,
    seatRewards: {
      ...s.seatRewards,
      teamTiers: s.seatRewards.teamTiers.map((t) => ({ ...t, tierId: tierIds.get(t.tierId)! })),
    },
  };
}

async function createActivities(
  ctx: AppContext,
  count: number,
  label: string,
  s: ActivitySettings,
  example = 'example1',
) {
  const ids: number[] = [];
  for (let k = 0; k < count; k++) {
    const a = await inTransaction(ctx.db, (tx) =>
      groupBuyRepo.insertActivity(tx, {
        name: `Bench ${label} ${k + 1} · ${example}`,
        description: `benchmark activity (examples.md ${example})`,
        isLargeZone: false,
        startsAt: null,
        endsAt: null,
        draft: s,
      }),
    );
    await publishActivity(ctx, null, a.id);
    ids.push(a.id);
  }
  return ids;
}

export async function seed(ctx: AppContext, plan: SeedPlan): Promise<Seeded> {
  const promoterUntil = addDays(platformDay(ctx.clock.now(), ctx.config.timeZone), 30);

  const tierIds = new Map<number, number>();
  await inTransaction(ctx.db, async (tx) => {
    const t1 = await membersRepo.insertTier(tx, {
      code: 'V1',
      name: '合伙人',
      rank: 1,
      rateBp: 100,
    });
    const t2 = await membersRepo.insertTier(tx, { code: 'V2', name: '联创', rank: 2, rateBp: 200 });
    tierIds.set(V1, t1.id);
    tierIds.set(V2, t2.id);
    const t3 = await membersRepo.insertTier(tx, { code: 'V3', name: '董事', rank: 3, rateBp: 300 });
    tierIds.set(3, t3.id);
  });
  const settings = benchSettings(tierIds);
  const httpActivityIds: number[] = [];
  if (plan.httpSettings?.length) {
    for (let k = 0; k < plan.httpActivities; k++) {
      const ex = plan.httpSettings[k % plan.httpSettings.length]!;
      const s = benchSettings(tierIds, ex.settings);
      httpActivityIds.push(...(await createActivities(ctx, 1, `join ${k + 1}`, s, ex.key)));
    }
  } else
    httpActivityIds.push(...(await createActivities(ctx, plan.httpActivities, 'join', settings)));
  const settleActivityIds = await createActivities(ctx, plan.settleActivities, 'settle', settings);

  // regional agents: district, city and province of each region (they do not join)
  const agentRows = REGIONS.flatMap(([p, c, d]) => [
    { key: `${p}/${c}/${d}`, level: 'district' as const, row: memberRow({}) },
    { key: `${p}/${c}`, level: 'city' as const, row: memberRow({}) },
    { key: p, level: 'province' as const, row: memberRow({}) },
  ]);
  const agentIds = await insertMembers(
    ctx,
    agentRows.map((a) => a.row),
  );
  await inTransaction(ctx.db, async (tx) => {
    for (let i = 0; i < agentRows.length; i++)
      await membersRepo.upsertAgent(tx, agentIds[i]!, agentRows[i]!.level, agentRows[i]!.key);
  });

  // the referral chain: indirect uplines (V2) above direct uplines (V1), all valid promoters
  const totalJoiners = plan.httpMembers + plan.settleActivities * 10;
  const nIndirect = Math.max(1, Math.ceil(totalJoiners / plan.membersPerIndirect));
  const nDirect = Math.max(1, Math.ceil(totalJoiners / plan.membersPerDirect));
  const indirectIds = await insertMembers(
    ctx,
    Array.from({ length: nIndirect }, () =>
      memberRow({ tierId: tierIds.get(V2)!, promoterValidUntil: promoterUntil }),
    ),
  );
  const directIds = await insertMembers(
    ctx,
    Array.from({ length: nDirect }, (_, i) =>
      memberRow({
        uplineId: indirectIds[i % nIndirect]!,
        tierId: tierIds.get(V1)!,
        promoterValidUntil: promoterUntil,
      }),
    ),
  );

  // joiners: a share below a direct upline, a share (drawn independently) in a region with agents
  let withUpline = 0;
  let withRegion = 0;
  const joinerRows = Array.from({ length: totalJoiners }, (_, j) => {
    const hasUpline = j % 100 < plan.uplineShare * 100;
    const region = (j * 37) % 100 < plan.regionShare * 100 ? REGIONS[j % REGIONS.length]! : null;
    if (hasUpline) withUpline++;
    if (region) withRegion++;
    return memberRow({
      uplineId: hasUpline ? directIds[j % nDirect]! : null,
      ...(region ? { province: region[0], city: region[1], district: region[2] } : {}),
    });
  });
  const joinerIds = await insertMembers(ctx, joinerRows);
  await creditCash(ctx, joinerIds, plan.cashFen);

  const httpIds = joinerIds.slice(0, plan.httpMembers);
  const settleIds = joinerIds.slice(plan.httpMembers);
  const joiners = await issueTokens(ctx, httpIds);
  const settleMembers = settleActivityIds.map((_, k) => settleIds.slice(k * 10, k * 10 + 10));
  return {
    httpActivityIds,
    settleActivityIds,
    joiners,
    settleMembers,
    shape: {
      members: agentIds.length + indirectIds.length + directIds.length + joinerIds.length,
      directUplines: nDirect,
      indirectUplines: nIndirect,
      agents: agentIds.length,
      joinersWithUpline: withUpline,
      joinersWithRegion: withRegion,
    },
  };
}
