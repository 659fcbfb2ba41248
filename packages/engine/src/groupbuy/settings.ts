/**
 * The settings of one published activity version (SPEC §3, §5, §6): what a
 * group costs, who can win, and what every seat receives. A group keeps the
 * version that was published when it opened. Plain data; `validateActivitySettings`
 * lists every problem at once so the console can show them next to the fields.
 */
import { BP_WHOLE, type RateOrFixed } from '../money';

export type OptionKind = 'product' | 'virtual' | 'voucher';

/** One choice a member makes when joining (用户只能选其一). Costs are what the platform pays. */
export interface ActivityOption {
  id: number;
  kind: OptionKind;
  name: string;
  costFen: number;
  deliveryCostFen: number;
  /** Only for `voucher` options: the winner receives P of this voucher kind. */
  voucherKindId?: number;
  /** A picture for the shop: an https address or a path on this server. */
  imageUrl?: string;
}

export interface GroupTimeout {
  hours: number;
  /** What happens to a group still unfilled after `hours`: refund everyone, or fill with house seats. */
  action: 'refund' | 'house_fill';
}

/** R3 / R4: after `wins`, the next `cooldown` drawn participations cannot win. */
export interface CooldownRule {
  wins: number;
  cooldown: number;
}

/** R5: drawn participations form blocks of `block`; at most `maxWins` wins per block. */
export interface WindowRule {
  block: number;
  maxWins: number;
}

export interface EligibilityRules {
  r1FirstOfDaySeatOne: boolean;
  r2NewcomerSeatOne: boolean;
  r3Streak: CooldownRule | null;
  r4Cumulative: CooldownRule | null;
  r5Window: WindowRule | null;
}

/** 特权冲突: what happens when fewer than M seats are eligible. */
export type ConflictPolicy = 'fail' | 'random';

/** Amounts are of the price P (rate) or fixed (fen for cash, hundredths for points). */
export interface WinnerRewards {
  dividendPoints: RateOrFixed | null;
  shoppingGold: RateOrFixed | null;
  /** Release of the winner's own gold into cash, capped by the gold held before the draw. */
  goldRelease: RateOrFixed | null;
  consumptionPoints: RateOrFixed | null;
  hasBlindBox: boolean;
}

export interface LoserRewards {
  cashBonus: RateOrFixed | null;
  goldRelease: RateOrFixed | null;
  consumptionPoints: RateOrFixed | null;
}

/**
 * A release of some member's own shopping gold: a fixed amount, or a rate of
 * that member's gold balance at that moment. Always capped by the gold held.
 */
export type GoldReleaseSetting =
  { kind: 'fixed'; amount: number } | { kind: 'rate_of_gold'; bp: number };

/** One team tier (团队等级). A higher rank is a higher tier. */
export interface TeamTierReward {
  tierId: number;
  rank: number;
  reward: RateOrFixed;
}

export interface SeatRewards {
  referral: { direct: RateOrFixed | null; indirect: RateOrFixed | null };
  /** Team differential (团队级差), one entry per tier the activity pays. */
  teamTiers: TeamTierReward[];
  regional: {
    district: RateOrFixed | null;
    city: RateOrFixed | null;
    province: RateOrFixed | null;
  };
  /** Every seat, won or lost: release of the seat holder's own gold (examples.md #4). */
  seatGoldRelease: GoldReleaseSetting | null;
  /** 动态释放二: the direct and indirect upline's own gold releases. */
  uplineRelease: { direct: GoldReleaseSetting | null; indirect: GoldReleaseSetting | null };
}

export interface PoolContributions {
  /** Of the winners' payments, to the monthly dividend pool (月分红池). */
  monthlyPoolBp: number;
  /** Of the winners' payments, to today's daily dividend pool (日分红池). */
  dailyPoolBp: number;
}

export interface ActivitySettings {
  priceFen: number;
  groupSize: number;
  winners: number;
  options: ActivityOption[];
  /** Joins per member per platform day; null = no limit. */
  dailyJoinLimit: number | null;
  groupTimeout: GroupTimeout | null;
  rules: EligibilityRules;
  conflictPolicy: ConflictPolicy;
  winnerRewards: WinnerRewards;
  loserRewards: LoserRewards;
  seatRewards: SeatRewards;
  pools: PoolContributions;
}

export const MAX_GROUP_SIZE = 1000;
export const MAX_OPTIONS = 10;

export type SettingsProblemCode =
  | 'NOT_AN_INTEGER'
  | 'OUT_OF_RANGE'
  | 'WINNERS_NOT_BELOW_GROUP_SIZE'
  | 'OPTION_COUNT'
  | 'DUPLICATE_ID'
  | 'VOUCHER_KIND_MISSING'
  | 'VOUCHER_KIND_UNEXPECTED'
  | 'EMPTY_NAME'
  | 'RATE_OUT_OF_RANGE'
  | 'FIXED_AMOUNT_INVALID'
  | 'LOSER_BONUS_EXCEEDS_PRICE'
  | 'WINDOW_RULE_HAS_NO_EFFECT'
  | 'TEAM_TIERS_NOT_INCREASING'
  | 'REGIONS_NOT_INCREASING';

