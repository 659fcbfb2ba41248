/**
 * Settlement of a full group (SPEC §5, §6): decide eligibility, draw, and plan
 * every movement of value as journal entries — plus the orders, daily-dividend
 * weights, blind-box tickets and counters the caller writes in the same
 * transaction. Pure: everything the settlement needs comes in as data.
 *
 * Order of the plan (decided here where SPEC is silent, so gold caps are exact):
 * 1. outcome: winners' P escrow → sales; losers' P escrow → their cash, and the
 *    loser cash bonus;
 * 2. releases, seat by seat in seat order: the seat holder's own release
 *    (winner D / loser B), the every-seat release, then the direct and the
 *    indirect upline's release. Each is capped by the member's gold at that
 *    point, which starts at the balance before the draw and shrinks with every
 *    release of this settlement (a member may appear on several seats);
 * 3. credits: new shopping gold (C, so credited after every release — gold won
 *    in this draw is never released by it), points, vouchers;
 * 4. commissions, seat by seat: referral, team differential, regional differential;
 * 5. pools, from the winners' payments as one total per draw (rounded down once).
 *
 * Other decisions: referral commission needs a valid promoter (SPEC §1); the team
 * and regional differentials and the upline release do not (SPEC ties validity to
 * referral commission only). A regional agent earns on seats in their region,
 * their own seats included. A product order's cost is not a ledger entry (it is
 * paid to a supplier outside the wallet); the statement takes it from the orders.
 */
import { platformAccount, memberAccount, voucherAsset, type Asset } from '../assets';
import { transfer, type EntryKind, type JournalEntry, type Posting } from '../ledger';
import { applyRate, resolveRateOrFixed, type RateOrFixed } from '../money';
import {
  advanceCounters,
  decideEligibility,
  FRESH_COUNTERS,
  type EligibilityCounters,
  type SeatEligibility,
} from './eligibility';
import {
  drawWinners,
  HOUSE_MEMBER_REF,
  publishDraw,
  type DrawInput,
  type PublishedDraw,
} from './fairness';
import type { ActivityOption, ActivitySettings, GoldReleaseSetting, OptionKind } from './settings';

export interface UplineInfo {
  memberId: number;
  /** The upline's team tier (团队等级); its rank and reward come from the settings version. */
  tierId: number | null;
  /** 推广员有效期: only a valid promoter earns referral commission. */
  isValidPromoter: boolean;
  /** Shopping gold held before this draw (hundredths). */
  goldBalance: number;
}

export interface RegionalAgents {
  district: number | null;
  city: number | null;
  province: number | null;
}

export interface SeatHolder {
  memberId: number;
  /** Public reference used in the draw message (see fairness.ts). */
  memberRef: string;
  clientSeed: string;
  optionId: number;
  isFirstOfDay: boolean;
  isFirstEver: boolean;
  /** Shopping gold held before this draw (hundredths). */
  goldBefore: number;
  uplines: { direct: UplineInfo | null; indirect: UplineInfo | null };
  regionalAgents: RegionalAgents;
}

export interface SettlementSeat {
  seatNo: number;
  /** null = house seat (平台补位). */
  holder: SeatHolder | null;
}

export interface SettleGroupInput {
  settings: ActivitySettings;
  groupId: string | number;
  /** Revealed now; its commitment was published when the group opened. */
  serverSeedHex: string;
  seats: SettlementSeat[];
  /** Counters per member for this activity; a member not listed starts fresh. */
  counters: Record<number, EligibilityCounters>;
}

export interface WinnerOrder {
  seatNo: number;
  memberId: number;
  optionId: number;
  kind: OptionKind;
  costFen: number;
  deliveryCostFen: number;
  /** For voucher options: the voucher is credited by an entry, the order is already fulfilled. */
  voucherKindId?: number;
}

export interface BlindBoxTicket {
  seatNo: number;
  memberId: number;
  /** Unique per ticket; the blind-box use case opens it once. */
  ticketKey: string;
}

