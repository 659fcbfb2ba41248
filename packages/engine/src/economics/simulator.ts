/**
 * The day-by-day simulator (SPEC §12): a member population plays one activity
 * for D days. Every full group is drawn and settled by the real `settleGroup`
 * (server seed = SHA-256 of the simulation seed and the group number), and
 * every calendar settlement runs each night with the engine's own rules
 * (`staticReleaseAmount`, `allocate`, `poolWindowAt`, `monthOf`). Balances live
 * in memory and move only by applying the ledger entries those functions
 * return — the simulator is a tiny in-memory ledger, not a second copy of the
 * rules. Behaviour (arrivals, joins, churn, recharges, withdrawals, pool
 * transfers) comes from a seeded sfc32 stream, so the same seed gives the same
 * series.
 *
 * Thin adaptations, where the rule lives in the server's use cases (SQL):
 * the join (cash → escrow, oldest open group without the member's seat, daily
 * limit, first-of-day / first-ever flags, promoter validity: SPEC §1 as in
 * join-group.ts), the entries of a recharge, a withdrawal, a pool transfer, and
 * the nightly dividend splits (the allocation itself is `allocate`).
 * Not modelled: group timeouts (a steady flow fills groups within the day),
 * house seats, blind-box prizes, malls (points stay outstanding), the chain bridge.
 */
import { addDays, startOfDay, type PlatformDay } from '../calendar';
import { staticReleaseAmount, validateStaticReleaseRule } from '../calendar-settlement';
import { monthOf } from '../monthly-period';
import {
  poolWindowAt,
  poolWindowProblems,
  POOL_TRANSFER_UNIT,
  type PoolWindowSettings,
} from '../pool-window';
import { NEGATIVE_ALLOWED, platformAccount, memberAccount, type Asset } from '../assets';
import { assertBalanced, transfer, type JournalEntry, type Posting } from '../ledger';
import { allocate, applyRate } from '../money';
import { withdrawalFee } from '../withdrawal-fee';
import type { EligibilityCounters } from '../groupbuy/eligibility';
import type { ActivitySettings } from '../groupbuy/settings';
import { settleGroup, type SettlementSeat, type UplineInfo } from '../groupbuy/settlement';
import { assertValidActivity } from './draw-calculator';
import { EconomicsInputError, type EconomicsProblem } from './errors';
import { seededRandom, simulatedServerSeed } from './prng';

export interface SimulationPopulation {
  startDay: PlatformDay;
  days: number;
  seed: string;
  initialMembers: number;
  arrivalsPerDay: number;
  maxMembers: number | null;
  activeBp: number;
  joinsWhenActive: { min: number; max: number };
  churnBp: number;
  referral: { invitedBp: number; tiers: { tierId: number; shareBp: number }[] };
  regions: {
    provinces: number;
    citiesPerProvince: number;
    districtsPerCity: number;
    agentBp: { district: number; city: number; province: number };
  };
  rechargeFen: number;
  withdrawBp: number;
  withdrawal: { minimumFen: number; feeBp: number };
  staticRelease: {
    isEnabled: boolean;
    baseBp: number;
    accelerationBpPerJoin: number;
    maxBp: number;
  };
  poolTransferBp: number;
  poolWindows: PoolWindowSettings;
  monthlyDividend: boolean;
  timeZone: string;
}

export interface NetPositions {
  members: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  aheadBp: number;
  behindBp: number;
}

export interface SimulationDay {
  day: PlatformDay;
  members: number;
  joins: number;
  groupsDrawn: number;
  groupsFailed: number;
  rechargesFen: number;
  withdrawalsFen: number;
  feesFen: number;
  staticReleaseFen: number;
  dailyDividendFen: number;
  monthlyDividendFen: number;
  cashProfitTodayFen: number;
  platformCashFen: number;
  cashProfitFen: number;
  memberCashFen: number;
  escrowFen: number;
  obligations: {
    shoppingGold: number;
    dividendPoints: number;
    poolPoints: number;
    consumptionPoints: number;
    vouchers: number;
    monthlyPoolFen: number;
    dailyPoolFen: number;
  };
  net: NetPositions;
}

