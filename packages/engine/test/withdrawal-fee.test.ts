import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WITHDRAWAL_RULES,
  feeBpFor,
  quoteWithdrawal,
  withdrawalFee,
  withdrawalRulesProblems,
  type WithdrawalFeeRule,
  type WithdrawalRules,
} from '../src/withdrawal-fee';

const tiers: WithdrawalFeeRule = {
  kind: 'tiers',
  tiers: [
    { fromFen: 0, bp: 650 },
    { fromFen: 100_000, bp: 500 },
    { fromFen: 1_000_000, bp: 300 },
  ],
};

describe('withdrawal fee (提现手续费)', () => {
  it('defaults to SPEC §8: 100 yuan minimum, 6.5 %', () => {
    expect(DEFAULT_WITHDRAWAL_RULES).toEqual({
      minimumFen: 10_000,
      fee: { kind: 'rate', bp: 650 },
    });
    expect(quoteWithdrawal(10_000, DEFAULT_WITHDRAWAL_RULES)).toEqual({
      ok: true,
      amountFen: 10_000,
      feeBp: 650,
      feeFen: 650,
      payoutFen: 9_350,
    });
  });

  it('rounds the fee down: the remainder goes to the member', () => {
    // 12,345 fen × 6.5 % = 802.425 fen → 802
    expect(withdrawalFee(12_345, { kind: 'rate', bp: 650 })).toEqual({
      feeBp: 650,
      feeFen: 802,
      payoutFen: 11_543,
    });
    // 10,001 × 6.5 % = 650.065 → 650
    expect(withdrawalFee(10_001, { kind: 'rate', bp: 650 }).feeFen).toBe(650);
    expect(withdrawalFee(15, { kind: 'rate', bp: 650 })).toEqual({
      feeBp: 650,
      feeFen: 0,
      payoutFen: 15,
    });
  });

  it('refuses an amount below the minimum, and accepts exactly the minimum', () => {
    expect(quoteWithdrawal(9_999, DEFAULT_WITHDRAWAL_RULES)).toEqual({
      ok: false,
      reason: 'below_minimum',
      minimumFen: 10_000,
    });
    expect(quoteWithdrawal(0, { minimumFen: 1, fee: { kind: 'rate', bp: 0 } }).ok).toBe(false);
    expect(quoteWithdrawal(10_000, DEFAULT_WITHDRAWAL_RULES).ok).toBe(true);
  });

  it('applies the highest tier whose fromFen is at most the amount, to the whole amount', () => {
    expect(feeBpFor(99_999, tiers)).toBe(650);
    expect(feeBpFor(100_000, tiers)).toBe(500);
    expect(feeBpFor(999_999, tiers)).toBe(500);
    expect(feeBpFor(1_000_000, tiers)).toBe(300);
    expect(feeBpFor(50_000_000, tiers)).toBe(300);
    expect(withdrawalFee(100_000, tiers)).toEqual({ feeBp: 500, feeFen: 5_000, payoutFen: 95_000 });
    expect(withdrawalFee(99_999, tiers)).toEqual({ feeBp: 650, feeFen: 6_499, payoutFen: 93_500 });
    // the order the operator typed them in does not matter
    const shuffled: WithdrawalFeeRule = { kind: 'tiers', tiers: [...tiers.tiers].reverse() };
    expect(feeBpFor(150_000, shuffled)).toBe(500);
  });

  it('fee + payout = amount, the fee never exceeds the exact product and misses it by under one fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 9_999 }),
        (amount, bp) => {
          const q = withdrawalFee(amount, { kind: 'rate', bp });
          expect(q.feeFen + q.payoutFen).toBe(amount);
          expect(q.payoutFen).toBeGreaterThan(0);
          const exact = BigInt(amount) * BigInt(bp);
          expect(BigInt(q.feeFen) * 10_000n <= exact).toBe(true);
          expect(exact - BigInt(q.feeFen) * 10_000n < 10_000n).toBe(true);
        },
      ),
    );
  });

  it('with tiers, the rate used is always one of the tiers and the parts add up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (amount) => {
        const q = withdrawalFee(amount, tiers);
        expect(tiers.tiers.map((t) => t.bp)).toContain(q.feeBp);
        expect(q.feeFen + q.payoutFen).toBe(amount);
      }),
    );
  });

  it('refuses fractional and negative amounts', () => {
    expect(() => withdrawalFee(100.5, { kind: 'rate', bp: 650 })).toThrow();
    expect(() => withdrawalFee(-1, { kind: 'rate', bp: 650 })).toThrow();
    expect(() => quoteWithdrawal(Number.NaN, DEFAULT_WITHDRAWAL_RULES)).toThrow();
  });
});

describe('withdrawal rules validation', () => {
  const ok = (r: WithdrawalRules) => expect(withdrawalRulesProblems(r)).toEqual([]);
  const bad = (r: WithdrawalRules, path: string) =>
    expect(withdrawalRulesProblems(r).map((p) => p.path)).toContain(path);

  it('accepts the defaults and sound tiers', () => {
    ok(DEFAULT_WITHDRAWAL_RULES);
    ok({ minimumFen: 10_000, fee: tiers });
    ok({ minimumFen: 10_000, fee: { kind: 'tiers', tiers: [{ fromFen: 10_000, bp: 650 }] } });
    ok({ minimumFen: 1, fee: { kind: 'rate', bp: 0 } });
  });

  it('refuses a zero minimum, a fee that leaves no payout, and unsound tiers', () => {
    bad({ minimumFen: 0, fee: { kind: 'rate', bp: 650 } }, 'minimumFen');
    bad({ minimumFen: 10_000, fee: { kind: 'rate', bp: 10_000 } }, 'fee.bp');
    bad({ minimumFen: 10_000, fee: { kind: 'tiers', tiers: [] } }, 'fee.tiers');
    bad(
      {
        minimumFen: 10_000,
        fee: {
          kind: 'tiers',
          tiers: [
            { fromFen: 0, bp: 650 },
            { fromFen: 0, bp: 500 },
          ],
        },
      },
      'fee.tiers.1.fromFen',
    );
    bad(
      { minimumFen: 10_000, fee: { kind: 'tiers', tiers: [{ fromFen: 20_000, bp: 650 }] } },
      'fee.tiers.0.fromFen',
    );
    bad(
      { minimumFen: 10_000, fee: { kind: 'tiers', tiers: [{ fromFen: 0, bp: -1 }] } },
      'fee.tiers.0.bp',
    );
  });
});
