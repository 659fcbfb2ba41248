/**
 * Proof under attack (issue 8, item 5), beyond what recharge.test.ts and
 * auth.test.ts already prove (one forged / tampered / stale / wrong-amount /
 * re-nonced notification; member lock-out after five wrong passwords; the
 * per-IP limit on one sign-in route; member logout and expiry on /me):
 * - payment notifications: every single-field tampering of a genuine one,
 *   generated, credits nothing; a captured one replayed later, to another
 *   provider path, or with another notification's headers credits nothing;
 * - brute force: operator lock-out, lock-out across addresses and across two
 *   servers, unknown login names lock the same way, the per-IP limit;
 * - SQL-injection strings in every text field of every route (and extreme but
 *   valid numbers): never a 5xx, stored literally, every table still there;
 * - oversized, deeply nested and prototype-polluting bodies;
 * - tokens after logout and after expiry, on every route of the route table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ledgerRepo } from '@pingou/db';
import type { RouteInfo } from '../../src/http/access';
import {
  generateSandboxKeys,
  isSandboxProvider,
  type SandboxProvider,
} from '../../src/payments/sandbox-provider';
import { changedTables, dbChecksum, EVIDENCE_TABLES, tableNamesOf } from '../support/db-checksum';
import { newMember, newOperator, newPhone } from '../support/factories';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import {
  modelRoute,
  setPath,
  slotsOf,
  SQL_INJECTIONS,
  urlOf,
  type JsonSchema,
  type RouteModel,
} from '../support/route-payloads';

const FULL = process.env.PROOF_FULL === '1';

let h: Harness;
let app: FastifyInstance;
let routes: RouteInfo[];
let sandbox: SandboxProvider;

beforeAll(async () => {
  h = await createHarness();
  ({ app, routeTable: routes } = await createTestApp(h));
  const p = h.ctx.providers.get('sandbox')!;
  if (!isSandboxProvider(p)) throw new Error('sandbox missing');
  sandbox = p;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const key = () => `attack-${randomBytes(8).toString('hex')}`;
type M = Awaited<ReturnType<typeof newMember>>;
const cash = (m: M) => ledgerRepo.memberBalance(h.ctx.db, m.id, 'CASH');
const notify = (n: { headers: Record<string, string>; rawBody: string }, provider = 'sandbox') =>
  app.inject({
    method: 'POST',
    url: `/api/v1/payments/notify/${provider}`,
    headers: { ...n.headers, 'content-type': 'application/json' },
    payload: n.rawBody,
  });
async function order(m: M, amountFen: number): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/me/recharges',
    headers: { ...m.auth, 'idempotency-key': key() },
    payload: { amountFen },
  });
  expect(res.statusCode).toBe(201);
  return res.json().outTradeNo;
}

describe('forged and replayed payment notifications', () => {
  it('no tampering of a genuine notification, in any one field, credits anything', async () => {
    const m = await newMember(h.ctx);
    const outTradeNo = await order(m, 30_000);
    const good = sandbox.simulatePayment(outTradeNo);
    // the signed headers; content-type is not signed, and notify() sends it anyway
    const headerNames = Object.keys(good.headers).filter((k) => k.startsWith('wechatpay-'));
    const flip = (s: string, i: number) => {
      const at = i % Math.max(s.length, 1);
      const c = s.charCodeAt(at);
      return s.slice(0, at) + String.fromCharCode(c === 65 ? 66 : 65) + s.slice(at + 1);
    };
    type Notification = { headers: Record<string, string>; rawBody: string };
    const tampering: fc.Arbitrary<Notification> = fc.oneof<fc.Arbitrary<Notification>[]>(
      fc.tuple(fc.constantFrom(...headerNames), fc.nat()).map(([name, i]) => ({
        ...good,
        headers: { ...good.headers, [name]: flip(good.headers[name]!, i) },
      })),
      fc.constantFrom(...headerNames).map((name) => {
        const headers = { ...good.headers };
        delete headers[name];
        return { ...good, headers };
      }),
      fc.nat().map((i) => ({ ...good, rawBody: flip(good.rawBody, i) })),
      fc.integer({ min: 301, max: 86_400 }).map((s) => ({
        ...good,
        headers: {
          ...good.headers,
          'wechatpay-timestamp': String(Number(good.headers['wechatpay-timestamp']) - s),
        },
      })),
    );
    const before = await dbChecksum(h.ctx, { exclude: EVIDENCE_TABLES });
    await fc.assert(
      fc.asyncProperty(tampering, async (n) => {
        // base64 has spare bits in its last character: a flip there decodes to the very same
        // signature, i.e. the genuine notification re-encoded, not a forgery
        const sig = n.headers['wechatpay-signature'];
        fc.pre(
          sig === undefined ||
            sig === good.headers['wechatpay-signature'] ||
            !Buffer.from(sig, 'base64').equals(
              Buffer.from(good.headers['wechatpay-signature']!, 'base64'),
            ),
        );
        const res = await notify(n);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: FULL ? 300 : 40, seed: 8 },
    );
    expect(await cash(m)).toBe(0);
    expect(changedTables(before, await dbChecksum(h.ctx, { exclude: EVIDENCE_TABLES }))).toEqual(
      [],
    );
    // the genuine one still credits, once
    expect((await notify(good)).statusCode).toBe(200);
    expect((await notify(good)).statusCode).toBe(200);
    expect(await cash(m)).toBe(30_000);
  });

  it('a captured genuine notification replayed later, elsewhere or mixed with another credits nothing more', async () => {
    const m = await newMember(h.ctx);
    const a = await order(m, 10_000);
    const b = await order(m, 20_000);
    const na = sandbox.simulatePayment(a);
    const nb = sandbox.simulatePayment(b);
    expect((await notify(na)).statusCode).toBe(200);
    // b's body under a's headers, and a's body under b's: each signature covers its own body
    expect((await notify({ headers: na.headers, rawBody: nb.rawBody })).statusCode).toBe(400);
    expect((await notify({ headers: nb.headers, rawBody: na.rawBody })).statusCode).toBe(400);
    // another provider's path knows nothing of it
    expect((await notify(na, 'wechat')).json().error.code).toBe('PAYMENT_PROVIDER_UNKNOWN');
    // a day later the same capture is stale, even for an order never credited
    h.clock.advance(24 * 3_600_000);
    expect((await notify(nb)).statusCode).toBe(400);
    expect((await notify(na)).statusCode).toBeLessThan(500);
    expect(await cash(m)).toBe(10_000);
    // a forged refund notification moves nothing either
    const forgedRefund = sandbox.simulateRefundNotification(`R${a}`, {
      outTradeNo: a,
      amountFen: 10_000,
      success: false,
      signWith: generateSandboxKeys(),
    });
    expect((await notify(forgedRefund)).statusCode).toBe(400);
    expect(await cash(m)).toBe(10_000);
  });
});

describe('sign-in brute force', () => {
  const memberLogin = (phone: string, password: string, remoteAddress = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { phone, password },
      remoteAddress,
    });

  it('locks an operator after five wrong passwords; the right one is refused while locked', async () => {
    const op = await newOperator(h.ctx, 'finance');
    const login = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/admin/auth/login',
        payload: { username: op.username, password },
      });
    for (let i = 0; i < 5; i++) expect((await login('wrong-pass')).statusCode).toBe(401);
    const locked = await login('operator-pass');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    h.clock.advance(16 * 60_000);
    expect((await login('operator-pass')).statusCode).toBe(200);
  });

  it('the lock-out is per login name: changing address, or server, does not help', async () => {
    const m = await newMember(h.ctx);
    for (let i = 0; i < 5; i++) await memberLogin(m.phone, `wrong-${i}-pass`, `10.0.0.${i + 1}`);
    // a second server on the same database sees the same lock
    const { app: other } = await createTestApp(h);
    try {
      const r = await other.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { phone: m.phone, password: m.password },
        remoteAddress: '10.9.9.9',
      });
      expect(r.json().error.code).toBe('ACCOUNT_LOCKED');
    } finally {
      await other.close();
    }
    expect((await memberLogin(m.phone, m.password, '10.0.0.99')).json().error.code).toBe(
      'ACCOUNT_LOCKED',
    );
  });

  it('an unknown phone locks exactly like a known one: the answers tell nothing about who exists', async () => {
    const known = await newMember(h.ctx);
    const unknown = newPhone();
    const answers = async (phone: string) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await memberLogin(phone, 'wrong-pass-x');
        out.push(`${r.statusCode} ${r.json().error.code}`);
      }
      return out;
    };
    expect(await answers(unknown)).toEqual(await answers(known.phone));
  });

  it('per address, sign-ins and registrations are limited; another address is not', async () => {
    const limited = await createHarness({ AUTH_RATE_LIMIT: '5' });
    const { app: app2 } = await createTestApp(limited);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const r = await app2.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { phone: newPhone(), password: 'guess-guess' },
          remoteAddress: '192.0.2.1',
        });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(codes.slice(5)).toEqual([429, 429, 429]);
      const elsewhere = await app2.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { phone: newPhone(), password: 'guess-guess' },
        remoteAddress: '192.0.2.2',
      });
      expect(elsewhere.statusCode).toBe(401);
      const reg: number[] = [];
      for (let i = 0; i < 7; i++)
        reg.push(
          (
            await app2.inject({
              method: 'POST',
              url: '/api/v1/auth/register',
              payload: { phone: newPhone(), password: 'secret-pass' },
              remoteAddress: '192.0.2.3',
            })
          ).statusCode,
        );
      expect(reg.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
      expect(reg.slice(5)).toEqual([429, 429]);
      const limitedBody = await app2.inject({
        method: 'POST',
        url: '/api/v1/auth/register',
        payload: { phone: newPhone(), password: 'secret-pass' },
        remoteAddress: '192.0.2.3',
      });
      expect(limitedBody.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await app2.close();
      await limited.close();
    }
  });
});

describe('SQL injection in every text field, and extreme valid numbers', () => {
  function callerOf(r: RouteInfo) {
    if (r.access.kind === 'member') return 'member';
    if (r.access.kind === 'operator') return r.access.roles[0] ?? 'super_admin';
    if (r.access.kind === 'operator-read') return 'auditor';
    return 'anonymous';
  }

  it('never answers 5xx, reads change nothing, and every table and the ledger survive', async () => {
    const member = await newMember(h.ctx);
    const auth: Record<string, Record<string, string>> = { anonymous: {}, member: member.auth };
    for (const role of ['super_admin', 'operator', 'finance', 'auditor'] as const)
      auth[role] = (await newOperator(h.ctx, role)).auth;
    const tablesBefore = await tableNamesOf(h.ctx);
    const failures: string[] = [];
    let sent = 0;
    let refusedBySchema = 0;
    let fields = 0;
    const injections = FULL ? SQL_INJECTIONS : SQL_INJECTIONS.slice(0, 6);

    for (const r of routes) {
      if (r.url === '/api/v1/auth/logout') continue; // would end the caller's session
      const m = modelRoute(r);
      const variants: { where: string; apply: (x: Req) => void; value: unknown }[] = [];
      for (const slot of m.json.body ? slotsOf(m.json.body) : []) {
        const t = typeOf(slot.schema);
        const values = t === 'string' ? injections : t === 'integer' ? boundsOf(slot.schema) : [];
        if (values.length) fields++;
        for (const v of values)
          variants.push({
            where: `body.${slot.path.join('.')}`,
            value: v,
            apply: (x) => (x.body = setPath(x.body, slot.path, v)),
          });
      }
      for (const [loc, target] of [
        ['querystring', 'query'],
        ['params', 'params'],
      ] as const) {
        for (const [name, s] of Object.entries(m.json[loc]?.properties ?? {})) {
          const t = typeOf(s);
          const values =
            t === 'string' ? injections : t === 'integer' ? boundsOf(s).map(String) : [];
          if (values.length) fields++;
          for (const v of values)
            variants.push({
              where: `${loc}.${name}`,
              value: v,
              apply: (x) => (x[target][name] = String(v)),
            });
        }
      }
      if (!variants.length) continue;
      const before = r.method === 'GET' ? await dbChecksum(h.ctx) : undefined;
      for (const v of variants) {
        const x: Req = {
          params: { ...m.base.params },
          query: { ...m.base.query },
          body: structuredClone(m.base.body),
        };
        v.apply(x);
        if (!acceptedBySchemas(m, x)) {
          refusedBySchema++;
          continue;
        }
        sent++;
        const res = await app.inject({
          method: r.method as 'POST',
          url: urlOf(m, x),
          headers: {
            ...auth[callerOf(r)],
            ...(m.needsIdempotencyKey ? { 'idempotency-key': key() } : {}),
            ...(x.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(x.body !== undefined ? { payload: JSON.stringify(x.body) } : {}),
        });
        if (res.statusCode >= 500)
          failures.push(`${m.name} ${v.where}=${JSON.stringify(v.value)}: ${res.statusCode}`);
      }
      if (before) {
        const changed = changedTables(before, await dbChecksum(h.ctx));
        if (changed.length) failures.push(`${m.name}: a read changed ${changed.join(', ')}`);
      }
    }
    console.info(
      `[proof-attacks] ${fields} text and number fields: ${sent} requests reached the handlers, ${refusedBySchema} refused by their schema`,
    );
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(150);
    expect(await tableNamesOf(h.ctx)).toEqual(tablesBefore);
    const check = await app.inject({ url: '/api/v1/admin/ledger/check', headers: auth.auditor });
    expect(check.json().ok).toBe(true);
  });

  it('stores an injection string literally and does not widen a search with it', async () => {
    const m = await newMember(h.ctx);
    const op = await newOperator(h.ctx, 'auditor');
    const nickname = "x' OR '1'='1";
    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: m.auth,
      payload: { nickname },
    });
    expect(patch.json().nickname).toBe(nickname);
    const search = async (q: string) =>
      (
        await app.inject({
          url: `/api/v1/admin/members?q=${encodeURIComponent(q)}`,
          headers: op.auth,
        })
      ).json().items as { id: number }[];
    expect((await search(nickname)).map((x) => x.id)).toEqual([m.id]);
    expect(await search("' OR '1'='1' --")).toEqual([]);
  });
});

interface Req {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

function typeOf(s: JsonSchema): string | undefined {
  const o = s.anyOf?.find((x) => x.type !== 'null') ?? s.oneOf?.[0] ?? s;
  if (o.enum || o.const !== undefined) return 'enum';
  return Array.isArray(o.type) ? o.type[0] : o.type;
}

/** The smallest and largest value the schema takes. */
function boundsOf(s: JsonSchema): number[] {
  const o = s.anyOf?.find((x) => x.type !== 'null') ?? s;
  const lo = o.minimum ?? (o.exclusiveMinimum !== undefined ? o.exclusiveMinimum + 1 : undefined);
  return [lo, o.maximum].filter((x): x is number => x !== undefined);
}