export interface SettingsProblem {
  /** Dotted path of the field, e.g. `seatRewards.referral.direct.bp`. */
  path: string;
  code: SettingsProblemCode;
  message: string;
}

/** Every problem with a settings version; an empty list means it can be published. */
export function validateActivitySettings(s: ActivitySettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const add = (path: string, code: SettingsProblemCode, message: string) =>
    problems.push({ path, code, message });
  const int = (path: string, v: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean => {
    if (!Number.isSafeInteger(v)) {
      add(path, 'NOT_AN_INTEGER', `${path} must be an integer`);
      return false;
    }
    if (v < min || v > max) {
      add(path, 'OUT_OF_RANGE', `${path} must be between ${min} and ${max}`);
      return false;
    }
    return true;
  };

  int('priceFen', s.priceFen, 1);
  const sizeOk = int('groupSize', s.groupSize, 2, MAX_GROUP_SIZE);
  const winnersOk = int('winners', s.winners, 1);
  if (sizeOk && winnersOk && s.winners >= s.groupSize)
    add('winners', 'WINNERS_NOT_BELOW_GROUP_SIZE', 'winners M must be below the group size N');

  validateOptions(s.options, add, int);
  if (s.dailyJoinLimit !== null) int('dailyJoinLimit', s.dailyJoinLimit, 1);
  if (s.groupTimeout) int('groupTimeout.hours', s.groupTimeout.hours, 1);

  const { rules } = s;
  for (const key of ['r3Streak', 'r4Cumulative'] as const) {
    const r = rules[key];
    if (r) {
      int(`rules.${key}.wins`, r.wins, 1);
      int(`rules.${key}.cooldown`, r.cooldown, 1);
    }
  }
  if (rules.r5Window) {
    const blockOk = int('rules.r5Window.block', rules.r5Window.block, 1);
    const maxOk = int('rules.r5Window.maxWins', rules.r5Window.maxWins, 1);
    if (blockOk && maxOk && rules.r5Window.maxWins >= rules.r5Window.block)
      add(
        'rules.r5Window.maxWins',
        'WINDOW_RULE_HAS_NO_EFFECT',
        'maxWins must be below the block size, or the rule never excludes anyone',
      );
  }

  const rof = (path: string, v: RateOrFixed | null) => validateRateOrFixed(path, v, add);
  const w = s.winnerRewards;
  rof('winnerRewards.dividendPoints', w.dividendPoints);
  rof('winnerRewards.shoppingGold', w.shoppingGold);
  rof('winnerRewards.goldRelease', w.goldRelease);
  rof('winnerRewards.consumptionPoints', w.consumptionPoints);
  const l = s.loserRewards;
  if (rof('loserRewards.cashBonus', l.cashBonus) && l.cashBonus?.kind === 'fixed')
    if (Number.isSafeInteger(s.priceFen) && l.cashBonus.amount > s.priceFen)
      add(
        'loserRewards.cashBonus.amount',
        'LOSER_BONUS_EXCEEDS_PRICE',
        'a loser cash bonus may not exceed the price',
      );
  rof('loserRewards.goldRelease', l.goldRelease);
  rof('loserRewards.consumptionPoints', l.consumptionPoints);

  const r = s.seatRewards;
  rof('seatRewards.referral.direct', r.referral.direct);
  rof('seatRewards.referral.indirect', r.referral.indirect);
  validateTeamTiers(r.teamTiers, s.priceFen, add, int);
  const regionsOk = [
    rof('seatRewards.regional.district', r.regional.district),
    rof('seatRewards.regional.city', r.regional.city),
    rof('seatRewards.regional.province', r.regional.province),
  ].every(Boolean);
  if (regionsOk && Number.isSafeInteger(s.priceFen) && s.priceFen > 0) {
    // Only the levels the activity pays are compared: an unpaid level is no level.
    const paid = [r.regional.district, r.regional.city, r.regional.province]
      .map((x) => resolveAt(x, s.priceFen))
      .filter((x): x is number => x !== null);
    if (paid.some((x, i) => i > 0 && x < paid[i - 1]!))
      add(
        'seatRewards.regional',
        'REGIONS_NOT_INCREASING',
        'a wider region must earn at least what a narrower one earns (district ≤ city ≤ province)',
      );
  }
  validateGoldRelease('seatRewards.seatGoldRelease', r.seatGoldRelease, add);
  validateGoldRelease('seatRewards.uplineRelease.direct', r.uplineRelease.direct, add);
  validateGoldRelease('seatRewards.uplineRelease.indirect', r.uplineRelease.indirect, add);

  validateBp('pools.monthlyPoolBp', s.pools.monthlyPoolBp, add);
  validateBp('pools.dailyPoolBp', s.pools.dailyPoolBp, add);
  if (
    Number.isSafeInteger(s.pools.monthlyPoolBp) &&
    Number.isSafeInteger(s.pools.dailyPoolBp) &&
    s.pools.monthlyPoolBp + s.pools.dailyPoolBp > BP_WHOLE
  )
    add('pools', 'RATE_OUT_OF_RANGE', 'the pools together may not take more than the payments');
  return problems;
}

type Add = (path: string, code: SettingsProblemCode, message: string) => void;
type Int = (path: string, v: number, min: number, max?: number) => boolean;

function validateOptions(options: ActivityOption[], add: Add, int: Int): void {
  if (options.length < 1 || options.length > MAX_OPTIONS)
    add('options', 'OPTION_COUNT', `an activity has 1 to ${MAX_OPTIONS} options`);
  const seen = new Set<number>();
  options.forEach((o, i) => {
    const path = `options.${i}`;
    if (int(`${path}.id`, o.id, 1) && seen.has(o.id))
      add(`${path}.id`, 'DUPLICATE_ID', `option id ${o.id} is used twice`);
    seen.add(o.id);
    if (o.name.trim() === '') add(`${path}.name`, 'EMPTY_NAME', 'an option needs a name');
    int(`${path}.costFen`, o.costFen, 0);
    int(`${path}.deliveryCostFen`, o.deliveryCostFen, 0);
    if (o.kind === 'voucher') {
      if (o.voucherKindId === undefined)
        add(`${path}.voucherKindId`, 'VOUCHER_KIND_MISSING', 'a voucher option names its kind');
      else int(`${path}.voucherKindId`, o.voucherKindId, 1);
    } else if (o.voucherKindId !== undefined) {
      add(`${path}.voucherKindId`, 'VOUCHER_KIND_UNEXPECTED', 'only voucher options name a kind');
    }
  });
}

function validateTeamTiers(tiers: TeamTierReward[], priceFen: number, add: Add, int: Int): void {
  const ids = new Set<number>();
  const ranks = new Set<number>();
  tiers.forEach((t, i) => {
    const path = `seatRewards.teamTiers.${i}`;
    if (int(`${path}.tierId`, t.tierId, 1) && ids.has(t.tierId))
      add(`${path}.tierId`, 'DUPLICATE_ID', `tier ${t.tierId} is listed twice`);
    ids.add(t.tierId);
    if (int(`${path}.rank`, t.rank, 0) && ranks.has(t.rank))
      add(`${path}.rank`, 'DUPLICATE_ID', `rank ${t.rank} is used twice`);
    ranks.add(t.rank);
    validateRateOrFixed(`${path}.reward`, t.reward, add);
  });
  if (problemsIn(tiers) || !Number.isSafeInteger(priceFen) || priceFen <= 0) return;
  // The differential only makes sense when a higher tier earns at least a lower one.
  const byRank = [...tiers].sort((a, b) => a.rank - b.rank);
  for (let i = 1; i < byRank.length; i++) {
    if (resolveAt(byRank[i]!.reward, priceFen)! < resolveAt(byRank[i - 1]!.reward, priceFen)!)
      add(
        'seatRewards.teamTiers',
        'TEAM_TIERS_NOT_INCREASING',
        `tier ${byRank[i]!.tierId} ranks above tier ${byRank[i - 1]!.tierId} but earns less`,
      );
  }
}

function problemsIn(tiers: TeamTierReward[]): boolean {
  return tiers.some((t) =>
    t.reward.kind === 'rate'
      ? !isBp(t.reward.bp)
      : !Number.isSafeInteger(t.reward.amount) || t.reward.amount < 0,
  );
}

function isBp(v: number): boolean {
  return Number.isSafeInteger(v) && v >= 0 && v <= BP_WHOLE;
}

function validateBp(path: string, v: number, add: Add): boolean {
  if (isBp(v)) return true;
  add(path, 'RATE_OUT_OF_RANGE', `${path} must be a whole number of bp from 0 to ${BP_WHOLE}`);
  return false;
}

function validateRateOrFixed(path: string, v: RateOrFixed | null, add: Add): boolean {
  if (!v) return true;
  if (v.kind === 'rate') return validateBp(`${path}.bp`, v.bp, add);
  if (Number.isSafeInteger(v.amount) && v.amount >= 0) return true;
  add(`${path}.amount`, 'FIXED_AMOUNT_INVALID', `${path} must be a whole, non-negative amount`);
  return false;
}

function validateGoldRelease(path: string, v: GoldReleaseSetting | null, add: Add): void {
  if (!v) return;
  if (v.kind === 'rate_of_gold') {
    validateBp(`${path}.bp`, v.bp, add);
    return;
  }
  if (!Number.isSafeInteger(v.amount) || v.amount < 0)
    add(`${path}.amount`, 'FIXED_AMOUNT_INVALID', `${path} must be a whole, non-negative amount`);
}

/** A RateOrFixed as an amount at price P, without throwing (validation only). */
function resolveAt(v: RateOrFixed | null, priceFen: number): number | null {
  if (!v) return null;
  return v.kind === 'fixed' ? v.amount : Number((BigInt(priceFen) * BigInt(v.bp)) / 10_000n);
}
