/**
 * Economics (利润演算, SPEC §12) for the console and the CLI: resolve the
 * activity (inline settings, a JSON file, or a published activity's current
 * version), validate the assumptions / population with the contract's schemas,
 * and run the engine's pure calculator or simulator. Nothing is written: a
 * refusal is an AppError with every problem, and the CLI writes no file then.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  AppError,
  activitySettingsSchema,
  economicsDrawAssumptionsSchema,
  economicsPopulationSchema,
  type EconomicsDrawResult,
  type EconomicsSimulationResult,
  type ErrorCode,
} from '@pingou/contract';
import {
  calculateDraw,
  EconomicsInputError,
  formatFen,
  simulateEconomics,
  type ActivitySettings,
  type EconomicsProblemCode,
  type SimulationLimits,
} from '@pingou/engine';
import { groupBuyRepo } from '@pingou/db';
import type { z } from 'zod';
import type { AppContext } from '../context';
import { settingsOfVersion } from './group-buy/version-settings';

/** What the HTTP route accepts: a few seconds of work at most (the message of ECONOMICS_TOO_LARGE says the same). */
export const ONLINE_SIMULATION_LIMITS: Required<SimulationLimits> = {
  maxDays: 400,
  maxMemberDays: 5_000_000,
  maxJoins: 150_000,
};

const CODE_OF: Record<EconomicsProblemCode, ErrorCode> = {
  ACTIVITY_INVALID: 'ACTIVITY_INVALID',
  ASSUMPTIONS_INVALID: 'ECONOMICS_ASSUMPTIONS_INVALID',
  POPULATION_INVALID: 'ECONOMICS_POPULATION_INVALID',
  TOO_LARGE: 'ECONOMICS_TOO_LARGE',
};

/** The engine's refusal as the API's: the same code table, every problem as a field. */
function asAppError(e: unknown): unknown {
  if (e instanceof EconomicsInputError)
    return new AppError(CODE_OF[e.code], { fields: e.problems, detail: e.message });
  return e;
}

function parsed<T extends z.ZodType>(schema: T, value: unknown, code: ErrorCode): z.infer<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new AppError(code, {
    fields: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    detail: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
  });
}

/** The settings a published activity's new groups open with. */
export async function publishedSettings(
  ctx: AppContext,
  activityId: number,
): Promise<ActivitySettings> {
  const a = await groupBuyRepo.findActivity(ctx.db, activityId);
  if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
  if (a.currentVersionId === null)
    throw new AppError('ACTIVITY_STATE', {
      detail: 'the activity has no published version',
      fields: [{ path: 'activityId', message: 'the activity has never been published' }],
    });
  return settingsOfVersion(ctx, ctx.db, a.currentVersionId);
}

/** Inline settings or a published activity's id: exactly one of them. */
export async function resolveSettings(
  ctx: AppContext,
  source: { activityId?: number | undefined; settings?: ActivitySettings | undefined },
): Promise<ActivitySettings> {
  if ((source.activityId === undefined) === (source.settings === undefined))
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ path: 'activityId', message: 'give either activityId or settings, not both' }],
    });
  return source.settings ?? publishedSettings(ctx, source.activityId!);
}

export function drawEconomics(
  settings: ActivitySettings,
  assumptions: unknown,
): EconomicsDrawResult {
  const a = parsed(economicsDrawAssumptionsSchema, assumptions, 'ECONOMICS_ASSUMPTIONS_INVALID');
  try {
    return calculateDraw(settings, a);
  } catch (e) {
    throw asAppError(e);
  }
}

export function simulate(
  settings: ActivitySettings,
  population: unknown,
  limits: SimulationLimits = {},
): EconomicsSimulationResult {
  const p = parsed(economicsPopulationSchema, population, 'ECONOMICS_POPULATION_INVALID');
  try {
    return simulateEconomics(settings, p, limits);
  } catch (e) {
    throw asAppError(e);
  }
}

// ---------------------------------------------------------------- CLI

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Opens the platform's database, only when an activity is given by id. */
  openContext: () => Promise<{ ctx: AppContext; done: () => Promise<void> }>;
}

class UsageProblem extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new UsageProblem(`${name} needs a value`);
  return v;
}

function readJson(path: string, code: ErrorCode, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new AppError(code, { fields: [{ path: what, message: `cannot read ${path}` }] });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError(code, { fields: [{ path: what, message: `${path} is not valid JSON` }] });
  }
}

/** `--activity <file or id>`: a JSON file of ActivitySettings, or a published activity's id. */
async function activityOf(arg: string, io: CliIo): Promise<ActivitySettings> {
  if (/^[1-9]\d*$/.test(arg) && !existsSync(arg)) {
    const { ctx, done } = await io.openContext();
    try {
      return await publishedSettings(ctx, Number(arg));
    } finally {
      await done();
    }
  }
  return parsed(
    activitySettingsSchema,
    readJson(arg, 'ACTIVITY_INVALID', 'activity'),
    'ACTIVITY_INVALID',
  ) as ActivitySettings;
}