export interface SimulationResult {
  seed: string;
  startDay: PlatformDay;
  days: number;
  totals: {
    members: number;
    joins: number;
    seats: number;
    groupsDrawn: number;
    groupsFailed: number;
    limitedJoins: number;
    maxJoinsOneMemberOneDay: number;
    rechargesFen: number;
    withdrawalsFen: number;
    productCostFen: number;
    /** The drawn groups' statements' cash profit, summed. */
    drawsCashProfitFen: number;
    openSeats: number;
  };
  series: SimulationDay[];
}

export interface SimulationLimits {
  /** Refuse when member cap × days exceeds this. */
  maxMemberDays?: number;
  /** Refuse when member cap × days × active share × most joins per active day exceeds this. */
  maxJoins?: number;
  maxDays?: number;
}

/** An upper bound of the joins a population can make: what the HTTP route's bound is on. */
export function joinsBound(p: SimulationPopulation): number {
  return Math.ceil((populationCap(p) * p.days * p.activeBp * p.joinsWhenActive.max) / 10_000);
}

/** The most members the population can ever have. */
export function populationCap(p: SimulationPopulation): number {
  const arrived = p.initialMembers + p.arrivalsPerDay * p.days;
  return p.maxMembers === null ? arrived : Math.min(arrived, p.maxMembers);
}

export function simulateEconomics(
  settings: ActivitySettings,
  population: SimulationPopulation,
  limits: SimulationLimits = {},
): SimulationResult {
  assertValidActivity(settings);
  const problems = populationProblems(settings, population);
  if (problems.length) throw new EconomicsInputError('POPULATION_INVALID', problems);
  const cap = populationCap(population);
  const memberDays = cap * population.days;
  const joins = joinsBound(population);
  if (
    (limits.maxDays !== undefined && population.days > limits.maxDays) ||
    (limits.maxMemberDays !== undefined && memberDays > limits.maxMemberDays) ||
    (limits.maxJoins !== undefined && joins > limits.maxJoins)
  )
    throw new EconomicsInputError('TOO_LARGE', [
      {
        path: 'population',
        message: `${population.days} days (bound ${limits.maxDays ?? '∞'}), member cap × days = ${memberDays} (bound ${limits.maxMemberDays ?? '∞'}), joins up to ${joins} (bound ${limits.maxJoins ?? '∞'})`,
      },
    ]);
  const result = new Simulation(settings, population, cap).run();
  if (result.totals.groupsDrawn + result.totals.groupsFailed === 0)
    throw new EconomicsInputError('POPULATION_INVALID', [
      {
        path: 'population',
        message: `no group of ${settings.groupSize} filled in ${population.days} days: more members, more activity or more days are needed`,
      },
    ]);
  return result;
}