export interface SettlementStatement {
  /** Winners' payments (cash in). */
  cashIn: number;
  outflows: {
    productCost: number;
    loserBonus: number;
    releasesPaid: number;
    monthlyPool: number;
    dailyPool: number;
    referral: number;
    team: number;
    regional: number;
  };
  cashOut: number;
  cashProfit: number;
  /** Value promised but not yet paid (hundredths). */
  obligations: {
    newShoppingGold: number;
    /** Gold extinguished by the releases (paid in cash above). */
    shoppingGoldReleased: number;
    dividendPoints: number;
    consumptionPoints: number;
    /** Per voucher asset. */
    vouchers: Record<string, number>;
  };
}

export type GroupOutcome =
  { kind: 'drawn'; winners: number[]; forcedWinners: number[] } | { kind: 'failed_conflict' };

export interface GroupSettlement {
  outcome: GroupOutcome;
  eligibility: SeatEligibility[];
  /** Everything to publish; `verifyDraw(draw)` recomputes it. */
  draw: PublishedDraw;
  /** New counters of every real seat holder (unchanged when the group failed). */
  counters: Record<number, EligibilityCounters>;
  entries: JournalEntry[];
  orders: WinnerOrder[];
  dailyDividendWeights: { memberId: number; weight: number }[];
  blindBoxTickets: BlindBoxTicket[];
  statement: SettlementStatement;
}

export class SettlementInputError extends Error {
  override name = 'SettlementInputError';
}

export function settleGroup(input: SettleGroupInput): GroupSettlement {
  const { settings } = input;
  const seats = checkedSeats(input);
  const countersOf = (memberId: number) => input.counters[memberId] ?? FRESH_COUNTERS;
  const eligibility = decideEligibility(
    seats.map((s) => ({
      seatNo: s.seatNo,
      isHouse: s.holder === null,
      isFirstOfDay: s.holder?.isFirstOfDay ?? false,
      isFirstEver: s.holder?.isFirstEver ?? false,
      counters: s.holder ? countersOf(s.holder.memberId) : FRESH_COUNTERS,
    })),
    settings.rules,
  );
  const drawInput: DrawInput = {
    serverSeedHex: input.serverSeedHex,
    groupId: input.groupId,
    winners: settings.winners,
    conflictPolicy: settings.conflictPolicy,
    seats: seats.map((s, i) => ({
      seatNo: s.seatNo,
      memberRef: s.holder?.memberRef ?? HOUSE_MEMBER_REF,
      clientSeed: s.holder?.clientSeed ?? '',
      eligible: eligibility[i]!.eligible,
      excludedBy: eligibility[i]!.excludedBy,
    })),
  };
  const result = drawWinners(drawInput);
  const draw = publishDraw(drawInput, result);
  const plan = new Plan(input.groupId);

  if (result.outcome === 'failed_conflict') {
    refundEveryone(plan, seats, settings.priceFen);
    const counters: Record<number, EligibilityCounters> = {};
    for (const s of seats)
      if (s.holder) counters[s.holder.memberId] = { ...countersOf(s.holder.memberId) };
    return {
      outcome: { kind: 'failed_conflict' },
      eligibility,
      draw,
      counters,
      entries: plan.entries,
      orders: [],
      dailyDividendWeights: [],
      blindBoxTickets: [],
      statement: statementOf(plan.entries, []),
    };
  }

  const winners = new Set(result.winners);
  const forced = new Set(result.forcedWinners);
  const real = seats.filter((s): s is SettlementSeat & { holder: SeatHolder } => s.holder !== null);
  const gold = goldBook(real);
  const P = settings.priceFen;

  for (const s of real)
    if (winners.has(s.seatNo)) settleWinnerPayment(plan, s.seatNo, s.holder, P);
    else settleLoserPayment(plan, s.seatNo, s.holder, settings);
  for (const s of real)
    releaseGold(plan, gold, s.seatNo, s.holder, winners.has(s.seatNo), settings);

  const orders: WinnerOrder[] = [];
  for (const s of real) {
    if (winners.has(s.seatNo)) {
      const option = optionOf(settings, s.holder.optionId);
      orders.push(orderOf(s.seatNo, s.holder.memberId, option));
      creditWinner(plan, s.seatNo, s.holder.memberId, option, settings);
    } else creditLoser(plan, s.seatNo, s.holder.memberId, settings);
  }
  for (const s of real) payCommissions(plan, s.seatNo, s.holder, settings);
  contributeToPools(plan, winners.size * P, settings);

  const counters: Record<number, EligibilityCounters> = {};
  for (const s of real) {
    const outcome = !winners.has(s.seatNo) ? 'lost' : forced.has(s.seatNo) ? 'forced_win' : 'won';
    counters[s.holder.memberId] = advanceCounters(
      countersOf(s.holder.memberId),
      settings.rules,
      outcome,
    );
  }
  const winningSeats = real.filter((s) => winners.has(s.seatNo));
  return {
    outcome: { kind: 'drawn', winners: result.winners, forcedWinners: result.forcedWinners },
    eligibility,
    draw,
    counters,
    entries: plan.entries,
    orders,
    dailyDividendWeights: winningSeats.map((s) => ({ memberId: s.holder.memberId, weight: P })),
    blindBoxTickets: settings.winnerRewards.hasBlindBox
      ? winningSeats.map((s) => ({
          seatNo: s.seatNo,
          memberId: s.holder.memberId,
          ticketKey: plan.key('win', s.seatNo, 'blind_box'),
        }))
      : [],
    statement: statementOf(plan.entries, orders),
  };
}

