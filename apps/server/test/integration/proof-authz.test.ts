/**
 * Proof of authorization (issue 8, item 4): every route of the route table ×
 * anonymous / a member / another member / each operator role, each request
 * carrying a structurally valid payload (so that access, not validation, is
 * what stops it). Denied requests change nothing in the database; a member
 * never reads or changes another member's things (they answer exactly like
 * missing ones); an auditor changes nothing. access.test.ts checks the
 * declared access per role with empty bodies; this adds the second member,
 * real payloads, real resources and the database checksum.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { canOperator, type OperatorRole, type RouteInfo } from '../../src/http/access';
import { changedTables, dbChecksum } from '../support/db-checksum';
import { creditAsset, newMember, newOperator, rechargeCash } from '../support/factories';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { modelRoute, urlOf, type RouteModel } from '../support/route-payloads';

type Principal = 'anonymous' | 'member' | 'other member' | OperatorRole;
const PRINCIPALS: Principal[] = [
  'anonymous',
  'member',
  'other member',
  'super_admin',
  'operator',
  'finance',
  'auditor',
];

let h: Harness;
let app: FastifyInstance;
let routes: RouteInfo[];
const auth: Partial<Record<Principal, Record<string, string>>> = {};
let owner: Awaited<ReturnType<typeof newMember>>;
/** The owner's things, by the path parameter that names them on member routes. */
const owned: Record<string, string> = {};

/** Member route parameters that name public things, not a member's own. */
const PUBLIC_PARAMS: Record<string, string> = { id: 'an activity', mall: 'a mall kind' };

const key = () => `authz-${randomBytes(8).toString('hex')}`;

async function post(url: string, who: Record<string, string>, payload: object) {
  const res = await app.inject({
    method: 'POST',
    url,
    headers: { ...who, 'idempotency-key': key() },
    payload,
  });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  h = await createHarness();
  ({ app, routeTable: routes } = await createTestApp(h));
  owner = await newMember(h.ctx);
  auth.anonymous = {};
  auth.member = owner.auth;
  auth['other member'] = (await newMember(h.ctx)).auth;
  for (const role of ['super_admin', 'operator', 'finance', 'auditor'] as const)
    auth[role] = (await newOperator(h.ctx, role)).auth;

  // one of each thing a member owns, made through the real routes
  owned.outTradeNo = await rechargeCash(h.ctx, owner.id, 100_000);
  owned.withdrawalNo = (
    await post('/api/v1/me/withdrawals', owner.auth, { amountFen: 20_000, accountRef: 'openid-a' })
  ).withdrawalNo;
  await creditAsset(h.ctx, owner.id, 'DIVIDEND', 50_000);
  owned.conversionNo = (
    await post('/api/v1/me/bridge/conversions', owner.auth, { direction: 'out', amount: 1_000 })
  ).conversionNo;
  const item = await post('/api/v1/admin/mall/items', auth.operator!, {
    mall: 'points',
    name: '测试商品',
    kind: 'product',
    pointsPrice: 100,
    stock: 10,
  });
  await creditAsset(h.ctx, owner.id, 'CONSUMPTION', 1_000);
  owned.orderNo = (
    await post('/api/v1/me/mall/redemptions', owner.auth, { itemId: item.id })
  ).orderNo;
  // a blind-box ticket as a won draw leaves it (the draw itself is proven in blind-box.test.ts)
  owned.ticketKey = `g:1:1:authz`;
  await h.ctx.db.execute(
    sql`insert into blind_box_tickets (ticket_key, member_id, activity_id, group_id) values (${owned.ticketKey}, ${owner.id}, 1, 1)`,
  );
});
afterAll(async () => {
  await app.close();
  await h.close();
});

type Expected = 'allowed' | 401 | 403 | 404;

function expected(r: RouteInfo, p: Principal): Expected {
  const a = r.access;
  if (a.kind === 'public') return 'allowed';
  if (p === 'anonymous') return 401;
  const isMember = p === 'member' || p === 'other member';
  if (a.kind === 'member') {
    if (!isMember) return 403;
    const takesOwned = [...r.url.matchAll(/:(\w+)/g)].some((m) => m[1]! in owned);
    return p === 'other member' && takesOwned ? 404 : 'allowed';
  }
  if (isMember) return 403;
  return canOperator(a, p as OperatorRole) ? 'allowed' : 403;
}

function requestOf(m: RouteModel, p: Principal) {
  const params = { ...m.base.params };
  for (const name of m.paramNames) {
    if (name in owned) params[name] = owned[name]!;
    else if (name === 'id' && m.route.url.startsWith('/api/v1/admin/members/'))
      params[name] = String(owner.id);
  }
  const headers: Record<string, string> = { ...auth[p] };
  if (m.needsIdempotencyKey) headers['idempotency-key'] = key();
  const hasBody = m.base.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  return {
    method: m.route.method as 'POST',
    url: urlOf(m, { params, query: m.base.query }),
    headers,
    ...(hasBody ? { payload: JSON.stringify(m.base.body) } : {}),
  };
}