/** Prints a refusal (code, zh + en message, each problem) and answers the exit code. */
async function refusing(io: CliIo, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageProblem) {
      io.err(`usage: ${e.message}`);
      return 2;
    }
    if (!(e instanceof AppError)) throw e;
    const { ERRORS } = await import('@pingou/contract');
    const m = ERRORS[e.code];
    io.err(`${e.code}: ${m.zh} / ${m.en}`);
    for (const f of e.details?.fields ?? []) io.err(`  ${f.path}: ${f.message}`);
    return 1;
  }
}

const yuan = (fen: number) => (fen < 0 ? `−¥${formatFen(-fen)}` : `¥${formatFen(fen)}`);

export function drawTable(r: EconomicsDrawResult): string[] {
  const rows: string[] = [];
  const line = (label: string, value: string) =>
    rows.push(`  ${label.padEnd(34)} ${value.padStart(16)}`);
  rows.push(
    `one draw: P ${yuan(r.priceFen)}, ${r.groupSize} seats (${r.realSeats} real, ${r.houseSeats} house), ${r.winners} to win — ${r.outcome}`,
  );
  line('cash in (winners’ payments)', yuan(r.cashIn));
  const labels: Record<keyof EconomicsDrawResult['outflows'], string> = {
    productCost: 'product + delivery cost',
    loserBonus: 'loser cash bonus',
    releasesPaid: 'gold releases paid in cash',
    monthlyPool: 'to the monthly pool',
    dailyPool: 'to the daily pool',
    referral: 'referral commission',
    team: 'team differential',
    regional: 'regional differential',
  };
  for (const [k, label] of Object.entries(labels))
    line(`− ${label}`, yuan(r.outflows[k as keyof typeof labels]));
  line('= cash out', yuan(r.cashOut));
  line('= cash profit', yuan(r.cashProfit));
  rows.push('  obligations created (face value, 1 point = ¥1):');
  const o = r.obligations;
  line('  new shopping gold', yuan(o.newShoppingGold));
  line('  shopping gold released (paid)', yuan(o.shoppingGoldReleased));
  line('  dividend points', yuan(o.dividendPoints));
  line('  consumption points', yuan(o.consumptionPoints));
  for (const [k, v] of Object.entries(o.vouchers)) line(`  ${k}`, yuan(v));
  line('  pool money (in the outflows)', yuan(o.poolMoney));
  const v = r.valuation;
  rows.push(
    `  valued at: gold ${v.shoppingGoldBp / 100} %, dividend points ${v.dividendPointsBp / 100} %, consumption points ${v.consumptionPointsBp / 100} %, vouchers ${v.vouchersBp / 100} %`,
  );
  line('− obligations counted', yuan(r.obligationsValue.total));
  line('= profit after obligations', yuan(r.profitAfterObligations));
  line('cash profit per seat', yuan(r.cashProfitPerSeat));
  return rows;
}

/** `economics:draw --activity <file or id> --assumptions <file> [--json]` */
export async function economicsDrawCommand(args: string[], io: CliIo): Promise<number> {
  return refusing(io, async () => {
    const activity = option(args, '--activity');
    const assumptions = option(args, '--assumptions');
    if (!activity || !assumptions)
      throw new UsageProblem(
        'economics:draw --activity <file or id> --assumptions <file> [--json]',
      );
    const a = readJson(assumptions, 'ECONOMICS_ASSUMPTIONS_INVALID', 'assumptions');
    const r = drawEconomics(await activityOf(activity, io), a);
    if (args.includes('--json')) io.out(JSON.stringify(r, null, 2));
    else for (const l of drawTable(r)) io.out(l);
    return 0;
  });
}

const CSV_COLUMNS: [string, (d: EconomicsSimulationResult['series'][number]) => string | number][] =
  [
    ['day', (d) => d.day],
    ['members', (d) => d.members],
    ['joins', (d) => d.joins],
    ['groups_drawn', (d) => d.groupsDrawn],
    ['groups_failed', (d) => d.groupsFailed],
    ['recharges_fen', (d) => d.rechargesFen],
    ['withdrawals_fen', (d) => d.withdrawalsFen],
    ['fees_fen', (d) => d.feesFen],
    ['static_release_fen', (d) => d.staticReleaseFen],
    ['daily_dividend_fen', (d) => d.dailyDividendFen],
    ['monthly_dividend_fen', (d) => d.monthlyDividendFen],
    ['cash_profit_today_fen', (d) => d.cashProfitTodayFen],
    ['platform_cash_fen', (d) => d.platformCashFen],
    ['cash_profit_fen', (d) => d.cashProfitFen],
    ['member_cash_fen', (d) => d.memberCashFen],
    ['escrow_fen', (d) => d.escrowFen],
    ['shopping_gold', (d) => d.obligations.shoppingGold],
    ['dividend_points', (d) => d.obligations.dividendPoints],
    ['pool_points', (d) => d.obligations.poolPoints],
    ['consumption_points', (d) => d.obligations.consumptionPoints],
    ['vouchers', (d) => d.obligations.vouchers],
    ['monthly_pool_fen', (d) => d.obligations.monthlyPoolFen],
    ['daily_pool_fen', (d) => d.obligations.dailyPoolFen],
    ['net_members', (d) => d.net.members],
    ['net_p10_fen', (d) => d.net.p10],
    ['net_p25_fen', (d) => d.net.p25],
    ['net_p50_fen', (d) => d.net.p50],
    ['net_p75_fen', (d) => d.net.p75],
    ['net_p90_fen', (d) => d.net.p90],
    ['ahead_bp', (d) => d.net.aheadBp],
    ['behind_bp', (d) => d.net.behindBp],
  ];

