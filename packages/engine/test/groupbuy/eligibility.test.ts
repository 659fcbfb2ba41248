import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advanceCounters,
  exclusionOf,
  FRESH_COUNTERS,
  type EligibilityCounters,
  type ExclusionRule,
} from '../../src/groupbuy/eligibility';
import type { EligibilityRules } from '../../src/groupbuy/settings';

const NO_RULES: EligibilityRules = {
  r1FirstOfDaySeatOne: false,
  r2NewcomerSeatOne: false,
  r3Streak: null,
  r4Cumulative: null,
  r5Window: null,
};

/**
 * Plays one member's drawn participations, written as in SPEC §5: W = won,
 * L = lost, `-` = could not win. Each step checks the rules agree with the
 * letter (W/L need an eligible seat, `-` an ineligible one), then moves the counters.
 */
function play(rules: EligibilityRules, history: string, start = FRESH_COUNTERS) {
  let c: EligibilityCounters = { ...start };
  const excludedBy: (ExclusionRule | null)[] = [];
  for (const [i, step] of [...history.replaceAll(' ', '')].entries()) {
    const ex = exclusionOf(
      { seatNo: 5, isHouse: false, isFirstOfDay: false, isFirstEver: false, counters: c },
      rules,
    );
    excludedBy.push(ex);
    expect(ex === null, `step ${i + 1} (${step}) of ${history}: excluded by ${ex}`).toBe(
      step !== '-',
    );
    c = advanceCounters(c, rules, step === 'W' ? 'won' : 'lost');
  }
  return { counters: c, excludedBy };
}

describe('SPEC §5 worked examples', () => {
  const r3 = { ...NO_RULES, r3Streak: { wins: 2, cooldown: 3 } };
  it('R3 (2, 3): W W - - - then eligible again', () => {
    const { excludedBy } = play(r3, 'W W - - - W');
    expect(excludedBy.slice(2, 5)).toEqual(['R3', 'R3', 'R3']);
    play(r3, 'W W - - - L');
  });
  it('R3 (2, 3): W L W is no streak (a loss resets it)', () => {
    const { counters } = play(r3, 'W L W');
    expect(counters.streak).toBe(1);
    expect(counters.cooldownRemaining).toBe(0);
    play(r3, 'W L W W - - - W'); // the streak counts from the last loss
  });

  const r4 = { ...NO_RULES, r4Cumulative: { wins: 3, cooldown: 2 } };
  it('R4 (3, 2): W L W W → - - ; the count starts again from zero', () => {
    const { counters, excludedBy } = play(r4, 'W L W W - -');
    expect(excludedBy.slice(4)).toEqual(['R4', 'R4']);
    expect(counters.sinceCooldownWins).toBe(0);
    expect(counters.cooldownRemaining).toBe(0);
    play(r4, 'W L W W - - W W L W - -');
  });

  const r5 = { ...NO_RULES, r5Window: { block: 5, maxWins: 1 } };
  it('R5 (5, 1): block 1 = W - - - -; block 2 = L L W - -; block 3 starts fresh', () => {
    const { excludedBy } = play(r5, 'W - - - -  L L W - -  W - - - -');
    expect(excludedBy.filter((e) => e === 'R5')).toHaveLength(10);
    const after2 = play(r5, 'W - - - -  L L W - -').counters;
    expect(after2).toMatchObject({ windowPos: 0, windowWins: 0 });
    play(r5, 'W - - - -  L L W - -  L L L L W');
  });

  it('R3 and R4 granting on the same draw: the longer remaining one applies, no adding', () => {
    const both = {
      ...NO_RULES,
      r3Streak: { wins: 2, cooldown: 3 },
      r4Cumulative: { wins: 3, cooldown: 2 },
    };
    const { counters } = play(both, 'W L W W');
    expect(counters).toMatchObject({ cooldownRemaining: 3, cooldownRule: 'R3' });
    play(both, 'W L W W - - - W'); // 3, not 3 + 2
    const r4Longer = {
      ...NO_RULES,
      r3Streak: { wins: 2, cooldown: 2 },
      r4Cumulative: { wins: 3, cooldown: 5 },
    };
    expect(play(r4Longer, 'W L W W').counters).toMatchObject({
      cooldownRemaining: 5,
      cooldownRule: 'R4',
    });
    play(r4Longer, 'W L W W - - - - - W');
  });
});