export function populationProblems(
  s: ActivitySettings,
  p: SimulationPopulation,
): EconomicsProblem[] {
  const out: EconomicsProblem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  const count = (path: string, v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER) => {
    const ok = typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
    if (!ok) add(path, `must be a whole number from ${min} to ${max}`);
    return ok;
  };
  const bp = (path: string, v: unknown) => count(path, v, 0, 10_000);
  count('days', p.days, 1, 3650);
  count('initialMembers', p.initialMembers);
  count('arrivalsPerDay', p.arrivalsPerDay);
  if (p.maxMembers !== null) count('maxMembers', p.maxMembers);
  bp('activeBp', p.activeBp);
  const minOk = count('joinsWhenActive.min', p.joinsWhenActive.min, 1, 1000);
  const maxOk = count('joinsWhenActive.max', p.joinsWhenActive.max, 1, 1000);
  if (minOk && maxOk && p.joinsWhenActive.min > p.joinsWhenActive.max)
    add('joinsWhenActive', 'min may not be above max');
  bp('churnBp', p.churnBp);
  bp('referral.invitedBp', p.referral.invitedBp);
  let shares = 0;
  p.referral.tiers.forEach((t, i) => {
    count(`referral.tiers.${i}.tierId`, t.tierId, 1);
    if (bp(`referral.tiers.${i}.shareBp`, t.shareBp)) shares += t.shareBp;
  });
  if (shares > 10_000) add('referral.tiers', 'the tier shares add up to more than 100 %');
  count('regions.provinces', p.regions.provinces, 1, 100);
  count('regions.citiesPerProvince', p.regions.citiesPerProvince, 1, 100);
  count('regions.districtsPerCity', p.regions.districtsPerCity, 1, 100);
  for (const level of ['district', 'city', 'province'] as const)
    bp(`regions.agentBp.${level}`, p.regions.agentBp[level]);
  count('rechargeFen', p.rechargeFen, 1);
  bp('withdrawBp', p.withdrawBp);
  count('withdrawal.minimumFen', p.withdrawal.minimumFen);
  count('withdrawal.feeBp', p.withdrawal.feeBp, 0, 9_999);
  for (const e of validateStaticReleaseRule(p.staticRelease))
    add(`staticRelease.${e.path}`, e.message);
  bp('poolTransferBp', p.poolTransferBp);
  for (const e of poolWindowProblems(p.poolWindows)) add(`poolWindows.${e.path}`, e.message);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.startDay) || addDays(p.startDay, 0) !== p.startDay)
    add('startDay', 'must be a real day YYYY-MM-DD');
  if (typeof p.seed !== 'string' || p.seed === '') add('seed', 'a seed is a non-empty text');
  try {
    new Intl.DateTimeFormat('en', { timeZone: p.timeZone });
  } catch {
    add('timeZone', 'not a known time zone');
  }
  if (out.length) return out;
  // A group fills only with N different members, some of whom play.
  if (populationCap(p) < s.groupSize)
    add(
      'population',
      `at most ${populationCap(p)} members ever, but a group needs ${s.groupSize} different members`,
    );
  if (p.activeBp === 0) add('activeBp', 'nobody ever plays: no group can fill');
  return out;
}

const ESCROW = platformAccount('escrow', 'CASH');
const CLEARING = platformAccount('payment_clearing', 'CASH');
const PENDING = platformAccount('withdrawals_pending', 'CASH');
const PAYOUT = platformAccount('payout_clearing', 'CASH');
const FEES = platformAccount('fees', 'CASH');
const RELEASE_EXPENSE = platformAccount('release_expense', 'CASH');
const POOL_DAILY = platformAccount('pool_daily', 'CASH');
const POOL_MONTHLY = platformAccount('pool_monthly', 'CASH');

interface OpenGroup {
  no: number;
  seats: SettlementSeat[];
  members: Set<number>;
}

/** Member balances per asset (index = member id, 1-based), grown on demand. */
class Balances {
  private readonly byAsset = new Map<Asset, Float64Array>();
  constructor(private readonly size: number) {}
  of(asset: Asset): Float64Array {
    let a = this.byAsset.get(asset);
    if (!a) this.byAsset.set(asset, (a = new Float64Array(this.size)));
    return a;
  }
  assets(): Asset[] {
    return [...this.byAsset.keys()];
  }
}

