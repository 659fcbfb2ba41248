/**
 * The draw and settlement of a full group, inside the transaction that filled
 * it (SPEC §6: one transaction with the draw). Loads the facts the engine
 * needs (the gold that releases draw on locked, uplines, tiers, agents, counters), runs
 * `settleGroup`, and writes everything it returns.
 */
import { randomBytes } from 'node:crypto';
import {
  commitment,
  FRESH_COUNTERS,
  newServerSeed,
  platformDay,
  settleGroup,
  type ActivitySettings,
  type EligibilityCounters,
  type OptionKind,
  type SettlementSeat,
  type UplineInfo,
} from '@pingou/engine';
import {
  groupBuyRepo,
  ledgerRepo,
  realtimeRepo,
  settlementsRepo,
  stockRepo,
  type Tx,
} from '@pingou/db';
import type { AppContext } from '../../context';

export function newSeed(): { serverSeed: string; commitment: string } {
  const serverSeed = newServerSeed(randomBytes(32));
  return { serverSeed, commitment: commitment(serverSeed) };
}

export function orderNo(groupId: number, seatNo: number): string {
  return `G${String(groupId).padStart(8, '0')}${String(seatNo).padStart(4, '0')}`;
}

/**
 * A voucher is credited by the settlement itself and a virtual product's code is delivered with
 * it (completed); a virtual product without a code (its option has no codes: unlimited) waits
 * for the operator to deliver it (awaiting shipment, no address); goods need an address first.
 */
function orderStatusAtDraw(kind: OptionKind, hasCode: boolean): groupBuyRepo.OrderStatus {
  switch (kind) {
    case 'voucher':
      return 'completed';
    case 'virtual':
      return hasCode ? 'completed' : 'awaiting_shipment';
    case 'product':
      return 'awaiting_address';
    default: {
      const never: never = kind;
      return never;
    }
  }
}