function acceptedBySchemas(m: RouteModel, x: Req): boolean {
  if (m.zod.body && !m.zod.body.safeParse(x.body).success) return false;
  if (m.zod.querystring && !m.zod.querystring.safeParse(x.query).success) return false;
  if (m.zod.params && !m.zod.params.safeParse(x.params).success) return false;
  return true;
}

describe('bodies built to hurt', () => {
  it('every route that takes a body refuses an oversized one with 413 and changes nothing', async () => {
    const op = await newOperator(h.ctx, 'super_admin');
    const m = await newMember(h.ctx);
    const before = await dbChecksum(h.ctx);
    const big = JSON.stringify({ pad: 'x'.repeat(65 * 1024) });
    const wrong: string[] = [];
    for (const r of routes.filter((x) => x.method !== 'GET')) {
      const model = modelRoute(r);
      const res = await app.inject({
        method: r.method as 'POST',
        url: urlOf(model, { params: model.base.params, query: model.base.query }),
        headers: {
          ...(r.access.kind === 'member' ? m.auth : r.access.kind === 'public' ? {} : op.auth),
          'content-type': 'application/json',
          'idempotency-key': key(),
        },
        payload: big,
      });
      if (res.statusCode !== 413 || res.json().error.code !== 'BODY_TOO_LARGE')
        wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbChecksum(h.ctx))).toEqual([]);
  });

  it('deep nesting, prototype pollution and a thousand query parameters are refused, not crashed on', async () => {
    const m = await newMember(h.ctx);
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const r1 = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...m.auth, 'content-type': 'application/json' },
      payload: `{"nickname":"a","region":${deep}}`,
    });
    expect(r1.statusCode).toBe(400);
    const r2 = await app.inject({
      method: 'PATCH',
      url: '/api/v1/me',
      headers: { ...m.auth, 'content-type': 'application/json' },
      payload: '{"nickname":"a","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
    });
    expect(r2.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const qs = Array.from({ length: 1000 }, (_, i) => `p${i}=${i}`).join('&');
    const r3 = await app.inject({ url: `/api/v1/me/recharges?${qs}`, headers: m.auth });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('tokens after logout and after expiry', () => {
  async function sweep(token: Record<string, string>) {
    const wrong: string[] = [];
    const before = await dbChecksum(h.ctx);
    for (const r of routes) {
      const m = modelRoute(r);
      const res = await app.inject({
        method: r.method as 'POST',
        url: urlOf(m, { params: m.base.params, query: m.base.query }),
        headers: {
          ...token,
          'idempotency-key': key(),
          ...(m.base.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(m.base.body !== undefined ? { payload: JSON.stringify(m.base.body) } : {}),
      });
      // public routes too: a token that is sent is checked
      if (res.statusCode !== 401 || res.json().error.code !== 'TOKEN_INVALID')
        wrong.push(`${r.method} ${r.url}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
    expect(changedTables(before, await dbChecksum(h.ctx))).toEqual([]);
  }

  it('a logged-out member or operator token opens no route at all', async () => {
    const m = await newMember(h.ctx);
    const op = await newOperator(h.ctx, 'super_admin');
    for (const who of [m.auth, op.auth]) {
      const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: who });
      expect(out.statusCode).toBe(204);
      await sweep(who);
    }
  });

  it('an expired member or operator token opens no route at all, from the first millisecond', async () => {
    const m = await newMember(h.ctx);
    const op = await newOperator(h.ctx, 'super_admin');
    h.clock.advance(h.ctx.config.sessionTtlMs - 1);
    expect((await app.inject({ url: '/api/v1/me', headers: m.auth })).statusCode).toBe(200);
    h.clock.advance(1);
    for (const who of [m.auth, op.auth]) await sweep(who);
  });
});