class Simulation {
  private readonly rnd;
  private readonly members: Balances;
  private readonly cash: Float64Array;
  private readonly gold: Float64Array;
  private readonly dividend: Float64Array;
  private readonly pool: Float64Array;
  /** Platform accounts by `purpose:asset`. */
  private readonly platform = new Map<string, number>();
  private readonly paidIn: Float64Array;
  private readonly takenOut: Float64Array;
  private readonly present: Uint8Array;
  private readonly upline: Int32Array;
  private readonly tier: Int32Array;
  private readonly district: Int32Array;
  private readonly promoterValidUntil: Int32Array;
  private readonly hasJoined: Uint8Array;
  private readonly joinsToday: Uint16Array;
  private readonly counters: (EligibilityCounters | undefined)[];
  private readonly agentOf: { district: Int32Array; city: Int32Array; province: Int32Array };
  private readonly hasAgent: { district: Uint8Array; city: Uint8Array; province: Uint8Array };
  private memberCount = 0;
  private presentCount = 0;
  private groupNo = 0;
  private openGroups: OpenGroup[] = [];
  private readonly totals: SimulationResult['totals'] = {
    members: 0,
    joins: 0,
    seats: 0,
    groupsDrawn: 0,
    groupsFailed: 0,
    limitedJoins: 0,
    maxJoinsOneMemberOneDay: 0,
    rechargesFen: 0,
    withdrawalsFen: 0,
    productCostFen: 0,
    drawsCashProfitFen: 0,
    openSeats: 0,
  };
  private today = emptyDay('');
  private dayIndex = 0;
  private dailyIntake = 0;
  private readonly dailyWeights = new Map<number, number>();
  private readonly joinedToday: number[] = [];

  constructor(
    private readonly s: ActivitySettings,
    private readonly p: SimulationPopulation,
    private readonly cap: number,
  ) {
    this.rnd = seededRandom(p.seed);
    const n = cap + 1;
    this.members = new Balances(n);
    this.cash = this.members.of('CASH');
    this.gold = this.members.of('GOLD');
    this.dividend = this.members.of('DIVIDEND');
    this.pool = this.members.of('POOL');
    this.paidIn = new Float64Array(n);
    this.takenOut = new Float64Array(n);
    this.present = new Uint8Array(n);
    this.upline = new Int32Array(n);
    this.tier = new Int32Array(n);
    this.district = new Int32Array(n);
    this.promoterValidUntil = new Int32Array(n).fill(-1);
    this.hasJoined = new Uint8Array(n);
    this.joinsToday = new Uint16Array(n);
    this.counters = new Array<EligibilityCounters | undefined>(n);
    const r = p.regions;
    const districts = r.provinces * r.citiesPerProvince * r.districtsPerCity;
    const cities = r.provinces * r.citiesPerProvince;
    this.agentOf = {
      district: new Int32Array(districts),
      city: new Int32Array(cities),
      province: new Int32Array(r.provinces),
    };
    const flags = (k: number, chanceBp: number) =>
      Uint8Array.from({ length: k }, () => (this.rnd.chance(chanceBp) ? 1 : 0));
    this.hasAgent = {
      district: flags(districts, r.agentBp.district),
      city: flags(cities, r.agentBp.city),
      province: flags(r.provinces, r.agentBp.province),
    };
  }

  run(): SimulationResult {
    const series: SimulationDay[] = [];
    for (let d = 0; d < this.p.days; d++) {
      this.dayIndex = d;
      const day = addDays(this.p.startDay, d);
      this.today = emptyDay(day);
      this.arrive(d === 0 ? this.p.initialMembers + this.p.arrivalsPerDay : this.p.arrivalsPerDay);
      this.churn();
      this.transferIntoPool(day);
      this.playTheDay();
      this.withdraw();
      // 00:00: the calendar settlements of the day that just ended (SPEC §7)
      this.payDailyDividend();
      this.payStaticRelease();
      if (this.p.monthlyDividend && monthOf(addDays(day, 1)) !== monthOf(day))
        this.payMonthlyDividend();
      series.push(this.closeDay(series.at(-1)));
    }
    this.totals.members = this.memberCount;
    this.totals.openSeats = this.openGroups.reduce((t, g) => t + g.seats.length, 0);
    return {
      seed: this.p.seed,
      startDay: this.p.startDay,
      days: this.p.days,
      totals: this.totals,
      series,
    };
  }

  // ---- the ledger in memory

  private apply(postings: readonly Posting[]): void {
    for (const { account, amount } of postings) {
      if (account.owner === 'member') {
        const a = this.members.of(account.asset);
        const v = (a[account.memberId] ?? 0) + amount;
        if (v < 0)
          throw new Error(`member ${account.memberId} ${account.asset} would go negative (${v})`);
        a[account.memberId] = v;
      } else {
        const k = `${account.purpose}:${account.asset}`;
        const v = (this.platform.get(k) ?? 0) + amount;
        // only the accounts that stand for the outside world may go below zero
        if (v < 0 && !NEGATIVE_ALLOWED.has(account.purpose))
          throw new Error(`platform ${k} would go negative (${v})`);
        this.platform.set(k, v);
      }
    }
  }