describe('seat-one rules and house seats', () => {
  const seat = (seatNo: number, isFirstOfDay: boolean, isFirstEver: boolean, isHouse = false) => ({
    seatNo,
    isHouse,
    isFirstOfDay,
    isFirstEver,
    counters: { ...FRESH_COUNTERS },
  });
  it('R1 excludes seat 1 on the first join of the day, and only seat 1', () => {
    const rules = { ...NO_RULES, r1FirstOfDaySeatOne: true };
    expect(exclusionOf(seat(1, true, false), rules)).toBe('R1');
    expect(exclusionOf(seat(2, true, false), rules)).toBeNull();
    expect(exclusionOf(seat(1, false, false), rules)).toBeNull();
  });
  it('R2 excludes seat 1 on the first join ever', () => {
    const rules = { ...NO_RULES, r2NewcomerSeatOne: true };
    expect(exclusionOf(seat(1, true, true), rules)).toBe('R2');
    expect(exclusionOf(seat(1, true, false), rules)).toBeNull();
    expect(exclusionOf(seat(3, true, true), rules)).toBeNull();
  });
  it('house seats are never eligible, whatever the rules', () => {
    expect(exclusionOf(seat(4, false, false, true), NO_RULES)).toBe('HOUSE');
  });
  it('a seat-one exclusion still consumes cooldown and breaks the streak', () => {
    const rules = { ...NO_RULES, r3Streak: { wins: 2, cooldown: 3 }, r1FirstOfDaySeatOne: true };
    const c = advanceCounters(
      { ...FRESH_COUNTERS, streak: 1, cooldownRemaining: 1, cooldownRule: 'R3' },
      rules,
      'lost',
    );
    expect(c).toMatchObject({ streak: 0, cooldownRemaining: 0, cooldownRule: null });
  });
});

describe('forced wins (conflict policy random)', () => {
  it('count as a win and do not consume the cooldown', () => {
    const rules = {
      ...NO_RULES,
      r3Streak: { wins: 3, cooldown: 4 },
      r5Window: { block: 5, maxWins: 1 },
    };
    const start: EligibilityCounters = {
      ...FRESH_COUNTERS,
      cooldownRemaining: 2,
      cooldownRule: 'R3',
      windowPos: 1,
      windowWins: 1,
    };
    const c = advanceCounters(start, rules, 'forced_win');
    expect(c).toMatchObject({
      streak: 1,
      sinceCooldownWins: 1,
      cooldownRemaining: 2,
      cooldownRule: 'R3',
      windowPos: 2,
      windowWins: 2,
    });
  });
  it('may grant a new cooldown, which replaces a shorter running one', () => {
    const rules = { ...NO_RULES, r4Cumulative: { wins: 2, cooldown: 5 } };
    const start: EligibilityCounters = {
      ...FRESH_COUNTERS,
      sinceCooldownWins: 1,
      cooldownRemaining: 2,
      cooldownRule: 'R4',
    };
    expect(advanceCounters(start, rules, 'forced_win')).toMatchObject({
      cooldownRemaining: 5,
      sinceCooldownWins: 0,
    });
  });
});

describe('counters (properties)', () => {
  const rulesArb = fc.record({
    r1FirstOfDaySeatOne: fc.boolean(),
    r2NewcomerSeatOne: fc.boolean(),
    r3Streak: fc.option(
      fc.record({ wins: fc.integer({ min: 1, max: 4 }), cooldown: fc.integer({ min: 1, max: 5 }) }),
    ),
    r4Cumulative: fc.option(
      fc.record({ wins: fc.integer({ min: 1, max: 6 }), cooldown: fc.integer({ min: 1, max: 5 }) }),
    ),
    r5Window: fc.option(
      fc
        .integer({ min: 2, max: 6 })
        .chain((block) =>
          fc.record({ block: fc.constant(block), maxWins: fc.integer({ min: 1, max: block - 1 }) }),
        ),
    ),
  });
  it('an eligible member plays normally; an ineligible one never accumulates wins it could not have', () => {
    fc.assert(
      fc.property(rulesArb, fc.array(fc.boolean(), { maxLength: 60 }), (rules, wantWins) => {
        let c: EligibilityCounters = { ...FRESH_COUNTERS };
        let winsInBlock = 0;
        let pos = 0;
        for (const wantWin of wantWins) {
          const ex = exclusionOf(
            { seatNo: 2, isHouse: false, isFirstOfDay: false, isFirstEver: false, counters: c },
            rules,
          );
          const won = ex === null && wantWin;
          c = advanceCounters(c, rules, won ? 'won' : 'lost');
          expect(c.cooldownRemaining).toBeGreaterThanOrEqual(0);
          expect(c.cooldownRemaining).toBeLessThanOrEqual(
            Math.max(rules.r3Streak?.cooldown ?? 0, rules.r4Cumulative?.cooldown ?? 0),
          );
          expect(c.cooldownRule === null).toBe(c.cooldownRemaining === 0);
          if (rules.r5Window) {
            winsInBlock += won ? 1 : 0;
            pos += 1;
            expect(winsInBlock).toBeLessThanOrEqual(rules.r5Window.maxWins);
            if (pos === rules.r5Window.block) [pos, winsInBlock] = [0, 0];
            expect(c).toMatchObject({ windowPos: pos, windowWins: winsInBlock });
          }
          if (rules.r3Streak) expect(c.streak).toBeLessThan(rules.r3Streak.wins);
        }
      }),
    );
  });
});
