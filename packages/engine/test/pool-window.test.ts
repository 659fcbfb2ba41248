import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { platformDay } from '../src/calendar';
import {
  DEFAULT_POOL_WINDOWS,
  isWholeHundredPoints,
  poolWindowAt,
  poolWindowProblems,
} from '../src/pool-window';

const SH = 'Asia/Shanghai';
/** An instant at local Shanghai wall time (UTC+8, no DST). */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('pool window (积分池)', () => {
  it('defaults to SPEC §7: in and out to day 5, in only to day 24, then frozen', () => {
    expect(DEFAULT_POOL_WINDOWS).toEqual({ inOutUntilDay: 5, inOnlyUntilDay: 24 });
    expect(poolWindowAt(sh('2026-03-03T12:00:00'), SH)).toEqual({
      phase: 'in_out',
      canTransferIn: true,
      canTransferOut: true,
      canRedeem: true,
      today: '2026-03-03',
      phaseEndsAt: '2026-03-05T16:00:00.000Z', // 03-06 00:00 in Shanghai
      monthEnd: '2026-03-31',
    });
    expect(poolWindowAt(sh('2026-03-10T12:00:00'), SH)).toEqual({
      phase: 'in_only',
      canTransferIn: true,
      canTransferOut: false,
      canRedeem: false,
      today: '2026-03-10',
      phaseEndsAt: '2026-03-24T16:00:00.000Z', // 03-25 00:00
      monthEnd: '2026-03-31',
    });
    expect(poolWindowAt(sh('2026-03-26T12:00:00'), SH)).toEqual({
      phase: 'frozen',
      canTransferIn: false,
      canTransferOut: false,
      canRedeem: false,
      today: '2026-03-26',
      phaseEndsAt: '2026-03-31T16:00:00.000Z', // 04-01 00:00
      monthEnd: '2026-03-31',
    });
  });

  it.each([
    ['2026-02', '2026-02-28', '2026-02-28T16:00:00.000Z'], // 28 days
    ['2028-02', '2028-02-29', '2028-02-29T16:00:00.000Z'], // leap year, 29
    ['2026-04', '2026-04-30', '2026-04-30T16:00:00.000Z'], // 30
    ['2026-01', '2026-01-31', '2026-01-31T16:00:00.000Z'], // 31
    ['2026-12', '2026-12-31', '2026-12-31T16:00:00.000Z'], // into the next year
  ])('month %s ends on %s; frozen until the 1st', (month, monthEnd, nextStart) => {
    const lastDay = poolWindowAt(sh(`${monthEnd}T23:59:59`), SH);
    expect(lastDay).toMatchObject({ phase: 'frozen', monthEnd, phaseEndsAt: nextStart });
    expect(poolWindowAt(sh(`${month}-25T00:00:00`), SH)).toMatchObject({
      phase: 'frozen',
      monthEnd,
      phaseEndsAt: nextStart,
    });
    // The next month opens in and out exactly at its local midnight.
    expect(poolWindowAt(new Date(nextStart), SH)).toMatchObject({
      phase: 'in_out',
      canTransferOut: true,
    });
  });

  it('turns exactly at local midnight', () => {
    const w = poolWindowAt(sh('2026-05-06T00:00:00'), SH);
    expect(w.phase).toBe('in_only');
    expect(poolWindowAt(new Date(sh('2026-05-06T00:00:00').getTime() - 1), SH).phase).toBe(
      'in_out',
    );
    expect(poolWindowAt(sh('2026-05-25T00:00:00'), SH).phase).toBe('frozen');
    expect(poolWindowAt(new Date(sh('2026-05-25T00:00:00').getTime() - 1), SH).phase).toBe(
      'in_only',
    );
    expect(poolWindowAt(sh('2026-05-01T00:00:00'), SH).phase).toBe('in_out');
  });

  it('reads the day in the platform zone, not the server clock zone', () => {
    // 16:00 UTC on the 24th is 00:00 on the 25th in Shanghai.
    expect(poolWindowAt(new Date('2026-11-24T16:00:00Z'), SH)).toMatchObject({
      phase: 'frozen',
      today: '2026-11-25',
      phaseEndsAt: '2026-11-30T16:00:00.000Z',
    });
    expect(poolWindowAt(new Date('2026-11-24T16:00:00Z'), 'UTC')).toMatchObject({
      phase: 'in_only',
      today: '2026-11-24',
      phaseEndsAt: '2026-11-25T00:00:00.000Z',
    });
    // 2026-10-31T16:00Z is 11-01 in Shanghai: the new month is open both ways.
    expect(poolWindowAt(new Date('2026-10-31T16:00:00Z'), SH)).toMatchObject({
      phase: 'in_out',
      monthEnd: '2026-11-30',
    });
  });

  it('follows the operator’s day boundaries', () => {
    const s = { inOutUntilDay: 1, inOnlyUntilDay: 27 };
    expect(poolWindowAt(sh('2026-02-01T08:00:00'), SH, s)).toMatchObject({
      phase: 'in_out',
      phaseEndsAt: '2026-02-01T16:00:00.000Z',
    });
    expect(poolWindowAt(sh('2026-02-27T08:00:00'), SH, s).phase).toBe('in_only');
    expect(poolWindowAt(sh('2026-02-28T00:00:00'), SH, s).phase).toBe('frozen');
  });

  it('phaseEndsAt is always later than the instant and starts another phase', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') }),
        fc.integer({ min: 1, max: 26 }),
        fc.integer({ min: 1, max: 26 }),
        (instant, a, gap) => {
          const s = { inOutUntilDay: a, inOnlyUntilDay: Math.min(27, a + gap) };
          if (Number.isNaN(instant.getTime()) || s.inOnlyUntilDay <= s.inOutUntilDay) return;
          const w = poolWindowAt(instant, SH, s);
          const end = new Date(w.phaseEndsAt);
          expect(end.getTime()).toBeGreaterThan(instant.getTime());
          expect(poolWindowAt(end, SH, s).phase).not.toBe(w.phase);
          expect(poolWindowAt(new Date(end.getTime() - 1), SH, s).phase).toBe(w.phase);
          expect(platformDay(end, SH) > w.today).toBe(true);
        },
      ),
    );
  });
});