export function simulationCsv(r: EconomicsSimulationResult): string {
  const head = CSV_COLUMNS.map(([name]) => name).join(',');
  const rows = r.series.map((d) => CSV_COLUMNS.map(([, get]) => get(d)).join(','));
  return [head, ...rows].join('\n') + '\n';
}

/** A month-end summary for reading in a terminal. */
export function simulationTable(r: EconomicsSimulationResult): string[] {
  const t = r.totals;
  const rows = [
    `${r.days} days from ${r.startDay}, seed "${r.seed}": ${t.members} members, ${t.joins} joins, ${t.groupsDrawn} groups drawn, ${t.groupsFailed} failed on conflict, ${t.limitedJoins} joins refused by the daily limit`,
    `recharged ${yuan(t.rechargesFen)}, withdrawn ${yuan(t.withdrawalsFen)}, product cost ${yuan(t.productCostFen)}`,
    [
      'day'.padEnd(10),
      'members',
      'platform cash',
      'cash profit',
      'member cash',
      'gold owed',
      'pool pts',
      'net p50',
      'ahead',
    ]
      .map((h, i) => (i === 0 ? h : h.padStart(15)))
      .join(''),
  ];
  const last = r.series.length - 1;
  r.series.forEach((d, i) => {
    const isMonthEnd = i === last || r.series[i + 1]!.day.slice(0, 7) !== d.day.slice(0, 7);
    if (!isMonthEnd) return;
    rows.push(
      [
        d.day.padEnd(10),
        String(d.members).padStart(15),
        yuan(d.platformCashFen).padStart(15),
        yuan(d.cashProfitFen).padStart(15),
        yuan(d.memberCashFen).padStart(15),
        yuan(d.obligations.shoppingGold).padStart(15),
        yuan(d.obligations.poolPoints).padStart(15),
        yuan(d.net.p50).padStart(15),
        `${(d.net.aheadBp / 100).toFixed(2)} %`.padStart(15),
      ].join(''),
    );
  });
  return rows;
}

/** `economics:simulate --activity <file or id> --population <file> [--days D] [--seed S] [--csv out.csv | --json]` */
export async function economicsSimulateCommand(
  args: string[],
  io: CliIo & { writeFile?: (path: string, text: string) => void },
): Promise<number> {
  return refusing(io, async () => {
    const activity = option(args, '--activity');
    const populationFile = option(args, '--population');
    if (!activity || !populationFile)
      throw new UsageProblem(
        'economics:simulate --activity <file or id> --population <file> [--days D] [--seed S] [--csv out.csv | --json]',
      );
    const csv = option(args, '--csv');
    if (csv && args.includes('--json'))
      throw new UsageProblem('--csv and --json exclude each other');
    const population = readJson(populationFile, 'ECONOMICS_POPULATION_INVALID', 'population');
    if (typeof population !== 'object' || population === null || Array.isArray(population))
      throw new AppError('ECONOMICS_POPULATION_INVALID', {
        fields: [{ path: 'population', message: 'a JSON object' }],
      });
    const days = option(args, '--days');
    const seed = option(args, '--seed');
    const over: Record<string, unknown> = { ...(population as Record<string, unknown>) };
    if (days !== undefined) {
      if (!/^\d+$/.test(days)) throw new UsageProblem('--days takes a whole number');
      over.days = Number(days);
    }
    if (seed !== undefined) over.seed = seed;
    const r = simulate(await activityOf(activity, io), over);
    // only now, with the whole result in hand, is anything written
    if (csv) {
      (io.writeFile ?? writeFileSync)(csv, simulationCsv(r));
      io.out(`wrote ${r.series.length} days to ${csv}`);
      for (const l of simulationTable(r).slice(0, 2)) io.out(l);
    } else if (args.includes('--json')) io.out(JSON.stringify(r, null, 2));
    else for (const l of simulationTable(r)) io.out(l);
    return 0;
  });
}
