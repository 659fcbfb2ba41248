import { describe, expect, it } from 'vitest';
import { describeRules, percent } from '../../src/groupbuy/describe-rules';
import { validateActivitySettings, type ActivitySettings } from '../../src/groupbuy/settings';
import { example1, example3, example4, fixed, newSettings, rate } from './fixtures';

const codes = (s: ActivitySettings) =>
  validateActivitySettings(s).map((p) => `${p.path} ${p.code}`);

describe('validateActivitySettings', () => {
  it('accepts a plain activity', () => {
    expect(validateActivitySettings(newSettings())).toEqual([]);
  });
  it('needs 1 ≤ M < N ≤ 1000', () => {
    expect(codes(newSettings({ winners: 10 }))).toContain('winners WINNERS_NOT_BELOW_GROUP_SIZE');
    expect(codes(newSettings({ winners: 0 }))).toContain('winners OUT_OF_RANGE');
    expect(codes(newSettings({ groupSize: 1001 }))).toContain('groupSize OUT_OF_RANGE');
    expect(codes(newSettings({ groupSize: 2.5 }))).toContain('groupSize NOT_AN_INTEGER');
  });
  it('needs 1 to 10 options with unique ids, and a voucher kind exactly for voucher options', () => {
    const o = { id: 1, kind: 'product' as const, name: 'x', costFen: 0, deliveryCostFen: 0 };
    expect(codes(newSettings({ options: [] }))).toContain('options OPTION_COUNT');
    expect(
      codes(newSettings({ options: Array.from({ length: 11 }, (_, i) => ({ ...o, id: i + 1 })) })),
    ).toContain('options OPTION_COUNT');
    expect(codes(newSettings({ options: [o, o] }))).toContain('options.1.id DUPLICATE_ID');
    expect(codes(newSettings({ options: [{ ...o, kind: 'voucher' }] }))).toContain(
      'options.0.voucherKindId VOUCHER_KIND_MISSING',
    );
    expect(codes(newSettings({ options: [{ ...o, voucherKindId: 2 }] }))).toContain(
      'options.0.voucherKindId VOUCHER_KIND_UNEXPECTED',
    );
    expect(codes(newSettings({ options: [{ ...o, costFen: -1 }] }))).toContain(
      'options.0.costFen OUT_OF_RANGE',
    );
  });
  it('rates are 0..10000 bp and fixed amounts whole and non-negative', () => {
    const s = example1();
    s.loserRewards.cashBonus = rate(10_001);
    s.seatRewards.referral.direct = fixed(1.5);
    s.seatRewards.uplineRelease.direct = { kind: 'rate_of_gold', bp: -1 };
    s.pools.dailyPoolBp = 20_000;
    expect(codes(s)).toEqual(
      expect.arrayContaining([
        'loserRewards.cashBonus.bp RATE_OUT_OF_RANGE',
        'seatRewards.referral.direct.amount FIXED_AMOUNT_INVALID',
        'seatRewards.uplineRelease.direct.bp RATE_OUT_OF_RANGE',
        'pools.dailyPoolBp RATE_OUT_OF_RANGE',
      ]),
    );
  });
  it('a fixed loser bonus may not exceed the price', () => {
    const s = newSettings({
      loserRewards: { cashBonus: fixed(10_001), goldRelease: null, consumptionPoints: null },
    });
    expect(codes(s)).toEqual(['loserRewards.cashBonus.amount LOSER_BONUS_EXCEEDS_PRICE']);
  });
  it('R-parameters are positive integers; an R5 cap at or above the block does nothing', () => {
    const s = newSettings();
    s.rules.r3Streak = { wins: 0, cooldown: 3 };
    s.rules.r4Cumulative = { wins: 2, cooldown: 1.5 };
    s.rules.r5Window = { block: 5, maxWins: 5 };
    expect(codes(s)).toEqual([
      'rules.r3Streak.wins OUT_OF_RANGE',
      'rules.r4Cumulative.cooldown NOT_AN_INTEGER',
      'rules.r5Window.maxWins WINDOW_RULE_HAS_NO_EFFECT',
    ]);
  });
  it('a higher tier or wider region may not earn less than a lower one', () => {
    const s = example1();
    s.seatRewards.teamTiers[1]!.reward = rate(50);
    s.seatRewards.regional.city = rate(50);
    expect(codes(s)).toEqual([
      'seatRewards.teamTiers TEAM_TIERS_NOT_INCREASING',
      'seatRewards.regional REGIONS_NOT_INCREASING',
    ]);
  });
});