describe('pool window settings and amounts', () => {
  it('accepts 1 ≤ inOutUntilDay < inOnlyUntilDay ≤ 27', () => {
    expect(poolWindowProblems(DEFAULT_POOL_WINDOWS)).toEqual([]);
    expect(poolWindowProblems({ inOutUntilDay: 1, inOnlyUntilDay: 27 })).toEqual([]);
    expect(poolWindowProblems({ inOutUntilDay: 0, inOnlyUntilDay: 24 })).toEqual([
      { path: 'inOutUntilDay', message: expect.any(String) },
    ]);
    expect(poolWindowProblems({ inOutUntilDay: 5, inOnlyUntilDay: 28 })).toEqual([
      { path: 'inOnlyUntilDay', message: expect.any(String) },
    ]);
    expect(poolWindowProblems({ inOutUntilDay: 10, inOnlyUntilDay: 10 })).toEqual([
      { path: 'inOnlyUntilDay', message: 'must come after inOutUntilDay' },
    ]);
    expect(poolWindowProblems({ inOutUntilDay: 2.5, inOnlyUntilDay: 10 })).toHaveLength(1);
  });

  it('a whole hundred points is a positive multiple of 10,000 hundredths', () => {
    expect(isWholeHundredPoints(10_000)).toBe(true);
    expect(isWholeHundredPoints(1_230_000)).toBe(true);
    expect(isWholeHundredPoints(0)).toBe(false);
    expect(isWholeHundredPoints(-10_000)).toBe(false);
    expect(isWholeHundredPoints(5_000)).toBe(false);
    expect(isWholeHundredPoints(10_100)).toBe(false);
    expect(isWholeHundredPoints(10_000.5)).toBe(false);
  });
});
