/**
 * The per-draw calculator (SPEC §12): one group of an activity under stated
 * assumptions, settled by the real `settleGroup`, read through its
 * statement (`statementOf`). Nothing here restates a settlement rule: the
 * assumptions become seat holders, the settlement does the rest.
 *
 * Assumptions the seat holders are built from: every seat holder, upline and
 * agent is a different member; holders join neither as their first join of the
 * day nor their first ever, with fresh R3–R5 counters (so every real seat is
 * eligible); real seats come first, house seats (平台补位) after them. Which
 * seats win is the real draw from a server seed derived from `seed`; when
 * every profile looks alike it does not matter.
 */
import { createHash } from 'node:crypto';
import { applyRate, BP_WHOLE } from '../money';
import {
  settleGroup,
  type SettlementSeat,
  type SettlementStatement,
  type UplineInfo,
} from '../groupbuy/settlement';
import { validateActivitySettings, type ActivitySettings } from '../groupbuy/settings';
import { EconomicsInputError, type EconomicsProblem } from './errors';

export interface EconomicsUpline {
  tierId: number | null;
  isValidPromoter: boolean;
  goldBefore: number;
}

export interface EconomicsSeatProfile {
  seats: number;
  goldBefore: number;
  direct: EconomicsUpline | null;
  indirect: EconomicsUpline | null;
  agents: { district: boolean; city: boolean; province: boolean };
}

/** bp of face value (1 hundredth = 1 fen) at which each obligation is counted. */
export interface ObligationValuation {
  shoppingGoldBp: number;
  dividendPointsBp: number;
  consumptionPointsBp: number;
  vouchersBp: number;
}

export const DEFAULT_VALUATION: ObligationValuation = {
  shoppingGoldBp: BP_WHOLE,
  dividendPointsBp: 0,
  consumptionPointsBp: 0,
  vouchersBp: BP_WHOLE,
};

export interface DrawAssumptions {
  profiles: EconomicsSeatProfile[];
  optionId: number | null;
  productCostFen: number | null;
  valuation: ObligationValuation;
  seed: string;
}

export interface DrawEconomics {
  priceFen: number;
  groupSize: number;
  winners: number;
  realSeats: number;
  houseSeats: number;
  outcome: 'drawn' | 'failed_conflict';
  winningSeats: number[];
  cashIn: number;
  outflows: SettlementStatement['outflows'];
  cashOut: number;
  cashProfit: number;
  obligations: SettlementStatement['obligations'] & { poolMoney: number };
  obligationsValue: {
    shoppingGold: number;
    dividendPoints: number;
    consumptionPoints: number;
    vouchers: number;
    total: number;
  };
  profitAfterObligations: number;
  cashProfitPerSeat: number;
  valuation: ObligationValuation;
}

/** Settings problems as the economics refusal (the same check as publishing). */
export function assertValidActivity(settings: ActivitySettings): void {
  const problems = validateActivitySettings(settings);
  if (problems.length)
    throw new EconomicsInputError(
      'ACTIVITY_INVALID',
      problems.map((p) => ({ path: `settings.${p.path}`, message: p.message })),
    );
}

export function calculateDraw(settings: ActivitySettings, a: DrawAssumptions): DrawEconomics {
  assertValidActivity(settings);
  const problems = assumptionProblems(settings, a);
  if (problems.length) throw new EconomicsInputError('ASSUMPTIONS_INVALID', problems);

  const optionId = a.optionId ?? settings.options[0]!.id;
  const effective: ActivitySettings =
    a.productCostFen === null
      ? settings
      : {
          ...settings,
          options: settings.options.map((o) =>
            o.id === optionId ? { ...o, costFen: a.productCostFen! } : o,
          ),
        };
  const seats = seatsOf(effective, a.profiles, optionId);
  const realSeats = seats.filter((s) => s.holder !== null).length;
  const result = settleGroup({
    settings: effective,
    groupId: 'economics',
    serverSeedHex: createHash('sha256').update(`${a.seed}:draw`, 'utf8').digest('hex'),
    seats,
    counters: {},
  });
  const st = result.statement;
  const poolMoney = st.outflows.monthlyPool + st.outflows.dailyPool;
  const v = a.valuation;
  const valueOf = (amount: number, bp: number) =>
    amount >= 0 ? applyRate(amount, bp) : -applyRate(-amount, bp);
  const voucherTotal = Object.values(st.obligations.vouchers).reduce((x, y) => x + y, 0);
  const obligationsValue = {
    // Gold is owed 1:1; what the releases extinguished was owed before and is paid now.
    shoppingGold: valueOf(
      st.obligations.newShoppingGold - st.obligations.shoppingGoldReleased,
      v.shoppingGoldBp,
    ),
    dividendPoints: valueOf(st.obligations.dividendPoints, v.dividendPointsBp),
    consumptionPoints: valueOf(st.obligations.consumptionPoints, v.consumptionPointsBp),
    vouchers: valueOf(voucherTotal, v.vouchersBp),
    total: 0,
  };
  obligationsValue.total =
    obligationsValue.shoppingGold +
    obligationsValue.dividendPoints +
    obligationsValue.consumptionPoints +
    obligationsValue.vouchers;
  return {
    priceFen: settings.priceFen,
    groupSize: settings.groupSize,
    winners: settings.winners,
    realSeats,
    houseSeats: settings.groupSize - realSeats,
    outcome: result.outcome.kind,
    winningSeats: result.outcome.kind === 'drawn' ? result.outcome.winners : [],
    cashIn: st.cashIn,
    outflows: st.outflows,
    cashOut: st.cashOut,
    cashProfit: st.cashProfit,
    obligations: { ...st.obligations, poolMoney },
    obligationsValue,
    profitAfterObligations: st.cashProfit - obligationsValue.total,
    cashProfitPerSeat: Math.floor(st.cashProfit / settings.groupSize),
    valuation: v,
  };
}