/** The entries being planned, with keys derived from the group id. */
class Plan {
  readonly entries: JournalEntry[] = [];
  constructor(private readonly groupId: string | number) {}
  key(...parts: (string | number)[]): string {
    return ['g', this.groupId, ...parts].join(':');
  }
  /** Adds an entry unless it moves nothing (a zero reward writes no row). */
  add(
    key: string,
    kind: EntryKind,
    ref: Record<string, string | number>,
    postings: Posting[],
  ): void {
    if (postings.length === 0) return;
    this.entries.push({
      idempotencyKey: key,
      kind,
      ref: { groupId: this.groupId, ...ref },
      postings,
    });
  }
}

const ESCROW = platformAccount('escrow', 'CASH');
const SALES = platformAccount('sales', 'CASH');

function refundEveryone(plan: Plan, seats: SettlementSeat[], P: number): void {
  for (const s of seats)
    if (s.holder)
      plan.add(
        plan.key('refund', s.seatNo),
        'refund',
        { seatNo: s.seatNo, reason: 'failed_conflict' },
        transfer(ESCROW, memberAccount(s.holder.memberId, 'CASH'), P),
      );
}

function settleWinnerPayment(plan: Plan, seatNo: number, holder: SeatHolder, P: number): void {
  plan.add(
    plan.key('win', seatNo, 'sale'),
    'sale',
    { seatNo, memberId: holder.memberId },
    transfer(ESCROW, SALES, P),
  );
}

function settleLoserPayment(
  plan: Plan,
  seatNo: number,
  holder: SeatHolder,
  s: ActivitySettings,
): void {
  const cash = memberAccount(holder.memberId, 'CASH');
  const ref = { seatNo, memberId: holder.memberId };
  plan.add(plan.key('lose', seatNo, 'refund'), 'refund', ref, transfer(ESCROW, cash, s.priceFen));
  const bonus = resolveRateOrFixed(s.loserRewards.cashBonus, s.priceFen);
  plan.add(
    plan.key('lose', seatNo, 'bonus'),
    'loser_bonus',
    ref,
    transfer(platformAccount('rewards_expense', 'CASH'), cash, bonus),
  );
}

/** Gold per member as the settlement goes: starts before the draw, shrinks with each release. */
type GoldBook = Map<number, number>;

function goldBook(real: { holder: SeatHolder }[]): GoldBook {
  const book: GoldBook = new Map();
  const note = (memberId: number, balance: number) => {
    const known = book.get(memberId);
    if (known !== undefined && known !== balance)
      throw new SettlementInputError(`member ${memberId} has two different gold balances`);
    if (!Number.isSafeInteger(balance) || balance < 0)
      throw new SettlementInputError(`member ${memberId} has a bad gold balance`);
    book.set(memberId, balance);
  };
  for (const { holder } of real) note(holder.memberId, holder.goldBefore);
  for (const { holder } of real)
    for (const u of [holder.uplines.direct, holder.uplines.indirect])
      if (u) note(u.memberId, u.goldBalance);
  return book;
}

