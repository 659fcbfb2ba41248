/**
 * The authorization matrix, generated from the route table: every route ×
 * anonymous / member / each operator role. A new route is covered the day it
 * is added, because routes without declared access refuse to register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { RouteInfo } from '../../src/http/access';
import { OPERATOR_ROLES, canOperator } from '../../src/http/access';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newOperator, rechargeCash } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let routes: RouteInfo[];
let principals: {
  name: string;
  headers: Record<string, string>;
  kind: 'anon' | 'member' | 'operator';
  role?: (typeof OPERATOR_ROLES)[number];
}[];
let params: Record<string, string>;

beforeAll(async () => {
  h = await createHarness();
  ({ app, routeTable: routes } = await createTestApp(h));
  const m = await newMember(h.ctx);
  const outTradeNo = await rechargeCash(h.ctx, m.id, 10_000);
  params = { id: String(m.id), outTradeNo, provider: 'sandbox' };
  principals = [
    { name: 'anonymous', headers: {}, kind: 'anon' },
    { name: 'member', headers: (await newMember(h.ctx)).auth, kind: 'member' },
  ];
  for (const role of OPERATOR_ROLES)
    principals.push({
      name: role,
      headers: (await newOperator(h.ctx, role)).auth,
      kind: 'operator',
      role,
    });
});
afterAll(async () => {
  await app.close();
  await h.close();
});

function urlOf(r: RouteInfo) {
  return r.url.replace(/:(\w+)/g, (_, k: string) => params[k] ?? '1');
}

describe('authorization matrix', () => {
  it('covers a real route table', () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  it('every route answers each principal as its declared access says', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      if (r.access.kind === 'public') continue;
      for (const p of principals) {
        const res = await app.inject({
          method: r.method as 'GET',
          url: urlOf(r),
          headers: { ...p.headers, 'content-type': 'application/json' },
          payload: r.method === 'GET' ? undefined : '{}',
        });
        const code = res.statusCode;
        let expected: 'allowed' | 401 | 403;
        if (p.kind === 'anon') expected = 401;
        else if (r.access.kind === 'member') expected = p.kind === 'member' ? 'allowed' : 403;
        else expected = p.kind === 'operator' && canOperator(r.access, p.role!) ? 'allowed' : 403;
        const ok =
          expected === 'allowed' ? code !== 401 && code !== 403 && code < 500 : code === expected;
        if (!ok) failures.push(`${r.method} ${r.url} as ${p.name}: ${code} (expected ${expected})`);
        if (code >= 400) expect(res.json().error.code).toMatch(/^[A-Z_]+$/);
      }
    }
    expect(failures).toEqual([]);
  });

  it('an auditor can change nothing', () => {
    const writes = routes.filter(
      (r) => r.url.startsWith('/api/v1/admin') && r.method !== 'GET' && r.access.kind !== 'public',
    );
    expect(writes.length).toBeGreaterThan(5);
    for (const r of writes)
      expect(canOperator(r.access, 'auditor'), `${r.method} ${r.url}`).toBe(false);
  });

  it("member routes never take another member's id; the one that takes an order number hides others' orders", async () => {
    const memberRoutes = routes.filter((r) => r.access.kind === 'member');
    for (const r of memberRoutes) expect(r.url, r.url).not.toMatch(/\/members\/:|\/me\/.*:id\b/);
    const intruder = principals.find((p) => p.kind === 'member')!;
    const res = await app.inject({
      url: `/api/v1/me/recharges/${params.outTradeNo}`,
      headers: intruder.headers,
    });
    expect(res.statusCode).toBe(404);
    const pay = await app.inject({
      method: 'POST',
      url: `/api/v1/sandbox/recharges/${params.outTradeNo}/pay`,
      headers: intruder.headers,
    });
    expect(pay.statusCode).toBe(404);
  });

  it('operator-only data is refused to members on every route that takes an id', async () => {
    const member = principals.find((p) => p.kind === 'member')!;
    for (const r of routes.filter(
      (x) => x.url.includes(':id') && x.url.startsWith('/api/v1/admin'),
    )) {
      const res = await app.inject({
        method: r.method as 'GET',
        url: urlOf(r),
        headers: member.headers,
        payload: r.method === 'GET' ? undefined : {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });
});