function seatsOf(
  settings: ActivitySettings,
  profiles: EconomicsSeatProfile[],
  optionId: number,
): SettlementSeat[] {
  let nextId = 1;
  const newMember = () => nextId++;
  // One agent per region level: they earn per seat, so sharing them changes no amount.
  const agentIds = { district: newMember(), city: newMember(), province: newMember() };
  const upline = (u: EconomicsUpline | null): UplineInfo | null =>
    u && {
      memberId: newMember(),
      tierId: u.tierId,
      isValidPromoter: u.isValidPromoter,
      goldBalance: u.goldBefore,
    };
  const seats: SettlementSeat[] = [];
  for (const p of profiles)
    for (let i = 0; i < p.seats; i++) {
      const memberId = newMember();
      seats.push({
        seatNo: seats.length + 1,
        holder: {
          memberId,
          memberRef: `m${memberId}`,
          clientSeed: '',
          optionId,
          isFirstOfDay: false,
          isFirstEver: false,
          goldBefore: p.goldBefore,
          uplines: { direct: upline(p.direct), indirect: upline(p.indirect) },
          regionalAgents: {
            district: p.agents.district ? agentIds.district : null,
            city: p.agents.city ? agentIds.city : null,
            province: p.agents.province ? agentIds.province : null,
          },
        },
      });
    }
  while (seats.length < settings.groupSize) seats.push({ seatNo: seats.length + 1, holder: null });
  return seats;
}

const isCount = (v: unknown, min = 0): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min;

function assumptionProblems(s: ActivitySettings, a: DrawAssumptions): EconomicsProblem[] {
  const out: EconomicsProblem[] = [];
  const add = (path: string, message: string) => out.push({ path, message });
  if (!Array.isArray(a.profiles) || a.profiles.length === 0)
    add('profiles', 'describe at least one seat profile');
  let real = 0;
  (a.profiles ?? []).forEach((p, i) => {
    const at = `profiles.${i}`;
    if (!isCount(p.seats, 1)) add(`${at}.seats`, 'seats must be a whole number ≥ 1');
    else real += p.seats;
    if (!isCount(p.goldBefore)) add(`${at}.goldBefore`, 'gold must be a whole number ≥ 0');
    for (const level of ['direct', 'indirect'] as const) {
      const u = p[level];
      if (u && !isCount(u.goldBefore))
        add(`${at}.${level}.goldBefore`, 'gold must be a whole number ≥ 0');
      if (u && u.tierId !== null && !isCount(u.tierId, 1))
        add(`${at}.${level}.tierId`, 'a tier id is a whole number ≥ 1');
    }
    if (p.indirect && !p.direct)
      add(
        `${at}.indirect`,
        'an indirect upline needs a direct upline (间推 is the 直推上级’s upline)',
      );
  });
  if (real > s.groupSize)
    add('profiles', `the profiles hold ${real} seats but a group has ${s.groupSize}`);
  if (real < s.winners)
    add(
      'profiles',
      `a group needs at least ${s.winners} real members to be drawn; the profiles hold ${real}`,
    );
  if (a.optionId !== null && !s.options.some((o) => o.id === a.optionId))
    add('optionId', `option ${a.optionId} is not one of the activity's options`);
  if (a.productCostFen !== null && !isCount(a.productCostFen))
    add('productCostFen', 'a cost is a whole number of fen ≥ 0');
  for (const [k, v] of Object.entries(a.valuation ?? {}))
    if (!isCount(v) || v > BP_WHOLE) add(`valuation.${k}`, 'a valuation is 0–10000 bp');
  if (typeof a.seed !== 'string' || a.seed === '') add('seed', 'a seed is a non-empty text');
  return out;
}
