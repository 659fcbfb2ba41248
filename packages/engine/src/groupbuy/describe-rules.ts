/**
 * The published rules of an activity in plain language (SPEC §0.3: every rule
 * that decides who can win is shown to members before they join). One
 * sentence per active rule, the conflict policy, and what winners, losers and
 * uplines receive. Amounts are shown at the activity's price.
 */
import { formatFen, resolveRateOrFixed, type RateOrFixed } from '../money';
import type { ActivitySettings, GoldReleaseSetting } from './settings';

export type RulesLocale = 'zh-CN' | 'en';

export interface RulesDescription {
  /** Price, group size, winners. */
  game: string;
  /** One sentence per active eligibility rule, then the conflict policy. */
  eligibility: string[];
  winner: string[];
  loser: string[];
  everySeat: string[];
}

/** 1234 → "¥12.34" */
export function yuan(fenAmount: number): string {
  return `¥${formatFen(fenAmount)}`;
}

/** Hundredths → "12.34" points. */
function points(hundredthsAmount: number): string {
  return formatFen(hundredthsAmount);
}

/** 250 bp → "2.5%", 3 bp → "0.03%". */
export function percent(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = (bp % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** The operator's names for point kinds (SPEC §2, the `asset_names` setting); a kind left out keeps its default. */
export type PointKindNames = Partial<
  Record<'DIVIDEND' | 'POOL' | 'CONSUMPTION' | 'DIGITAL', { zh: string; en: string }>
>;

export function describeRules(
  s: ActivitySettings,
  locale: RulesLocale,
  names: PointKindNames = {},
): RulesDescription {
  const zh = locale === 'zh-CN';
  const dividendName = names.DIVIDEND
    ? names.DIVIDEND[zh ? 'zh' : 'en']
    : zh
      ? '分红积分'
      : 'dividend points';
  const consumptionName = names.CONSUMPTION
    ? names.CONSUMPTION[zh ? 'zh' : 'en']
    : zh
      ? '消费积分'
      : 'consumption points';
  const P = s.priceFen;
  const amount = (v: RateOrFixed, show: (n: number) => string) =>
    v.kind === 'rate'
      ? zh
        ? `${show(resolveRateOrFixed(v, P))}（价格的 ${percent(v.bp)}）`
        : `${show(resolveRateOrFixed(v, P))} (${percent(v.bp)} of the price)`
      : show(v.amount);
  const money = (v: RateOrFixed) => amount(v, yuan);
  const pts = (v: RateOrFixed) => amount(v, points);
  const ownGold = (v: GoldReleaseSetting) =>
    v.kind === 'fixed'
      ? yuan(v.amount)
      : zh
        ? `购物金余额的 ${percent(v.bp)}`
        : `${percent(v.bp)} of their shopping gold`;

  const game = zh
    ? `每份 ${yuan(P)}，${s.groupSize} 人成团，${s.winners} 人中奖。`
    : `Each seat costs ${yuan(P)}; a group of ${s.groupSize} draws ${s.winners} winner${s.winners === 1 ? '' : 's'}.`;

  const eligibility: string[] = [];
  const r = s.rules;
  if (r.r1FirstOfDaySeatOne)
    eligibility.push(
      zh
        ? '规则一：当天首次参团且排在 1 号位的会员，本次不能中奖。'
        : 'Rule 1: a member whose join is their first of the day and who holds seat 1 cannot win that draw.',
    );
  if (r.r2NewcomerSeatOne)
    eligibility.push(
      zh
        ? '规则二：首次参团（新会员）且排在 1 号位的会员，本次不能中奖。'
        : 'Rule 2: a member joining for the first time ever who holds seat 1 cannot win that draw.',
    );
  if (r.r3Streak)
    eligibility.push(
      zh
        ? `规则三：连续中奖 ${r.r3Streak.wins} 次后，接下来 ${r.r3Streak.cooldown} 次开奖不能中奖。`
        : `Rule 3: after ${r.r3Streak.wins} wins in a row, the member's next ${r.r3Streak.cooldown} drawn participations cannot win.`,
    );
  if (r.r4Cumulative)
    eligibility.push(
      zh
        ? `规则四：累计中奖 ${r.r4Cumulative.wins} 次后，接下来 ${r.r4Cumulative.cooldown} 次开奖不能中奖，之后重新累计。`
        : `Rule 4: every ${r.r4Cumulative.wins} wins (counted since this rule last applied), the member's next ${r.r4Cumulative.cooldown} drawn participations cannot win.`,
    );
  if (r.r5Window)
    eligibility.push(
      zh
        ? `规则五：每连续 ${r.r5Window.block} 次开奖内最多中奖 ${r.r5Window.maxWins} 次。`
        : `Rule 5: a member's drawn participations form blocks of ${r.r5Window.block}; at most ${r.r5Window.maxWins} win${r.r5Window.maxWins === 1 ? '' : 's'} per block.`,
    );
  if (r.r3Streak && r.r4Cumulative)
    eligibility.push(
      zh
        ? '规则三与规则四同时生效时，取剩余次数较多的一个，不叠加。'
        : 'When rules 3 and 4 apply at once, the longer one counts; they do not add up.',
    );
  eligibility.push(
    zh
      ? '平台补位的座位永不中奖，也不产生任何奖励。'
      : 'House seats (平台补位) never win and earn nothing.',
  );
  eligibility.push(
    s.conflictPolicy === 'fail'
      ? zh
        ? `可中奖的人数少于 ${s.winners} 人时，本团失败（成团流失），全员全额退回零钱。`
        : `If fewer than ${s.winners} seats can win, the group fails and everyone is refunded in full.`
      : zh
        ? `可中奖的人数少于 ${s.winners} 人时，可中奖者全部中奖，其余名额在不可中奖的真实会员中随机抽取。`
        : `If fewer than ${s.winners} seats can win, all of them win and the remaining winners are drawn at random among the other real members.`,
  );

  const w = s.winnerRewards;
  const winner: string[] = [
    zh ? '获得所选商品或购物券。' : 'Receives the chosen product or voucher.',
  ];
  if (w.dividendPoints)
    winner.push(
      zh
        ? `${dividendName} ${pts(w.dividendPoints)}。`
        : `${pts(w.dividendPoints)} ${dividendName}.`,
    );
  if (w.goldRelease)
    winner.push(
      zh
        ? `购物金释放 ${money(w.goldRelease)} 到零钱（以开奖前持有的购物金为限）。`
        : `A shopping-gold release of ${money(w.goldRelease)} into cash, up to the gold held before the draw.`,
    );
  if (w.shoppingGold)
    winner.push(zh ? `购物金 ${pts(w.shoppingGold)}。` : `${pts(w.shoppingGold)} shopping gold.`);
  if (w.consumptionPoints)
    winner.push(
      zh
        ? `${consumptionName} ${pts(w.consumptionPoints)}。`
        : `${pts(w.consumptionPoints)} ${consumptionName}.`,
    );
  winner.push(
    zh
      ? `当日分红权重增加 ${yuan(P)}。`
      : `Their share of today's daily dividend grows by ${yuan(P)}.`,
  );
  if (w.hasBlindBox) winner.push(zh ? '一次盲盒机会。' : 'One blind box ticket.');

  const l = s.loserRewards;
  const loser: string[] = [zh ? `${yuan(P)} 全额退回零钱。` : `${yuan(P)} back to cash in full.`];
  if (l.cashBonus)
    loser.push(zh ? `零钱奖励 ${money(l.cashBonus)}。` : `A cash bonus of ${money(l.cashBonus)}.`);
  if (l.goldRelease)
    loser.push(
      zh
        ? `购物金释放 ${money(l.goldRelease)} 到零钱（以持有的购物金为限）。`
        : `A shopping-gold release of ${money(l.goldRelease)} into cash, up to the gold held.`,
    );
  if (l.consumptionPoints)
    loser.push(
      zh
        ? `${consumptionName} ${pts(l.consumptionPoints)}。`
        : `${pts(l.consumptionPoints)} ${consumptionName}.`,
    );

  const everySeat: string[] = [];
  const sr = s.seatRewards;
  if (sr.seatGoldRelease)
    everySeat.push(
      zh
        ? `每次参团，无论中奖与否，释放 ${ownGold(sr.seatGoldRelease)} 购物金到零钱（以持有为限）。`
        : `Every seat, won or lost, releases ${ownGold(sr.seatGoldRelease)} of the holder's shopping gold into cash (up to the gold held).`,
    );
  const ref = sr.referral;
  if (ref.direct || ref.indirect)
    everySeat.push(
      zh
        ? `推广奖励：直推 ${ref.direct ? money(ref.direct) : '无'}，间推 ${ref.indirect ? money(ref.indirect) : '无'}（仅限有效推广员，最多两级）。`
        : `Referral commission: direct upline ${ref.direct ? money(ref.direct) : 'none'}, indirect upline ${ref.indirect ? money(ref.indirect) : 'none'} (valid promoters only; never more than two levels).`,
    );
  if (sr.teamTiers.length > 0) {
    const tiers = [...sr.teamTiers]
      .sort((a, b) => a.rank - b.rank)
      .map((t) => `#${t.tierId} ${money(t.reward)}`)
      .join(zh ? '，' : ', ');
    everySeat.push(
      zh
        ? `团队级差（${tiers}）：两级上级各得本级金额减去下方已得的最高金额。`
        : `Team differential (${tiers}): each of the two uplines earns its tier's amount minus the highest amount already paid below it.`,
    );
  }
  const reg = sr.regional;
  const regions = (
    [
      [zh ? '区' : 'district', reg.district],
      [zh ? '市' : 'city', reg.city],
      [zh ? '省' : 'province', reg.province],
    ] as const
  )
    .filter(([, v]) => v)
    .map(([name, v]) => `${name} ${money(v!)}`);
  if (regions.length > 0)
    everySeat.push(
      zh
        ? `区域级差（${regions.join('，')}）：从区到省，各得本级金额减去下方已得的最高金额。`
        : `Regional differential (${regions.join(', ')}): from district up to province, each agent earns its amount minus the highest amount already paid below it.`,
    );
  const up = sr.uplineRelease;
  if (up.direct || up.indirect)
    everySeat.push(
      zh
        ? `动态释放：直推上级释放 ${up.direct ? ownGold(up.direct) : '无'}，间推上级释放 ${up.indirect ? ownGold(up.indirect) : '无'}（以各自持有的购物金为限）。`
        : `Upline release: the direct upline releases ${up.direct ? ownGold(up.direct) : 'nothing'}, the indirect upline ${up.indirect ? ownGold(up.indirect) : 'nothing'} of their own shopping gold (up to the gold held).`,
    );
  return { game, eligibility, winner, loser, everySeat };
}
