/**
 * Settled seats per second, in process, through the real use case. For each
 * settlement activity nine members fill seats 1–9 of `groups` groups (not
 * timed: every round of nine opens a new group, because each filler already
 * holds a seat in the older ones). Then, timed, a tenth member takes seat 10
 * of each group in turn, one worker per activity, all activities at once:
 * each of those joins draws and settles its whole group (every winner's and
 * loser's ledger entries, commissions to both uplines, team and regional
 * differentials, pools, counters, orders) in its one transaction.
 * settled seats/s = drawn groups × 10 / elapsed wall time of the timed phase.
 */
import { performance } from 'node:perf_hooks';
import type { AppContext } from '../apps/server/src/context';
import { joinGroup } from '../apps/server/src/use-cases/group-buy/join-group';

export interface SettlementResult {
  activities: number;
  groupsPerActivity: number;
  drawnGroups: number;
  settledSeats: number;
  elapsedMs: number;
  seatsPerSecond: number;
  /** Latency of one closing join (join + draw + settlement), ms, sorted. */
  closeLatenciesMs: number[];
  errors: number;
  errorSamples: string[];
}

export async function measureSettlement(
  ctx: AppContext,
  opts: {
    activityIds: number[];
    members: number[][];
    groupsPerActivity: number;
    keyPrefix: string;
  },
): Promise<SettlementResult> {
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  const G = opts.groupsPerActivity;
  let keySeq = 0;
  const join = (activityId: number, memberId: number) =>
    joinGroup(
      ctx,
      memberId,
      { activityId, optionId: 1, clientSeed: '' },
      `${opts.keyPrefix}-${keySeq++}`,
    );

  // untimed: seats 1–9 of G groups per activity
  await Promise.all(
    opts.activityIds.map(async (activityId, k) => {
      const fillers = opts.members[k]!.slice(0, 9);
      for (let g = 0; g < G; g++)
        for (const m of fillers) {
          try {
            const r = await join(activityId, m);
            if (r.body.groupStatus !== 'open') fail(`filler join gave ${r.body.groupStatus}`);
          } catch (e) {
            fail(`filler join: ${String(e)}`);
          }
        }
    }),
  );

  // timed: seat 10 of each group, which draws and settles it
  const closeLatenciesMs: number[] = [];
  let drawnGroups = 0;
  const t0 = performance.now();
  await Promise.all(
    opts.activityIds.map(async (activityId, k) => {
      const closer = opts.members[k]![9]!;
      for (let g = 0; g < G; g++) {
        const s = performance.now();
        try {
          const r = await join(activityId, closer);
          closeLatenciesMs.push(performance.now() - s);
          if (r.body.groupStatus === 'drawn') drawnGroups++;
          else fail(`closing join gave ${r.body.groupStatus} (seat ${r.body.seatNo})`);
        } catch (e) {
          fail(`closing join: ${String(e)}`);
        }
      }
    }),
  );
  const elapsedMs = performance.now() - t0;
  return {
    activities: opts.activityIds.length,
    groupsPerActivity: G,
    drawnGroups,
    settledSeats: drawnGroups * 10,
    elapsedMs,
    seatsPerSecond: (drawnGroups * 10 * 1000) / elapsedMs,
    closeLatenciesMs: closeLatenciesMs.sort((x, y) => x - y),
    errors,
    errorSamples,
  };
}