export async function drawAndSettle(
  ctx: AppContext,
  tx: Tx,
  group: groupBuyRepo.GroupRow,
  settings: ActivitySettings,
) {
  const seatRows = await groupBuyRepo.groupSeats(tx, group.id);
  const holderIds = seatRows.flatMap((s) => (s.memberId === null ? [] : [s.memberId]));
  const today = platformDay(ctx.clock.now(), ctx.config.timeZone);

  // uplines two levels up, then every member whose facts the settlement reads
  // (both levels in one round trip)
  const { direct, indirect } = await groupBuyRepo.uplinesTwoLevels(tx, holderIds);
  const directIds = [...new Set([...direct.values()].filter((x): x is number => x !== null))];
  const indirectIds = [...indirect.values()].filter((x): x is number => x !== null);
  // Lock only the gold that a release in this settlement may draw on; everything else is only read.
  const r = settings.seatRewards;
  const holdersRelease = Boolean(
    settings.winnerRewards.goldRelease || settings.loserRewards.goldRelease || r.seatGoldRelease,
  );
  const lockGoldOf = [
    ...(holdersRelease ? holderIds : []),
    ...(r.uplineRelease.direct ? directIds : []),
    ...(r.uplineRelease.indirect ? indirectIds : []),
  ];
  const holders0 = await groupBuyRepo.memberFacts(
    tx,
    [...holderIds, ...directIds, ...indirectIds],
    lockGoldOf,
  );
  const regionKeys = new Set<string>();
  for (const id of holderIds) {
    const m = holders0.get(id);
    if (!m?.province) continue;
    regionKeys.add(`province:${m.province}`);
    if (m.city) regionKeys.add(`city:${m.province}/${m.city}`);
    if (m.city && m.district) regionKeys.add(`district:${m.province}/${m.city}/${m.district}`);
  }
  const agents = await groupBuyRepo.agentsFor(
    tx,
    [...regionKeys].map((k) => k.slice(k.indexOf(':') + 1)),
  );
  const agentIds = [...agents.values()].filter((id) => !holders0.has(id));
  const more = await groupBuyRepo.memberFacts(tx, agentIds, []); // agents earn cash only
  const facts = new Map([...holders0, ...more]);

  const upline = (id: number | null | undefined): UplineInfo | null => {
    if (id === null || id === undefined) return null;
    const f = facts.get(id);
    if (!f) return null;
    return {
      memberId: id,
      tierId: f.tier_id,
      isValidPromoter: f.promoter_valid_until !== null && f.promoter_valid_until >= today,
      goldBalance: f.gold,
    };
  };
  const counterRows = await groupBuyRepo.lockCounters(tx, group.activityId, holderIds);
  const counters: Record<number, EligibilityCounters> = {};
  for (const id of holderIds)
    counters[id] = (counterRows.get(id) as EligibilityCounters | undefined) ?? {
      ...FRESH_COUNTERS,
    };

  const seats: SettlementSeat[] = seatRows.map((s) => {
    if (s.memberId === null) return { seatNo: s.seatNo, holder: null };
    const f = facts.get(s.memberId)!;
    const d = direct.get(s.memberId) ?? null;
    const i = d === null ? null : (indirect.get(d) ?? null);
    const agent = (level: string, key: string | null) =>
      key ? (agents.get(`${level}:${key}`) ?? null) : null;
    return {
      seatNo: s.seatNo,
      holder: {
        memberId: s.memberId,
        memberRef: s.memberRef,
        clientSeed: s.clientSeed,
        optionId: s.optionId,
        isFirstOfDay: s.isFirstOfDay,
        isFirstEver: s.isFirstEver,
        goldBefore: f.gold,
        uplines: { direct: upline(d), indirect: upline(i) },
        regionalAgents: {
          province: agent('province', f.province),
          city: agent('city', f.province && f.city ? `${f.province}/${f.city}` : null),
          district: agent(
            'district',
            f.province && f.city && f.district ? `${f.province}/${f.city}/${f.district}` : null,
          ),
        },
      },
    };
  });

  const result = settleGroup({
    settings,
    groupId: group.id,
    serverSeedHex: group.serverSeed,
    seats,
    counters,
  });
  await ledgerRepo.postEntries(tx, result.entries);
  // delivered on commit only, so no listener ever sees a draw that rolled back
  await realtimeRepo.notifyGroup(
    tx,
    group.id,
    result.outcome.kind === 'failed_conflict' ? 'failed' : 'drawn',
  );
  const now = ctx.clock.now();
  if (result.outcome.kind === 'failed_conflict') {
    await groupBuyRepo.updateGroup(tx, group.id, {
      status: 'failed',
      failReason: 'conflict',
      draw: result.draw,
      statement: result.statement,
      closedAt: now,
    });
    await groupBuyRepo.setSeatResults(
      tx,
      group.id,
      seatRows
        .filter((s) => s.memberId !== null)
        .map((s) => ({ seatNo: s.seatNo, result: 'refunded' as const })),
    );
    await stockRepo.closeReservations(tx, group.id, []); // everyone refunded: every unit released
    return result;
  }
  const winners = new Set(result.outcome.winners);
  await groupBuyRepo.setSeatResults(
    tx,
    group.id,
    seatRows
      .filter((s) => s.memberId !== null)
      .map((s) => ({
        seatNo: s.seatNo,
        result: winners.has(s.seatNo) ? ('won' as const) : ('lost' as const),
      })),
  );
  await groupBuyRepo.saveCounters(
    tx,
    group.activityId,
    Object.entries(result.counters).map(([memberId, c]) => ({
      memberId: Number(memberId),
      counters: c,
    })),
  );
  const options = new Map(settings.options.map((o) => [o.id, o]));
  // Stock: the winners' reserved units are sold and the losers' released (one statement); each
  // winning seat of a virtual option that held a unit takes one of its codes.
  const soldSeats = new Set(
    (await stockRepo.closeReservations(tx, group.id, result.outcome.winners)).map((u) => u.seatNo),
  );
  const codes = await stockRepo.assignCodes(
    tx,
    group.activityId,
    result.orders
      .filter((o) => o.kind === 'virtual' && soldSeats.has(o.seatNo))
      .map((o) => ({ ...o, orderNo: orderNo(group.id, o.seatNo) })),
    now,
  );
  await groupBuyRepo.insertOrders(
    tx,
    result.orders.map((o) => ({
      orderNo: orderNo(group.id, o.seatNo),
      memberId: o.memberId,
      source: 'group' as const,
      groupId: group.id,
      seatNo: o.seatNo,
      activityId: group.activityId,
      optionId: o.optionId,
      itemName: options.get(o.optionId)?.name ?? String(o.optionId),
      kind: o.kind,
      costFen: o.costFen + o.deliveryCostFen,
      status: orderStatusAtDraw(o.kind, codes.has(o.seatNo)),
    })),
  );
  await groupBuyRepo.addDailyWeights(tx, today, result.dailyDividendWeights);
  await settlementsRepo.addDailyPool(tx, today, result.statement.outflows.dailyPool);
  await groupBuyRepo.insertTickets(
    tx,
    result.blindBoxTickets.map((t) => ({
      ticketKey: t.ticketKey,
      memberId: t.memberId,
      activityId: group.activityId,
      groupId: group.id,
    })),
  );
  await groupBuyRepo.updateGroup(tx, group.id, {
    status: 'drawn',
    draw: result.draw,
    statement: result.statement,
    closedAt: now,
  });
  return result;
}