describe('authorization matrix with a second member', () => {
  it('every member route parameter names a thing the test owns, so no route is left out', () => {
    const missing = routes
      .filter((r) => r.access.kind === 'member')
      .flatMap((r) => [...r.url.matchAll(/:(\w+)/g)].map((m) => `${r.method} ${r.url} :${m[1]}`))
      .filter((x) => {
        const name = x.split(':').pop()!;
        return !(name in owned) && !(name in PUBLIC_PARAMS);
      });
    expect(missing).toEqual([]);
  });

  it('every denied cell is refused with its code and changes nothing', async () => {
    const failures: string[] = [];
    let denied = 0;
    const before = await dbChecksum(h.ctx);
    for (const r of routes) {
      const m = modelRoute(r);
      for (const p of PRINCIPALS) {
        const want = expected(r, p);
        if (want === 'allowed') continue;
        denied++;
        const res = await app.inject(requestOf(m, p));
        const code = res.json().error?.code as string | undefined;
        const wantCode =
          want === 401 ? ['UNAUTHENTICATED'] : want === 403 ? ['FORBIDDEN'] : [/_NOT_FOUND$/];
        const ok =
          res.statusCode === want &&
          wantCode.some((c) => (c instanceof RegExp ? c.test(code ?? '') : c === code));
        if (!ok) failures.push(`${m.name} as ${p}: ${res.statusCode} ${code} (expected ${want})`);
      }
    }
    const changed = changedTables(before, await dbChecksum(h.ctx));
    console.info(
      `[proof-authz] ${routes.length} routes × ${PRINCIPALS.length} principals: ${denied} denied cells`,
    );
    expect(failures).toEqual([]);
    expect(changed).toEqual([]);
  });

  it("another member's answers never contain the member's things", async () => {
    const secrets = [owner.phone, ...Object.values(owned)];
    const leaks: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET' && x.access.kind !== 'operator-read')) {
      if (r.access.kind === 'operator') continue;
      const m = modelRoute(r);
      const res = await app.inject(requestOf(m, 'other member'));
      for (const s of secrets) if (res.body.includes(s)) leaks.push(`${m.name} shows ${s}`);
      if (res.body.includes(`"memberId":${owner.id},`)) leaks.push(`${m.name} shows the member id`);
    }
    expect(leaks).toEqual([]);
  });

  it('an auditor can change nothing: every write route refuses, and the database stays as it was', async () => {
    const writes = routes.filter((r) => r.method !== 'GET' && r.access.kind !== 'public');
    expect(writes.length).toBeGreaterThan(40);
    const before = await dbChecksum(h.ctx);
    const refused: string[] = [];
    const computeOnly: string[] = [];
    for (const r of writes) {
      const res = await app.inject(requestOf(modelRoute(r), 'auditor'));
      if (res.statusCode === 403) refused.push(`${r.method} ${r.url}`);
      // routes declared for every role that only compute (e.g. economics simulations)
      else computeOnly.push(`${r.method} ${r.url}: ${res.statusCode}`);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500);
    }
    console.info(
      `[proof-authz] auditor: ${refused.length} write routes refused; open to every role, checked to change nothing: ${computeOnly.join(', ') || 'none'}`,
    );
    for (const r of writes.filter((x) => refused.includes(`${x.method} ${x.url}`)))
      expect(canOperator(r.access, 'auditor'), `${r.method} ${r.url}`).toBe(false);
    expect(changedTables(before, await dbChecksum(h.ctx))).toEqual([]);
  });

  it('the owner reads each of their things; the other member gets the same 404 as for a missing one', async () => {
    const takesOwned = (x: RouteInfo) => [...x.url.matchAll(/:(\w+)/g)].some((m) => m[1]! in owned);
    for (const r of routes.filter(
      (x) => x.access.kind === 'member' && x.method === 'GET' && takesOwned(x),
    )) {
      const m = modelRoute(r);
      const mine = await app.inject(requestOf(m, 'member'));
      const theirs = await app.inject(requestOf(m, 'other member'));
      const missing = await app.inject({
        ...requestOf(m, 'other member'),
        url: urlOf(m, {
          params: Object.fromEntries(m.paramNames.map((n) => [n, 'ZZZZ9999NOSUCH'])),
          query: {},
        }),
      });
      expect(mine.statusCode, m.name).toBe(200);
      expect(theirs.statusCode, m.name).toBe(404);
      expect(theirs.json().error.code, m.name).toBe(missing.json().error.code);
    }
  });
  it('every allowed cell gets past access control and never fails with a 5xx', async () => {
    const failures: string[] = [];
    // reads first, so the member's things are still there; logout last, it revokes the caller
    const order = (r: RouteInfo) =>
      r.url === '/api/v1/auth/logout' ? 2 : r.method === 'GET' ? 0 : 1;
    const sorted = [...routes].sort((a, b) => order(a) - order(b));
    let allowed = 0;
    for (const r of sorted) {
      const m = modelRoute(r);
      for (const p of PRINCIPALS) {
        if (expected(r, p) !== 'allowed') continue;
        allowed++;
        const res = await app.inject(requestOf(m, p));
        const code = res.statusCode < 300 ? undefined : (res.json().error?.code as string);
        const isDenied =
          r.access.kind === 'public'
            ? code === 'FORBIDDEN' || code === 'TOKEN_INVALID'
            : res.statusCode === 401 || res.statusCode === 403;
        if (isDenied || res.statusCode >= 500)
          failures.push(`${m.name} as ${p}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    console.info(`[proof-authz] ${allowed} allowed cells`);
    expect(failures).toEqual([]);
  });
});
