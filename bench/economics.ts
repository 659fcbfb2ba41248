/**
 * `npm run bench` (third part): the economics simulator (SPEC §12) over a year —
 * 365 days, a population growing to 100,000 members, examples.md #1 (the heaviest
 * settlement: every reward kind, two uplines, three regional levels). Pure: no database.
 * Target ≤ 60 s on the 2-core machine. BENCH_QUICK=1 / --quick: 10,000 members.
 *
 * Why these parameters are realistic: a platform like this registers members in
 * waves and most of them are dormant on any given day. 20,000 members at launch and
 * 220 new ones a day reach the cap of 100,000 at the year's end; 4 % of present members
 * play on a given day (registered-to-daily-active of promotion apps is 3–10 %), making
 * 1–3 joins (¥100–300) each; 0.1 % leave each day (about 30 % a year); 60 % come with
 * an invite code. That is about 4,000–6,000 joins a day at the end of the year, some
 * 150,000 groups of 10 over the year.
 */
import { performance } from 'node:perf_hooks';
import { example1, simulateEconomics, type SimulationPopulation } from '@pingou/engine';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const MEMBERS = quick ? 10_000 : 100_000;
const DAYS = 365;

const population: SimulationPopulation = {
  startDay: '2026-01-01',
  days: DAYS,
  seed: 'bench',
  initialMembers: MEMBERS / 5,
  arrivalsPerDay: Math.ceil((MEMBERS * 4) / 5 / DAYS),
  maxMembers: MEMBERS,
  activeBp: 400,
  joinsWhenActive: { min: 1, max: 3 },
  churnBp: 10,
  referral: {
    invitedBp: 6_000,
    tiers: [
      { tierId: 1, shareBp: 300 },
      { tierId: 2, shareBp: 100 },
    ],
  },
  regions: {
    provinces: 31,
    citiesPerProvince: 10,
    districtsPerCity: 8,
    agentBp: { district: 2_000, city: 5_000, province: 10_000 },
  },
  rechargeFen: 50_000,
  withdrawBp: 500,
  withdrawal: { minimumFen: 10_000, feeBp: 650 },
  staticRelease: { isEnabled: true, baseBp: 3, accelerationBpPerJoin: 0, maxBp: 3 },
  poolTransferBp: 5_000,
  poolWindows: { inOutUntilDay: 5, inOnlyUntilDay: 24 },
  monthlyDividend: true,
  timeZone: 'Asia/Shanghai',
};

const t0 = performance.now();
const r = simulateEconomics(example1(), population);
const seconds = (performance.now() - t0) / 1000;
const peakMb = process.resourceUsage().maxRSS / 1024;
const last = r.series.at(-1)!;
console.log(
  `[bench economics] ${DAYS} days, ${r.totals.members} members (examples.md #1)${quick ? ' — quick' : ''}`,
);
console.log(`  wall time         ${seconds.toFixed(1)} s (target ≤ 60 s)`);
console.log(`  groups drawn      ${r.totals.groupsDrawn} (+${r.totals.groupsFailed} failed)`);
console.log(`  seats             ${r.totals.seats} (joins ${r.totals.joins})`);
console.log(`  groups per second ${Math.round(r.totals.groupsDrawn / seconds)}`);
console.log(`  peak RSS          ${peakMb.toFixed(0)} MB`);
console.log(
  `  year end          cash profit ¥${(last.cashProfitFen / 100).toFixed(2)}, gold owed ¥${(last.obligations.shoppingGold / 100).toFixed(2)}`,
);
if (!quick && seconds > 60) {
  console.error(`[bench economics] ${seconds.toFixed(1)} s is over the 60 s target`);
  process.exitCode = 1;
}
