/**
 * Proof under bad input (issue 8, item 3): every /api/v1 route of the route
 * table, fed invalid requests generated from its own schemas
 * (test/support/route-payloads.ts), answers a 4xx with a stable code from the
 * contract's error table — never a 2xx, never a 5xx — and leaves every table
 * of the database, the ledger included, exactly as it was.
 *
 * Callers are the principal the route admits (member, the first operator role
 * it names, auditor for operator reads), so what is exercised is validation,
 * not access. PROOF_FULL=1 runs 500 cases per route instead of 50;
 * PROOF_SEED=<n> replays another generation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ERRORS, type ErrorCode } from '@pingou/contract';
import type { RouteInfo } from '../../src/http/access';
import { changedTables, dbChecksum, EVIDENCE_TABLES } from '../support/db-checksum';
import { creditAsset, newMember, newOperator } from '../support/factories';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import {
  invalidCases,
  modelRoute,
  urlOf,
  type JsonSchema,
  type RouteCase,
  type RouteModel,
} from '../support/route-payloads';

const FULL = process.env.PROOF_FULL === '1';
const CASES_PER_ROUTE = FULL ? 500 : 50;
const SEED = Number(process.env.PROOF_SEED ?? 20261125);

/** Path parameters that make the refusal reach deeper than an unknown name would. */
const PARAM_OVERRIDES: Record<string, Record<string, string>> = {
  'POST /api/v1/payments/notify/:provider': { provider: 'sandbox' },
  'POST /api/v1/bridge/callback/:adapter': { adapter: 'local' },
};
/** Routes that record what they refuse, as evidence (see db-checksum.ts). */
const EVIDENCE_ROUTES = new Set(['POST /api/v1/payments/notify/:provider']);
/**
 * The payment provider's callback answers in the provider's own format once the
 * provider is known: `{ code: 'FAIL', message, outcome }`, `outcome` being the stable code.
 */
const PROVIDER_ACK_ROUTES = new Set(['POST /api/v1/payments/notify/:provider']);

let h: Harness;
let app: FastifyInstance;
let routes: RouteInfo[];
let auth: Record<string, Record<string, string>>;
let memberId: number;