/** Gold → cash: the gold is extinguished (an obligation paid) and the cash comes from the release expense. */
function releaseEntry(
  plan: Plan,
  key: string,
  kind: EntryKind,
  memberId: number,
  amount: number,
  ref: Record<string, string | number>,
): void {
  plan.add(key, kind, { memberId, ...ref }, [
    ...transfer(memberAccount(memberId, 'GOLD'), platformAccount('issuance', 'GOLD'), amount),
    ...transfer(
      platformAccount('release_expense', 'CASH'),
      memberAccount(memberId, 'CASH'),
      amount,
    ),
  ]);
}

function capByGold(gold: GoldBook, memberId: number, wanted: number): number {
  const held = gold.get(memberId) ?? 0;
  const amount = Math.min(wanted, held);
  gold.set(memberId, held - amount);
  return amount;
}

function ofOwnGold(setting: GoldReleaseSetting | null, held: number): number {
  if (!setting) return 0;
  return setting.kind === 'fixed' ? setting.amount : applyRate(held, setting.bp);
}

function releaseGold(
  plan: Plan,
  gold: GoldBook,
  seatNo: number,
  holder: SeatHolder,
  isWinner: boolean,
  s: ActivitySettings,
): void {
  const me = holder.memberId;
  const own = isWinner ? s.winnerRewards.goldRelease : s.loserRewards.goldRelease;
  const role = isWinner ? 'win' : 'lose';
  releaseEntry(
    plan,
    plan.key(role, seatNo, 'release'),
    'release',
    me,
    capByGold(gold, me, resolveRateOrFixed(own, s.priceFen)),
    { seatNo, release: isWinner ? 'winner' : 'loser' },
  );
  const seatWanted = ofOwnGold(s.seatRewards.seatGoldRelease, gold.get(me) ?? 0);
  releaseEntry(
    plan,
    plan.key('seat', seatNo, 'seat_release'),
    'release',
    me,
    capByGold(gold, me, seatWanted),
    { seatNo, release: 'seat' },
  );
  const levels = [
    ['direct', holder.uplines.direct, s.seatRewards.uplineRelease.direct],
    ['indirect', holder.uplines.indirect, s.seatRewards.uplineRelease.indirect],
  ] as const;
  for (const [level, upline, setting] of levels) {
    if (!upline) continue;
    const wanted = ofOwnGold(setting, gold.get(upline.memberId) ?? 0);
    releaseEntry(
      plan,
      plan.key('seat', seatNo, 'upline_release', level),
      'upline_release',
      upline.memberId,
      capByGold(gold, upline.memberId, wanted),
      { seatNo, level },
    );
  }
}

/** Value the platform creates: from `issuance` of that asset to the member. */
function issue(
  plan: Plan,
  key: string,
  kind: EntryKind,
  memberId: number,
  asset: Asset,
  amount: number,
  ref: Record<string, string | number>,
): void {
  plan.add(
    key,
    kind,
    { memberId, ...ref },
    transfer(platformAccount('issuance', asset), memberAccount(memberId, asset), amount),
  );
}

function creditWinner(
  plan: Plan,
  seatNo: number,
  memberId: number,
  option: ActivityOption,
  s: ActivitySettings,
): void {
  const P = s.priceFen;
  const w = s.winnerRewards;
  const ref = { seatNo };
  if (option.kind === 'voucher')
    issue(
      plan,
      plan.key('win', seatNo, 'voucher'),
      'voucher_credit',
      memberId,
      voucherAsset(option.voucherKindId!),
      P,
      { ...ref, optionId: option.id },
    );
  issue(
    plan,
    plan.key('win', seatNo, 'gold'),
    'gold_credit',
    memberId,
    'GOLD',
    resolveRateOrFixed(w.shoppingGold, P),
    ref,
  );
  issue(
    plan,
    plan.key('win', seatNo, 'dividend'),
    'dividend_points',
    memberId,
    'DIVIDEND',
    resolveRateOrFixed(w.dividendPoints, P),
    ref,
  );
  issue(
    plan,
    plan.key('win', seatNo, 'consumption'),
    'consumption_points',
    memberId,
    'CONSUMPTION',
    resolveRateOrFixed(w.consumptionPoints, P),
    ref,
  );
}

function creditLoser(plan: Plan, seatNo: number, memberId: number, s: ActivitySettings): void {
  const amount = resolveRateOrFixed(s.loserRewards.consumptionPoints, s.priceFen);
  issue(
    plan,
    plan.key('lose', seatNo, 'consumption'),
    'consumption_points',
    memberId,
    'CONSUMPTION',
    amount,
    { seatNo },
  );
}