  private applyEntries(entries: readonly JournalEntry[]): void {
    for (const e of entries) {
      assertBalanced(e); // as the database's deferred check does, per entry and asset
      this.apply(e.postings);
    }
  }

  private platformBalance(purpose: string, asset: Asset = 'CASH'): number {
    return this.platform.get(`${purpose}:${asset}`) ?? 0;
  }

  /** Sum of a platform purpose over every asset matching `prefix` (vouchers). */
  private platformBalanceLike(purpose: string, prefix: string): number {
    let t = 0;
    for (const [k, v] of this.platform) if (k.startsWith(`${purpose}:${prefix}`)) t += v;
    return t;
  }

  // ---- members

  private arrive(n: number): void {
    const room = this.cap - this.memberCount;
    const { regions: r, referral } = this.p;
    for (let i = 0; i < Math.min(n, room); i++) {
      const id = ++this.memberCount;
      this.present[id] = 1;
      this.presentCount++;
      if (id > 1 && this.rnd.chance(referral.invitedBp)) {
        // an invite from a present member; a few tries, then none (they mostly are present)
        for (let t = 0; t < 4; t++) {
          const u = 1 + this.rnd.below(id - 1);
          if (this.present[u]) {
            this.upline[id] = u;
            break;
          }
        }
      }
      let roll = this.rnd.below(10_000);
      for (const t of referral.tiers) {
        if (roll < t.shareBp) {
          this.tier[id] = t.tierId;
          break;
        }
        roll -= t.shareBp;
      }
      const district = this.rnd.below(this.agentOf.district.length);
      this.district[id] = district;
      // a region's agent (区域代理) is its first member, when the region has one
      const city = Math.floor(district / r.districtsPerCity);
      const province = Math.floor(city / r.citiesPerProvince);
      for (const [level, idx] of [
        ['district', district],
        ['city', city],
        ['province', province],
      ] as const)
        if (this.hasAgent[level][idx] && this.agentOf[level][idx] === 0)
          this.agentOf[level][idx] = id;
    }
  }

  private churn(): void {
    if (this.p.churnBp === 0) return;
    for (let m = 1; m <= this.memberCount; m++)
      if (this.present[m] && this.rnd.chance(this.p.churnBp)) {
        this.present[m] = 0;
        this.presentCount--;
        if (this.cash[m]! >= this.p.withdrawal.minimumFen && this.cash[m]! > 0) this.withdrawAll(m);
      }
  }

  private transferIntoPool(day: PlatformDay): void {
    if (this.p.poolTransferBp === 0) return;
    const window = poolWindowAt(
      startOfDay(day, this.p.timeZone),
      this.p.timeZone,
      this.p.poolWindows,
    );
    if (!window.canTransferIn) return;
    for (let m = 1; m <= this.memberCount; m++) {
      const held = this.dividend[m]!;
      if (!this.present[m] || held < POOL_TRANSFER_UNIT) continue;
      // 整百: whole hundreds only
      const amount =
        Math.floor(applyRate(held, this.p.poolTransferBp) / POOL_TRANSFER_UNIT) *
        POOL_TRANSFER_UNIT;
      if (amount === 0) continue;
      this.apply([
        ...transfer(memberAccount(m, 'DIVIDEND'), platformAccount('issuance', 'DIVIDEND'), amount),
        ...transfer(platformAccount('issuance', 'POOL'), memberAccount(m, 'POOL'), amount),
      ]);
    }
  }

  // ---- joins and draws

