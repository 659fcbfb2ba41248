/**
 * Economics (SPEC §12) through HTTP and the CLI's functions: inline settings and a
 * published activity by id give the same figures, every operator role may ask (it
 * changes nothing) and members may not, refusals are 422 with stable codes and no
 * partial output, the online bound is said, and the CLI writes no file when refused.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { example1, example4 } from '@pingou/engine';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newOperator } from '../support/factories';
import { createActivity, publishActivity } from '../../src/use-cases/group-buy/manage-activity';
import {
  economicsDrawCommand,
  economicsSimulateCommand,
  type CliIo,
} from '../../src/use-cases/economics';

let h: Harness;
let app: FastifyInstance;
let auth: Record<string, { authorization: string }>;
let publishedId: number;
let draftId: number;
const dir = mkdtempSync(path.join(tmpdir(), 'pingou-econ-'));
const examples = path.resolve(__dirname, '../../../../examples/economics');

const ASSUMPTIONS = {
  profiles: [
    {
      seats: 10,
      goldBefore: 10_000,
      direct: { tierId: 1, isValidPromoter: true, goldBefore: 10_000 },
      indirect: { tierId: 2, isValidPromoter: true, goldBefore: 10_000 },
      agents: { district: true, city: true, province: true },
    },
  ],
};
const POPULATION = {
  days: 20,
  seed: 'it',
  initialMembers: 80,
  arrivalsPerDay: 2,
  activeBp: 5_000,
  joinsWhenActive: { min: 1, max: 3 },
  rechargeFen: 30_000,
  withdrawBp: 1_000,
};

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  auth = {};
  let superAdminId = 0;
  for (const role of ['super_admin', 'operator', 'finance', 'auditor'] as const) {
    const o = await newOperator(h.ctx, role);
    auth[role] = o.auth;
    if (role === 'super_admin') superAdminId = o.id;
  }
  const op = { operatorId: superAdminId, role: 'super_admin' as const, requestId: 'test' };
  const activity = (settings: ReturnType<typeof example1>) => ({
    name: 'economics',
    description: '',
    isLargeZone: false,
    startsAt: null,
    endsAt: null,
    settings,
  });
  const published = await createActivity(h.ctx, op, activity(example1()));
  await publishActivity(h.ctx, op, published.id);
  publishedId = published.id;
  draftId = (await createActivity(h.ctx, op, activity(example4()))).id;
});
afterAll(async () => {
  await app?.close();
  await h?.close();
});

const post = (url: string, payload: object, headers = auth.operator) =>
  app.inject({ method: 'POST', url: `/api/v1/admin/economics/${url}`, payload, headers });

describe('POST /api/v1/admin/economics/draw', () => {
  it('answers the statement of one draw, the same for inline settings and the published activity', async () => {
    const inline = await post('draw', { settings: example1(), assumptions: ASSUMPTIONS });
    expect(inline.statusCode).toBe(200);
    const body = inline.json();
    expect(body.cashIn).toBe(30_000);
    expect(body.cashProfit).toBe(4_400);
    expect(body.cashIn).toBe(body.cashOut + body.cashProfit);
    expect(body.profitAfterObligations).toBe(4_400 - 25_000);
    const byId = await post('draw', { activityId: publishedId, assumptions: ASSUMPTIONS });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(body);
  });

  it('is open to operators and finance (super admin always), not to auditors or members', async () => {
    for (const role of ['super_admin', 'finance'])
      expect(
        (await post('draw', { activityId: publishedId, assumptions: ASSUMPTIONS }, auth[role]))
          .statusCode,
      ).toBe(200);
    const asAuditor = await post(
      'draw',
      { activityId: publishedId, assumptions: ASSUMPTIONS },
      auth.auditor,
    );
    expect(asAuditor.statusCode).toBe(403);
    const m = await newMember(h.ctx);
    const asMember = await post(
      'draw',
      { activityId: publishedId, assumptions: ASSUMPTIONS },
      {
        authorization: `Bearer ${m.token}`,
      },
    );
    expect(asMember.statusCode).toBe(403);
    expect(
      (await post('draw', { activityId: publishedId, assumptions: ASSUMPTIONS }, {} as never))
        .statusCode,
    ).toBe(401);
  });

  it('refuses invalid settings, impossible assumptions and unusable activities with stable codes', async () => {
    const invalid = await post('draw', {
      settings: { ...example1(), winners: 10 },
      assumptions: ASSUMPTIONS,
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().error.code).toBe('ACTIVITY_INVALID');
    expect(invalid.json().error.fields[0].path).toBe('settings.winners');

    const elevenSeats = await post('draw', {
      settings: example1(),
      assumptions: { profiles: [{ ...ASSUMPTIONS.profiles[0], seats: 11 }] },
    });
    expect(elevenSeats.statusCode).toBe(422);
    expect(elevenSeats.json().error.code).toBe('ECONOMICS_ASSUMPTIONS_INVALID');
    expect(elevenSeats.json().error.messageZh).toContain('演算假设');
    expect(elevenSeats.json().error.messageEn).toContain('assumptions');

    const negative = await post('draw', {
      settings: example1(),
      assumptions: { profiles: [{ seats: 3, goldBefore: -5 }] },
    });
    expect(negative.statusCode).toBe(400);

    expect(
      (await post('draw', { activityId: draftId, assumptions: ASSUMPTIONS })).json().error.code,
    ).toBe('ACTIVITY_STATE');
    expect((await post('draw', { activityId: 999_999, assumptions: ASSUMPTIONS })).statusCode).toBe(
      404,
    );
    const both = await post('draw', {
      activityId: publishedId,
      settings: example1(),
      assumptions: ASSUMPTIONS,
    });
    expect(both.statusCode).toBe(400);
  });
});

describe('POST /api/v1/admin/economics/simulate', () => {
  it('answers the daily series, the same for the same seed', async () => {
    const a = await post('simulate', { activityId: publishedId, population: POPULATION });
    expect(a.statusCode).toBe(200);
    const body = a.json();
    expect(body.series).toHaveLength(20);
    expect(body.totals.groupsDrawn).toBeGreaterThan(0);
    const b = await post(
      'simulate',
      { settings: example1(), population: POPULATION },
      auth.finance,
    );
    expect(b.json()).toEqual(body);
  });

  it('says its bound when a run is too large, and refuses a population that cannot fill a group', async () => {
    const big = await post('simulate', {
      settings: example1(),
      population: { ...POPULATION, days: 365, initialMembers: 100_000 },
    });
    expect(big.statusCode).toBe(422);
    expect(big.json().error.code).toBe('ECONOMICS_TOO_LARGE');
    expect(big.json().error.messageEn).toContain('150,000');
    expect(big.json().error.messageZh).toContain('150,000');

    const few = await post('simulate', {
      settings: example1(),
      population: { ...POPULATION, initialMembers: 5, arrivalsPerDay: 0 },
    });
    expect(few.statusCode).toBe(422);
    expect(few.json().error.code).toBe('ECONOMICS_POPULATION_INVALID');
    expect(few.json().error.fields.length).toBeGreaterThan(0);
  });
});

describe('the CLI commands', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      openContext: async () => ({ ctx: h.ctx, done: async () => {} }),
    };
    return { out, err, cli };
  };
  const file = (name: string, value: unknown) => {
    const p = path.join(dir, name);
    writeFileSync(p, JSON.stringify(value));
    return p;
  };

  it('economics:draw prints a table, or JSON, from the example files and from an activity id', async () => {
    const t = io();
    const args = [
      '--activity',
      path.join(examples, 'high-margin.activity.json'),
      '--assumptions',
      file('a.json', ASSUMPTIONS),
    ];
    expect(await economicsDrawCommand(args, t.cli)).toBe(0);
    expect(t.out.join('\n')).toMatch(/cash profit\s+¥44\.00/);
    const j = io();
    expect(await economicsDrawCommand([...args, '--json'], j.cli)).toBe(0);
    expect(JSON.parse(j.out.join('\n')).cashProfit).toBe(4_400);
    const byId = io();
    expect(
      await economicsDrawCommand(
        ['--activity', String(publishedId), '--assumptions', file('a.json', ASSUMPTIONS), '--json'],
        byId.cli,
      ),
    ).toBe(0);
    expect(JSON.parse(byId.out.join('\n'))).toEqual(JSON.parse(j.out.join('\n')));
  });

  it('economics:simulate writes the CSV only when the run succeeds', async () => {
    const csv = path.join(dir, 'out.csv');
    const ok = io();
    const args = [
      '--activity',
      path.join(examples, 'gold-release.activity.json'),
      '--population',
      file('p.json', POPULATION),
      '--days',
      '15',
      '--csv',
      csv,
    ];
    expect(await economicsSimulateCommand(args, ok.cli)).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(16);
    expect(lines[0]).toContain('cash_profit_fen');

    const refusedCsv = path.join(dir, 'refused.csv');
    const bad = io();
    const code = await economicsSimulateCommand(
      [
        '--activity',
        path.join(examples, 'gold-release.activity.json'),
        '--population',
        file('bad.json', { ...POPULATION, initialMembers: 3, arrivalsPerDay: 0 }),
        '--csv',
        refusedCsv,
      ],
      bad.cli,
    );
    expect(code).toBe(1);
    expect(existsSync(refusedCsv)).toBe(false);
    expect(bad.out).toEqual([]);
    expect(bad.err[0]).toMatch(/^ECONOMICS_POPULATION_INVALID: .+ \/ .+/);

    const invalidActivity = io();
    expect(
      await economicsSimulateCommand(
        [
          '--activity',
          file('act.json', { ...example1(), groupSize: 1 }),
          '--population',
          file('p.json', POPULATION),
          '--csv',
          refusedCsv,
        ],
        invalidActivity.cli,
      ),
    ).toBe(1);
    expect(invalidActivity.err[0]).toMatch(/^ACTIVITY_INVALID/);
    expect(existsSync(refusedCsv)).toBe(false);
  });
});
