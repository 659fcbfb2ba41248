import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, applyRate, formatFen, yuanToFen } from '../src/money';

describe('applyRate', () => {
  it('rounds down to the unit', () => {
    expect(applyRate(999, 300)).toBe(29); // 29.97 → 29
    expect(applyRate(10_000, 3)).toBe(3);
    expect(applyRate(1, 9_999)).toBe(0);
  });
  it('never exceeds the exact product and loses less than one unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, r) => {
          const v = applyRate(a, r);
          const exact = BigInt(a) * BigInt(r);
          expect(BigInt(v) * 10_000n <= exact).toBe(true);
          expect(exact - BigInt(v) * 10_000n < 10_000n).toBe(true);
        },
      ),
    );
  });
  it('refuses fractions and negatives', () => {
    expect(() => applyRate(1.5, 100)).toThrow();
    expect(() => applyRate(-1, 100)).toThrow();
  });
});

describe('allocate (largest remainder)', () => {
  it('parts add up to the total exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 50 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          const sumW = weights.reduce((a, b) => a + b, 0);
          const sum = parts.reduce((a, b) => a + b, 0);
          expect(sum).toBe(sumW === 0 ? 0 : total);
          parts.forEach((p, i) => {
            expect(Number.isInteger(p)).toBe(true);
            if (weights[i] === 0) expect(p).toBe(0);
            // each part is within one unit of its exact share
            if (sumW > 0) expect(Math.abs(p - (total * weights[i]!) / sumW)).toBeLessThan(1 + 1e-6);
          });
        },
      ),
    );
  });
  it('gives the leftover units to the largest remainders, ties to the earlier', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(100, [3, 3, 4])).toEqual([30, 30, 40]);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });
});

describe('yuan and formatting', () => {
  it('parses yuan strings exactly', () => {
    expect(yuanToFen('12.34')).toBe(1234);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('100')).toBe(10_000);
    expect(() => yuanToFen('1.234')).toThrow();
  });
  it('formats fen as ¥ figures', () => {
    expect(formatFen(123456)).toBe('1,234.56');
    expect(formatFen(5)).toBe('0.05');
    expect(formatFen(-100)).toBe('-1.00');
  });
});