  private playTheDay(): void {
    const { activeBp, joinsWhenActive } = this.p;
    const wanted: number[] = [];
    for (let m = 1; m <= this.memberCount; m++) {
      if (!this.present[m] || !this.rnd.chance(activeBp)) continue;
      const k = joinsWhenActive.min + this.rnd.below(joinsWhenActive.max - joinsWhenActive.min + 1);
      for (let i = 0; i < k; i++) wanted.push(m);
    }
    // members' joins interleave through the day
    for (let i = wanted.length - 1; i > 0; i--) {
      const j = this.rnd.below(i + 1);
      const t = wanted[i]!;
      wanted[i] = wanted[j]!;
      wanted[j] = t;
    }
    for (const m of wanted) this.join(m);
    for (const m of this.joinedToday) {
      this.totals.maxJoinsOneMemberOneDay = Math.max(
        this.totals.maxJoinsOneMemberOneDay,
        this.joinsToday[m]!,
      );
    }
  }

  private join(m: number): void {
    const P = this.s.priceFen;
    const limit = this.s.dailyJoinLimit;
    if (limit !== null && this.joinsToday[m]! >= limit) {
      this.totals.limitedJoins++;
      return;
    }
    if (this.cash[m]! < P) {
      const amount = Math.max(this.p.rechargeFen, P - this.cash[m]!);
      this.apply(transfer(CLEARING, memberAccount(m, 'CASH'), amount));
      this.paidIn[m] = this.paidIn[m]! + amount;
      this.today.rechargesFen += amount;
      this.totals.rechargesFen += amount;
    }
    this.apply(transfer(memberAccount(m, 'CASH'), ESCROW, P));
    const d = this.dayIndex;
    const isFirstEver = this.hasJoined[m] === 0;
    const isFirstOfDay = this.joinsToday[m] === 0;
    if (isFirstOfDay) {
      // promoter validity (推广员有效期, SPEC §1), as join-group.ts keeps it
      const base = Math.max(this.promoterValidUntil[m]!, d - 1);
      this.promoterValidUntil[m] = base + (isFirstEver ? 2 : 1);
      this.joinedToday.push(m);
    }
    this.hasJoined[m] = 1;
    this.joinsToday[m] = this.joinsToday[m]! + 1;
    this.today.joins++;
    this.totals.joins++;

    let group = this.openGroups.find((g) => !g.members.has(m));
    if (!group) {
      group = { no: ++this.groupNo, seats: [], members: new Set() };
      this.openGroups.push(group);
    }
    group.members.add(m);
    group.seats.push({
      seatNo: group.seats.length + 1,
      holder: {
        memberId: m,
        memberRef: `m${m}`,
        clientSeed: '',
        optionId: this.s.options[this.rnd.below(this.s.options.length)]!.id,
        isFirstOfDay,
        isFirstEver,
        goldBefore: 0,
        uplines: { direct: null, indirect: null },
        regionalAgents: { district: null, city: null, province: null },
      },
    });
    if (group.seats.length === this.s.groupSize) {
      this.openGroups.splice(this.openGroups.indexOf(group), 1);
      this.settle(group);
    }
  }

  private uplineInfo(u: number): UplineInfo | null {
    if (u === 0) return null;
    return {
      memberId: u,
      tierId: this.tier[u] || null,
      isValidPromoter: this.promoterValidUntil[u]! >= this.dayIndex,
      goldBalance: this.gold[u]!,
    };
  }