const COMMISSIONS = platformAccount('commissions_expense', 'CASH');

function payCommission(
  plan: Plan,
  key: string,
  kind: EntryKind,
  to: number,
  amount: number,
  ref: Record<string, string | number>,
): void {
  plan.add(
    key,
    kind,
    { memberId: to, ...ref },
    transfer(COMMISSIONS, memberAccount(to, 'CASH'), amount),
  );
}

function payCommissions(plan: Plan, seatNo: number, holder: SeatHolder, s: ActivitySettings): void {
  const P = s.priceFen;
  const { direct, indirect } = holder.uplines;
  const ref = { seatNo, fromMemberId: holder.memberId };
  // Referral (推广奖励): at most two levels, and only to a valid promoter.
  const referral = [
    ['direct', direct, s.seatRewards.referral.direct],
    ['indirect', indirect, s.seatRewards.referral.indirect],
  ] as const;
  for (const [level, upline, setting] of referral)
    if (upline?.isValidPromoter)
      payCommission(
        plan,
        plan.key('seat', seatNo, 'referral', level),
        'referral_commission',
        upline.memberId,
        resolveRateOrFixed(setting, P),
        { ...ref, level },
      );

  const tierReward = (tierId: number | null) =>
    s.seatRewards.teamTiers.find((t) => t.tierId === tierId)?.reward ?? null;
  const team = differential(
    [
      {
        level: 'direct',
        memberId: direct?.memberId ?? null,
        reward: direct ? tierReward(direct.tierId) : null,
      },
      {
        level: 'indirect',
        memberId: indirect?.memberId ?? null,
        reward: indirect ? tierReward(indirect.tierId) : null,
      },
    ],
    P,
  );
  for (const t of team)
    payCommission(
      plan,
      plan.key('seat', seatNo, 'team', t.level),
      'team_commission',
      t.memberId,
      t.amount,
      { ...ref, level: t.level },
    );

  const { regional } = s.seatRewards;
  const agents = holder.regionalAgents;
  const region = differential(
    [
      { level: 'district', memberId: agents.district, reward: regional.district },
      { level: 'city', memberId: agents.city, reward: regional.city },
      { level: 'province', memberId: agents.province, reward: regional.province },
    ],
    P,
  );
  for (const r of region)
    payCommission(
      plan,
      plan.key('seat', seatNo, 'regional', r.level),
      'regional_commission',
      r.memberId,
      r.amount,
      { ...ref, level: r.level },
    );
}

/**
 * 级差: walking up from the seat, each earns its level's amount minus the
 * highest amount already reached below it on this seat, if positive. A level
 * with nobody on it pays nothing and raises nothing.
 */
export function differential<L extends string>(
  levels: readonly { level: L; memberId: number | null; reward: RateOrFixed | null }[],
  priceFen: number,
): { level: L; memberId: number; amount: number }[] {
  const paid: { level: L; memberId: number; amount: number }[] = [];
  let reached = 0;
  for (const l of levels) {
    if (l.memberId === null || !l.reward) continue;
    const amount = resolveRateOrFixed(l.reward, priceFen);
    if (amount > reached)
      paid.push({ level: l.level, memberId: l.memberId, amount: amount - reached });
    reached = Math.max(reached, amount);
  }
  return paid;
}

function contributeToPools(plan: Plan, winnersPayments: number, s: ActivitySettings): void {
  const ref = { winnersPayments };
  plan.add(
    plan.key('pool', 'monthly'),
    'pool_contribution',
    { ...ref, pool: 'monthly' },
    transfer(
      SALES,
      platformAccount('pool_monthly', 'CASH'),
      applyRate(winnersPayments, s.pools.monthlyPoolBp),
    ),
  );
  plan.add(
    plan.key('pool', 'daily'),
    'pool_contribution',
    { ...ref, pool: 'daily' },
    transfer(
      SALES,
      platformAccount('pool_daily', 'CASH'),
      applyRate(winnersPayments, s.pools.dailyPoolBp),
    ),
  );
}

function optionOf(s: ActivitySettings, optionId: number): ActivityOption {
  const o = s.options.find((x) => x.id === optionId);
  if (!o) throw new SettlementInputError(`option ${optionId} is not in this activity version`);
  return o;
}