beforeAll(async () => {
  h = await createHarness();
  ({ app, routeTable: routes } = await createTestApp(h));
  const member = await newMember(h.ctx);
  memberId = member.id;
  auth = { anonymous: {}, member: member.auth };
  for (const role of ['super_admin', 'operator', 'finance', 'auditor'] as const)
    auth[role] = (await newOperator(h.ctx, role)).auth;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

function callerOf(r: RouteInfo): string {
  switch (r.access.kind) {
    case 'public':
      return 'anonymous';
    case 'member':
      return 'member';
    case 'operator-read':
      return 'auditor';
    case 'operator':
      return r.access.roles[0] ?? 'super_admin';
    default: {
      const never: never = r.access;
      return never;
    }
  }
}

async function send(m: RouteModel, c: RouteCase, caller: string) {
  const headers: Record<string, string> = { ...auth[caller], ...c.headers };
  if (c.authorization !== undefined) headers.authorization = c.authorization;
  let payload: string | undefined;
  if (c.raw) {
    headers['content-type'] = c.raw.contentType;
    payload = c.raw.text;
  } else if (c.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(c.body);
  }
  return app.inject({
    method: m.route.method as 'POST',
    url: urlOf(m, c),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}

const isErrorCode = (x: unknown): x is ErrorCode => typeof x === 'string' && x in ERRORS;

describe('bad input on every route', () => {
  const figures: string[] = [];

  it(
    'refuses every generated invalid request with a 4xx and its code, and changes nothing',
    async () => {
      expect(routes.length).toBeGreaterThan(100);
      const failures: string[] = [];
      let total = 0;
      let setAsideTotal = 0;
      for (const r of routes) {
        const m = modelRoute(r);
        Object.assign(m.base.params, PARAM_OVERRIDES[m.name] ?? {});
        const caller = callerOf(r);
        const { cases, setAside } = invalidCases(m, CASES_PER_ROUTE, SEED);
        setAsideTotal += setAside;
        if (cases.length < CASES_PER_ROUTE)
          failures.push(`${m.name}: only ${cases.length} invalid cases generated`);
        const exclude = EVIDENCE_ROUTES.has(m.name) ? EVIDENCE_TABLES : [];
        const before = await dbChecksum(h.ctx, { exclude });
        for (const c of cases) {
          total++;
          const res = await send(m, c, caller);
          const json = res.json() as {
            error?: { code?: unknown };
            code?: unknown;
            outcome?: unknown;
          };
          const code = json.error?.code;
          const isProviderAck =
            PROVIDER_ACK_ROUTES.has(m.name) &&
            json.code === 'FAIL' &&
            typeof json.outcome === 'string';
          const expectAuth = c.authorization !== undefined;
          const ok =
            res.statusCode >= 400 &&
            res.statusCode < 500 &&
            (isProviderAck || (isErrorCode(code) && ERRORS[code].status === res.statusCode)) &&
            (expectAuth
              ? res.statusCode === 401
              : res.statusCode !== 401 && res.statusCode !== 403);
          if (!ok && failures.length < 40)
            failures.push(
              `${m.name} [${c.kind}] → ${res.statusCode} ${String(code ?? json.outcome)}: ${JSON.stringify(
                {
                  params: c.params,
                  query: c.query,
                  headers: c.headers,
                  body: c.body,
                  raw: c.raw?.text.slice(0, 60),
                  authorization: c.authorization,
                },
              ).slice(0, 300)}`,
            );
        }
        const changed = changedTables(before, await dbChecksum(h.ctx, { exclude }));
        if (changed.length) failures.push(`${m.name}: the database changed: ${changed.join(', ')}`);
      }
      figures.push(
        `${routes.length} routes × ${CASES_PER_ROUTE} invalid cases = ${total} requests (seed ${SEED}); ${setAsideTotal} generated cases were valid and set aside`,
      );
      console.info(`[proof-fuzz] ${figures.join('; ')}`);
      expect(failures).toEqual([]);
    },
    FULL ? 1_800_000 : 180_000,
  );
});

describe('the database checksum', () => {
  it('sees one changed value, and one ledger entry', async () => {
    const before = await dbChecksum(h.ctx);
    await h.ctx.db.execute(
      sql`update members set nickname = nickname || '.' where id = (select min(id) from members)`,
    );
    expect(changedTables(before, await dbChecksum(h.ctx))).toEqual([
      expect.stringMatching(/^members \((\d+) → \1 rows\)$/),
    ]);
    const again = await dbChecksum(h.ctx);
    await creditAsset(h.ctx, memberId, 'GOLD', 1);
    expect(
      changedTables(again, await dbChecksum(h.ctx))
        .map((x) => x.split(' ')[0])
        .sort(),
    ).toEqual(['accounts', 'journal_entries', 'postings']);
  });
});

describe('schemas at the edge are tight', () => {
  /** Walks a JSON Schema and reports what a hostile client could slip through. */
  function looseness(s: JsonSchema, path: string, loc: string, out: string[]) {
    for (const o of [...(s.anyOf ?? []), ...(s.oneOf ?? [])]) looseness(o, path, loc, out);
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === 'object' && loc !== 'headers') {
      if (s.additionalProperties !== false) out.push(`${path}: unknown fields are accepted`);
      for (const [k, c] of Object.entries(s.properties ?? {}))
        looseness(c, `${path}.${k}`, loc, out);
    }
    if (type === 'array') {
      if (s.maxItems === undefined) out.push(`${path}: no maximum number of items`);
      if (s.items) looseness(s.items, `${path}[]`, loc, out);
    }
    if (type === 'string' && !s.enum && s.const === undefined) {
      const boundedByPattern = !!s.pattern && !/[*+]|\{\d+,\}/.test(s.pattern.replace(/\\./g, ''));
      if (s.maxLength === undefined && !boundedByPattern && s.format !== 'date-time')
        out.push(`${path}: text of any length`);
    }
    if (type === 'number') out.push(`${path}: a fractional number is accepted`);
    if (
      type === 'integer' &&
      (s.maximum === undefined || (s.minimum === undefined && s.exclusiveMinimum === undefined))
    )
      out.push(`${path}: integer without bounds`);
  }

  it('every object is strict, every text and list bounded, every number an integer within bounds', () => {
    const problems: string[] = [];
    for (const r of routes) {
      const m = modelRoute(r);
      for (const [loc, s] of Object.entries(m.json))
        looseness(s, `${m.name} ${loc}`, loc, problems);
    }
    expect(problems).toEqual([]);
  });
});