  /** The N-th seat is taken: draw and settle at once, with the facts as they are now. */
  private settle(group: OpenGroup): void {
    const r = this.p.regions;
    const counters: Record<number, EligibilityCounters> = {};
    for (const seat of group.seats) {
      const h = seat.holder!;
      const m = h.memberId;
      h.goldBefore = this.gold[m]!;
      const direct = this.upline[m]!;
      h.uplines = {
        direct: this.uplineInfo(direct),
        indirect: this.uplineInfo(this.upline[direct]!),
      };
      const district = this.district[m]!;
      const city = Math.floor(district / r.districtsPerCity);
      const province = Math.floor(city / r.citiesPerProvince);
      h.regionalAgents = {
        district: this.agentOf.district[district] || null,
        city: this.agentOf.city[city] || null,
        province: this.agentOf.province[province] || null,
      };
      const c = this.counters[m];
      if (c) counters[m] = c;
    }
    const result = settleGroup({
      settings: this.s,
      groupId: group.no,
      serverSeedHex: simulatedServerSeed(this.p.seed, group.no),
      seats: group.seats,
      counters,
    });
    this.applyEntries(result.entries);
    for (const [id, c] of Object.entries(result.counters)) this.counters[Number(id)] = c;
    this.totals.seats += group.seats.length;
    if (result.outcome.kind === 'failed_conflict') {
      this.today.groupsFailed++;
      this.totals.groupsFailed++;
      return;
    }
    this.today.groupsDrawn++;
    this.totals.groupsDrawn++;
    this.totals.productCostFen += result.statement.outflows.productCost;
    this.totals.drawsCashProfitFen += result.statement.cashProfit;
    this.dailyIntake += result.statement.outflows.dailyPool;
    for (const w of result.dailyDividendWeights)
      this.dailyWeights.set(w.memberId, (this.dailyWeights.get(w.memberId) ?? 0) + w.weight);
  }

  // ---- money out

  private withdrawAll(m: number): void {
    const amount = this.cash[m]!;
    const { feeFen, payoutFen } = withdrawalFee(amount, {
      kind: 'rate',
      bp: this.p.withdrawal.feeBp,
    });
    this.apply([
      ...transfer(memberAccount(m, 'CASH'), PENDING, amount),
      ...transfer(PENDING, PAYOUT, payoutFen),
      ...transfer(PENDING, FEES, feeFen),
    ]);
    this.takenOut[m] = this.takenOut[m]! + payoutFen;
    this.today.withdrawalsFen += payoutFen;
    this.today.feesFen += feeFen;
    this.totals.withdrawalsFen += payoutFen;
  }

  private withdraw(): void {
    if (this.p.withdrawBp === 0) return;
    const min = Math.max(1, this.p.withdrawal.minimumFen);
    for (let m = 1; m <= this.memberCount; m++)
      if (this.present[m] && this.cash[m]! >= min && this.rnd.chance(this.p.withdrawBp))
        this.withdrawAll(m);
  }

  // ---- calendar settlements

  /** Yesterday's daily pool intake among yesterday's winners by weight (largest remainder). */
  private payDailyDividend(): void {
    const intake = this.dailyIntake;
    this.dailyIntake = 0;
    if (intake === 0 || this.dailyWeights.size === 0) {
      this.dailyWeights.clear();
      return;
    }
    const ids = [...this.dailyWeights.keys()].sort((a, b) => a - b);
    const parts = allocate(
      intake,
      ids.map((id) => this.dailyWeights.get(id)!),
    );
    ids.forEach((id, i) => this.apply(transfer(POOL_DAILY, memberAccount(id, 'CASH'), parts[i]!)));
    this.today.dailyDividendFen += intake;
    this.dailyWeights.clear();
  }

  private payStaticRelease(): void {
    const rule = this.p.staticRelease;
    if (rule.isEnabled)
      for (let m = 1; m <= this.memberCount; m++) {
        const g = this.gold[m]!;
        if (g <= 0) continue;
        const amount = staticReleaseAmount(rule, g, this.joinsToday[m]!);
        if (amount === 0) continue;
        this.apply([
          ...transfer(memberAccount(m, 'GOLD'), platformAccount('issuance', 'GOLD'), amount),
          ...transfer(RELEASE_EXPENSE, memberAccount(m, 'CASH'), amount),
        ]);
        this.today.staticReleaseFen += amount;
      }
    for (const m of this.joinedToday) this.joinsToday[m] = 0;
    this.joinedToday.length = 0;
  }

