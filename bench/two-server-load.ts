/**
 * Joins through two server processes on one PostgreSQL (issue 8, load across
 * servers): the four configurations of examples.md with rewards, pools and
 * commissions on, members below two levels of uplines and regional agents,
 * `clients` keep-alive clients split evenly between the servers. Afterwards the
 * group invariants and the trial balance are proved. Used by
 * `bench/load-two-servers.ts` (the full run) and by the CI test proof-load.
 */
import { exampleActivities } from '@pingou/engine';
import type { AppContext } from '../apps/server/src/context';
import { proveInvariants, type GroupFacts } from '../apps/server/test/support/proof-checks';
import { closedLoop } from './load';
import { summarize, type LatencySummary } from './report';
import { seed } from './seed';

export interface TwoServerLoadPlan {
  /** Base URLs of the running servers; client c talks to server c mod count. */
  baseUrls: string[];
  joins: number;
  clients: number;
  /** Activities per example of examples.md (four examples). */
  activitiesPerExample: number;
  /** Stop sending after this many seconds (a slow machine still finishes). */
  maxSeconds: number;
  /** Share of the first joins not counted in the figures (connections and caches warming). */
  warmupShare?: number;
}

export interface TwoServerLoadResult {
  members: number;
  activities: number;
  sent: number;
  measured: number;
  /** Every answer that was not 201 (4xx, 5xx) and every transport failure. */
  errors: number;
  /** The first few of them per server, as `status body`. */
  errorSamples: string[];
  joinsPerSecond: number;
  latency: LatencySummary;
  seconds: number;
  perServer: { baseUrl: string; measured: number; joinsPerSecond: number; p99: number }[];
  facts: GroupFacts;
  problems: Partial<GroupFacts>;
  ledger: { ok: boolean; entries: number; postings: number };
}

export async function runTwoServerLoad(
  ctx: AppContext,
  plan: TwoServerLoadPlan,
): Promise<TwoServerLoadResult> {
  const examples = exampleActivities();
  const activities = plan.activitiesPerExample * examples.length;
  // Each member joins each activity at most once a day, well within examples #3 and #4's daily
  // limit of 5, so every join should succeed.
  const members = Math.max(100, Math.ceil(plan.joins / Math.min(5, activities)));
  const seeded = await seed(ctx, {
    httpActivities: activities,
    httpMembers: members,
    settleActivities: 0,
    cashFen: 1_000_000, // 10,000 yuan: at most five joins of 200 yuan each
    uplineShare: 0.6,
    regionShare: 0.4,
    membersPerDirect: 20,
    membersPerIndirect: 200,
    httpSettings: examples.map((e) => ({ key: e.key, settings: e.settings })),
  });
  const A = seeded.httpActivityIds.length;
  const n = seeded.joiners.length;
  const pick = (i: number) => ({
    activityId: seeded.httpActivityIds[(i + Math.floor(i / n)) % A]!,
    token: seeded.joiners[i % n]!.token,
  });

  const S = plan.baseUrls.length;
  const tag = Date.now().toString(36);
  const warmupShare = plan.warmupShare ?? 0.05;
  const runs = await Promise.all(
    plan.baseUrls.map((baseUrl, s) => {
      // server s carries joins s, s + S, s + 2S, … of the one global sequence
      const total = Math.floor(plan.joins / S) + (s < plan.joins % S ? 1 : 0);
      return closedLoop({
        baseUrl,
        clients: Math.max(1, Math.round(plan.clients / S)),
        total,
        warmup: Math.floor(total * warmupShare),
        keyPrefix: `proof-${tag}-s${s}`,
        pick: (j) => pick(j * S + s),
        maxSeconds: plan.maxSeconds,
      });
    }),
  );
  const latencies = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const counted = runs.filter((r) => r.measured > 0);
  const start = Math.min(...counted.map((r) => r.startedAt));
  const end = Math.max(...counted.map((r) => r.endedAt));
  const seconds = (end - start) / 1000;
  const errorSamples = runs.flatMap((r) => r.errorSamples);
  const proof = await proveInvariants(ctx.db);
  return {
    members: seeded.shape.members,
    activities: A,
    sent: runs.reduce((t, r) => t + r.sent, 0),
    measured: latencies.length,
    errors: runs.reduce((t, r) => t + r.errors, 0),
    errorSamples,
    joinsPerSecond: seconds > 0 ? latencies.length / seconds : 0,
    latency: summarize(latencies),
    seconds,
    perServer: runs.map((r, s) => ({
      baseUrl: plan.baseUrls[s]!,
      measured: r.measured,
      joinsPerSecond: r.perSecond,
      p99: summarize(r.latenciesMs).p99,
    })),
    facts: proof.groups,
    problems: proof.problems,
    ledger: { ok: proof.ledger.ok, entries: proof.ledger.entries, postings: proof.ledger.postings },
  };
}
