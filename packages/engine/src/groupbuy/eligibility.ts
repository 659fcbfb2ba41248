/**
 * Who can win a draw (SPEC §5, rules R1–R5) and how a member's per-activity
 * counters move after each drawn participation. Pure; the counters are loaded
 * and stored by the caller, one row per member per activity.
 *
 * How a participation moves the counters (decided here where SPEC is silent):
 * - Every drawn participation that is not a forced win consumes one unit of a
 *   running cooldown, whatever excluded it (R1, R2, R5 or the cooldown itself):
 *   "the next Y drawn participations cannot win" counts participations.
 * - A participation that did not win — a cooldown participation included —
 *   is a loss: it breaks the R3 streak and does not count towards R4.
 * - Every drawn participation occupies one position of the R5 block.
 * - A forced win (conflict policy `random`, SPEC §5) counts as a win for R3,
 *   R4 and R5, and does not consume the cooldown.
 * - When R3 grants, the streak starts again from zero; when R4 grants, its
 *   count starts again from zero. A new cooldown never adds to a running one:
 *   the longer remaining one applies (ties go to R3).
 * - R3/R4 counters move whether or not the rule is on; a rule only reads
 *   them. R5 positions move only while R5 is on (they need its block size).
 *   A group that fails on conflict moves nothing (the caller simply does not call
 *   `advanceCounters`).
 */
import type { EligibilityRules } from './settings';

export interface EligibilityCounters {
  /** Consecutive wins (R3). */
  streak: number;
  /** Wins since R4 last granted a cooldown. */
  sinceCooldownWins: number;
  /** Drawn participations left that cannot win (R3/R4). */
  cooldownRemaining: number;
  /** Which rule granted the running cooldown; null when none runs. */
  cooldownRule: 'R3' | 'R4' | null;
  /** Position within the current R5 block, 0..X-1. */
  windowPos: number;
  /** Wins in the current R5 block. */
  windowWins: number;
}

export const FRESH_COUNTERS: Readonly<EligibilityCounters> = Object.freeze({
  streak: 0,
  sinceCooldownWins: 0,
  cooldownRemaining: 0,
  cooldownRule: null,
  windowPos: 0,
  windowWins: 0,
});

/** Why a seat cannot win; HOUSE for house seats (平台补位), which never win. */
export type ExclusionRule = 'HOUSE' | 'R1' | 'R2' | 'R3' | 'R4' | 'R5';

export interface SeatForEligibility {
  seatNo: number;
  isHouse: boolean;
  /** Fixed at join time: the member's first join of that platform day. */
  isFirstOfDay: boolean;
  /** Fixed at join time: the member's first join ever. */
  isFirstEver: boolean;
  counters: EligibilityCounters;
}

export interface SeatEligibility {
  seatNo: number;
  eligible: boolean;
  /** The first rule (in the order HOUSE, R1, R2, R3/R4, R5) that excludes the seat. */
  excludedBy: ExclusionRule | null;
}

/** The rule that keeps a seat from winning this draw, or null when it can win. */
export function exclusionOf(
  seat: SeatForEligibility,
  rules: EligibilityRules,
): ExclusionRule | null {
  if (seat.isHouse) return 'HOUSE';
  if (rules.r1FirstOfDaySeatOne && seat.seatNo === 1 && seat.isFirstOfDay) return 'R1';
  if (rules.r2NewcomerSeatOne && seat.seatNo === 1 && seat.isFirstEver) return 'R2';
  const cooldown = activeCooldown(seat.counters, rules);
  if (cooldown) return cooldown;
  if (rules.r5Window && currentWindow(seat.counters, rules).wins >= rules.r5Window.maxWins)
    return 'R5';
  return null;
}

export function decideEligibility(
  seats: readonly SeatForEligibility[],
  rules: EligibilityRules,
): SeatEligibility[] {
  return seats.map((seat) => {
    const excludedBy = exclusionOf(seat, rules);
    return { seatNo: seat.seatNo, eligible: excludedBy === null, excludedBy };
  });
}

/** A running cooldown excludes only while the rule that granted it is on in this version. */
function activeCooldown(c: EligibilityCounters, rules: EligibilityRules): 'R3' | 'R4' | null {
  if (c.cooldownRemaining <= 0) return null;
  if (c.cooldownRule === 'R3' && rules.r3Streak) return 'R3';
  if (c.cooldownRule === 'R4' && rules.r4Cumulative) return 'R4';
  return null;
}

/** The current R5 block; a position past the block (the block size changed) starts a new one. */
function currentWindow(
  c: EligibilityCounters,
  rules: EligibilityRules,
): { pos: number; wins: number } {
  const block = rules.r5Window?.block ?? 0;
  return c.windowPos < block ? { pos: c.windowPos, wins: c.windowWins } : { pos: 0, wins: 0 };
}

/** How a seat came out of a drawn group. */
export type DrawnResult = 'won' | 'lost' | 'forced_win';

/** The counters after one drawn participation. */
export function advanceCounters(
  c: EligibilityCounters,
  rules: EligibilityRules,
  result: DrawnResult,
): EligibilityCounters {
  const isWin = result !== 'lost';
  let cooldownRemaining = c.cooldownRemaining;
  let cooldownRule = c.cooldownRule;
  if (result !== 'forced_win' && cooldownRemaining > 0) cooldownRemaining -= 1;
  if (cooldownRemaining === 0) cooldownRule = null;

  let streak = isWin ? c.streak + 1 : 0;
  let sinceCooldownWins = c.sinceCooldownWins + (isWin ? 1 : 0);
  const grants: { rule: 'R3' | 'R4'; length: number }[] = [];
  if (isWin && rules.r3Streak && streak >= rules.r3Streak.wins) {
    grants.push({ rule: 'R3', length: rules.r3Streak.cooldown });
    streak = 0;
  }
  if (isWin && rules.r4Cumulative && sinceCooldownWins >= rules.r4Cumulative.wins) {
    grants.push({ rule: 'R4', length: rules.r4Cumulative.cooldown });
    sinceCooldownWins = 0;
  }
  for (const g of grants)
    if (g.length > cooldownRemaining) {
      cooldownRemaining = g.length;
      cooldownRule = g.rule;
    }

  let windowPos = 0;
  let windowWins = 0;
  if (rules.r5Window) {
    const w = currentWindow(c, rules);
    windowPos = w.pos + 1;
    windowWins = w.wins + (isWin ? 1 : 0);
    if (windowPos >= rules.r5Window.block) {
      windowPos = 0;
      windowWins = 0;
    }
  }
  return { streak, sinceCooldownWins, cooldownRemaining, cooldownRule, windowPos, windowWins };
}