  /** The monthly pool's balance among pool-point holders by pool points (pool points stay). */
  private payMonthlyDividend(): void {
    const balance = this.platformBalance('pool_monthly');
    if (balance <= 0) return;
    const ids: number[] = [];
    const weights: number[] = [];
    for (let m = 1; m <= this.memberCount; m++)
      if (this.pool[m]! > 0) {
        ids.push(m);
        weights.push(this.pool[m]!);
      }
    if (ids.length === 0) return;
    const parts = allocate(balance, weights);
    ids.forEach((id, i) =>
      this.apply(transfer(POOL_MONTHLY, memberAccount(id, 'CASH'), parts[i]!)),
    );
    this.today.monthlyDividendFen += balance;
  }

  // ---- the day's figures

  private closeDay(previous: SimulationDay | undefined): SimulationDay {
    const t = this.today;
    const cashOfPlatform = (purpose: string) => this.platformBalance(purpose);
    // from the members' own balances, not from the platform side, so the books can be checked
    let memberCash = 0;
    for (let m = 1; m <= this.memberCount; m++) memberCash += this.cash[m]!;
    t.members = this.presentCount;
    t.platformCashFen =
      this.totals.rechargesFen - this.totals.withdrawalsFen - this.totals.productCostFen;
    t.memberCashFen = memberCash;
    t.escrowFen = cashOfPlatform('escrow');
    t.obligations = {
      // what members hold is what issuance has issued: minus its balance
      shoppingGold: 0 - this.platformBalance('issuance', 'GOLD'),
      dividendPoints: 0 - this.platformBalance('issuance', 'DIVIDEND'),
      poolPoints: 0 - this.platformBalance('issuance', 'POOL'),
      consumptionPoints: 0 - this.platformBalance('issuance', 'CONSUMPTION'),
      vouchers: 0 - this.platformBalanceLike('issuance', 'VOUCHER:'),
      monthlyPoolFen: cashOfPlatform('pool_monthly'),
      dailyPoolFen: cashOfPlatform('pool_daily'),
    };
    t.cashProfitFen =
      t.platformCashFen -
      t.memberCashFen -
      t.escrowFen -
      t.obligations.monthlyPoolFen -
      t.obligations.dailyPoolFen -
      cashOfPlatform('withdrawals_pending');
    t.cashProfitTodayFen = t.cashProfitFen - (previous?.cashProfitFen ?? 0);
    t.net = this.netPositions();
    return t;
  }

  private netPositions(): NetPositions {
    const nets = new Float64Array(this.memberCount);
    let n = 0;
    let ahead = 0;
    let behind = 0;
    for (let m = 1; m <= this.memberCount; m++) {
      if (this.paidIn[m] === 0) continue;
      const v = this.takenOut[m]! + this.cash[m]! - this.paidIn[m]!;
      nets[n++] = v;
      if (v > 0) ahead++;
      else if (v < 0) behind++;
    }
    const sorted = nets.subarray(0, n).sort();
    const pct = (q: number) => (n === 0 ? 0 : sorted[Math.min(n - 1, Math.floor((q * n) / 100))]!);
    return {
      members: n,
      p10: pct(10),
      p25: pct(25),
      p50: pct(50),
      p75: pct(75),
      p90: pct(90),
      aheadBp: n === 0 ? 0 : Math.floor((ahead * 10_000) / n),
      behindBp: n === 0 ? 0 : Math.floor((behind * 10_000) / n),
    };
  }
}

function emptyDay(day: PlatformDay): SimulationDay {
  return {
    day,
    members: 0,
    joins: 0,
    groupsDrawn: 0,
    groupsFailed: 0,
    rechargesFen: 0,
    withdrawalsFen: 0,
    feesFen: 0,
    staticReleaseFen: 0,
    dailyDividendFen: 0,
    monthlyDividendFen: 0,
    cashProfitTodayFen: 0,
    platformCashFen: 0,
    cashProfitFen: 0,
    memberCashFen: 0,
    escrowFen: 0,
    obligations: {
      shoppingGold: 0,
      dividendPoints: 0,
      poolPoints: 0,
      consumptionPoints: 0,
      vouchers: 0,
      monthlyPoolFen: 0,
      dailyPoolFen: 0,
    },
    net: { members: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, aheadBp: 0, behindBp: 0 },
  };
}
