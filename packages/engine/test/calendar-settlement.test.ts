import { describe, expect, it } from 'vitest';
import {
  dueDailyPeriods,
  staticReleaseAmount,
  staticReleaseBp,
  validateStaticReleaseRule,
} from '../src/calendar-settlement';

const rule = { isEnabled: true, baseBp: 100, accelerationBpPerJoin: 50, maxBp: 300 };

describe('static release (静态释放)', () => {
  it('adds the acceleration per join up to the maximum', () => {
    expect(staticReleaseBp(rule, 0)).toBe(100);
    expect(staticReleaseBp(rule, 2)).toBe(200);
    expect(staticReleaseBp(rule, 10)).toBe(300);
    expect(staticReleaseBp({ ...rule, isEnabled: false }, 10)).toBe(0);
  });
  it('rounds down and never exceeds the balance', () => {
    expect(staticReleaseAmount(rule, 12_345, 0)).toBe(123); // 1 % of 123.45 yuan
    expect(staticReleaseAmount({ ...rule, baseBp: 3, maxBp: 3 }, 10_000, 0)).toBe(3); // 万分之三
    expect(staticReleaseAmount({ ...rule, baseBp: 10_000, maxBp: 10_000 }, 77, 0)).toBe(77);
    expect(staticReleaseAmount(rule, 0, 5)).toBe(0);
    expect(staticReleaseAmount(rule, 99, 0)).toBe(0);
  });
  it('validates its settings', () => {
    expect(validateStaticReleaseRule(rule)).toEqual([]);
    expect(validateStaticReleaseRule({ ...rule, maxBp: 50 }).map((p) => p.path)).toEqual(['maxBp']);
    expect(validateStaticReleaseRule({ ...rule, baseBp: -1 }).map((p) => p.path)).toEqual([
      'baseBp',
    ]);
  });
});

describe('due daily periods', () => {
  it('lists missed days in order up to yesterday, across month ends', () => {
    expect(dueDailyPeriods('2026-03-02', '2026-02-26', '2026-01-01')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
    expect(dueDailyPeriods('2028-03-01', '2028-02-27', '2028-01-01')).toEqual([
      '2028-02-28',
      '2028-02-29',
    ]);
    expect(dueDailyPeriods('2026-11-25', '2026-11-24', '2026-01-01')).toEqual([]);
    expect(dueDailyPeriods('2026-11-25', null, '2026-11-23')).toEqual(['2026-11-23', '2026-11-24']);
  });
});

describe('due monthly periods', () => {
  it('lists ended, unsettled months in order, across a year end', async () => {
    const { dueMonthlyPeriods } = await import('../src/monthly-period');
    expect(dueMonthlyPeriods('2027-02-01', '2026-11', '2026-01')).toEqual(['2026-12', '2027-01']);
    expect(dueMonthlyPeriods('2026-11-30', null, '2026-11')).toEqual([]);
    expect(dueMonthlyPeriods('2026-12-01', null, '2026-11')).toEqual(['2026-11']);
  });
});