function orderOf(seatNo: number, memberId: number, o: ActivityOption): WinnerOrder {
  return {
    seatNo,
    memberId,
    optionId: o.id,
    kind: o.kind,
    costFen: o.costFen,
    deliveryCostFen: o.deliveryCostFen,
    ...(o.voucherKindId !== undefined ? { voucherKindId: o.voucherKindId } : {}),
  };
}

/** Seats 1..N of a full group, each member once, uplines sane. */
function checkedSeats(input: SettleGroupInput): SettlementSeat[] {
  const seats = [...input.seats].sort((a, b) => a.seatNo - b.seatNo);
  if (seats.length !== input.settings.groupSize || seats.some((s, i) => s.seatNo !== i + 1))
    throw new SettlementInputError(`a full group has seats 1..${input.settings.groupSize}`);
  const members = new Set<number>();
  for (const { holder } of seats) {
    if (!holder) continue;
    if (members.has(holder.memberId))
      throw new SettlementInputError(`member ${holder.memberId} holds two seats`);
    members.add(holder.memberId);
    optionOf(input.settings, holder.optionId);
    const { direct, indirect } = holder.uplines;
    if (indirect && !direct)
      throw new SettlementInputError('an indirect upline needs a direct one');
    const chain = [holder.memberId, direct?.memberId, indirect?.memberId].filter(
      (x) => x !== undefined,
    );
    if (new Set(chain).size !== chain.length)
      throw new SettlementInputError(`member ${holder.memberId} appears in their own upline chain`);
  }
  return seats;
}

/** The statement, read from the entries themselves (and product costs from the orders). */
export function statementOf(
  entries: readonly JournalEntry[],
  orders: readonly WinnerOrder[],
): SettlementStatement {
  const sum = (pred: (kind: EntryKind, p: Posting) => boolean) => {
    let total = 0;
    for (const e of entries) for (const p of e.postings) if (pred(e.kind, p)) total += p.amount;
    return total;
  };
  // 0 - x, not -x: an empty sum must read 0, not -0.
  const spent = (pred: (kind: EntryKind, p: Posting) => boolean) => 0 - sum(pred);
  const platform = (p: Posting, purpose: string, asset: Asset = 'CASH') =>
    p.account.owner === 'platform' && p.account.purpose === purpose && p.account.asset === asset;
  const memberIn = (p: Posting, asset: Asset) =>
    p.account.owner === 'member' && p.account.asset === asset;

  const cashIn = sum((k, p) => k === 'sale' && platform(p, 'sales'));
  const outflows = {
    productCost: orders.reduce((t, o) => t + o.costFen + o.deliveryCostFen, 0),
    loserBonus: spent((k, p) => k === 'loser_bonus' && platform(p, 'rewards_expense')),
    releasesPaid: spent((_, p) => platform(p, 'release_expense')),
    monthlyPool: sum((_, p) => platform(p, 'pool_monthly')),
    dailyPool: sum((_, p) => platform(p, 'pool_daily')),
    referral: spent((k, p) => k === 'referral_commission' && platform(p, 'commissions_expense')),
    team: spent((k, p) => k === 'team_commission' && platform(p, 'commissions_expense')),
    regional: spent((k, p) => k === 'regional_commission' && platform(p, 'commissions_expense')),
  };
  const cashOut = Object.values(outflows).reduce((a, b) => a + b, 0);
  const vouchers: Record<string, number> = {};
  for (const e of entries)
    for (const p of e.postings)
      if (p.account.owner === 'member' && p.account.asset.startsWith('VOUCHER:'))
        vouchers[p.account.asset] = (vouchers[p.account.asset] ?? 0) + p.amount;
  return {
    cashIn,
    outflows,
    cashOut,
    cashProfit: cashIn - cashOut,
    obligations: {
      newShoppingGold: sum((k, p) => k === 'gold_credit' && memberIn(p, 'GOLD')),
      shoppingGoldReleased: spent((_, p) => memberIn(p, 'GOLD') && p.amount < 0),
      dividendPoints: sum((_, p) => memberIn(p, 'DIVIDEND')),
      consumptionPoints: sum((_, p) => memberIn(p, 'CONSUMPTION')),
      vouchers,
    },
  };
}