describe('describeRules', () => {
  it('formats rates', () => {
    expect([percent(250), percent(3), percent(10_000), percent(50)]).toEqual([
      '2.5%',
      '0.03%',
      '100%',
      '0.5%',
    ]);
  });
  it('states every active rule and the conflict policy, in Chinese and English', () => {
    const s = example4();
    s.rules.r1FirstOfDaySeatOne = true;
    s.rules.r3Streak = { wins: 2, cooldown: 3 };
    const zh = describeRules(s, 'zh-CN');
    expect(zh.game).toBe('每份 ¥100.00，10 人成团，1 人中奖。');
    expect(zh.eligibility).toEqual([
      '规则一：当天首次参团且排在 1 号位的会员，本次不能中奖。',
      '规则三：连续中奖 2 次后，接下来 3 次开奖不能中奖。',
      '规则五：每连续 5 次开奖内最多中奖 1 次。',
      '平台补位的座位永不中奖，也不产生任何奖励。',
      '可中奖的人数少于 1 人时，本团失败（成团流失），全员全额退回零钱。',
    ]);
    expect(zh.loser).toEqual(['¥100.00 全额退回零钱。', '零钱奖励 ¥1.00。']);
    const en = describeRules(s, 'en');
    expect(en.eligibility[2]).toBe(
      "Rule 5: a member's drawn participations form blocks of 5; at most 1 win per block.",
    );
    expect(en.everySeat).toContain(
      'Upline release: the direct upline releases ¥1.00, the indirect upline ¥0.50 of their own shopping gold (up to the gold held).',
    );
    expect(en.everySeat[0]).toBe(
      "Every seat, won or lost, releases ¥2.00 of the holder's shopping gold into cash (up to the gold held).",
    );
  });
  it('shows rates with their amount at the price', () => {
    const en = describeRules(example1(), 'en');
    expect(en.winner).toContain(
      'A shopping-gold release of ¥5.00 (5% of the price) into cash, up to the gold held before the draw.',
    );
    expect(en.loser).toContain('A cash bonus of ¥3.00 (3% of the price).');
    expect(describeRules(example3(), 'en').eligibility).toContain(
      "Rule 4: every 10 wins (counted since this rule last applied), the member's next 200 drawn participations cannot win.",
    );
  });
  it("names the point kinds with the operator's names, the defaults otherwise (SPEC §2)", () => {
    const s = example4();
    s.winnerRewards.dividendPoints = { kind: 'fixed', amount: 500 };
    s.winnerRewards.consumptionPoints = { kind: 'fixed', amount: 200 };
    expect(describeRules(s, 'zh-CN').winner).toEqual(
      expect.arrayContaining(['分红积分 5.00。', '消费积分 2.00。']),
    );
    const names = { DIVIDEND: { zh: '贡献值', en: 'contribution' } };
    const zh = describeRules(s, 'zh-CN', names).winner;
    expect(zh).toEqual(expect.arrayContaining(['贡献值 5.00。', '消费积分 2.00。']));
    expect(zh.join('')).not.toContain('分红积分');
    expect(describeRules(s, 'en', names).winner).toEqual(
      expect.arrayContaining(['5.00 contribution.', '2.00 consumption points.']),
    );
  });
});
