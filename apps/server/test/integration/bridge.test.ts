/**
 * The chain bridge (对接区块链, SPEC §10) on real PostgreSQL: points held at the
 * request, confirmed or returned when the bridge answers, the outbox's retries
 * with one effect, signed callbacks (forged, stale, unknown and contradicting
 * ones refused with nothing changed), the signed HTTP wire format against a
 * tiny bridge on 127.0.0.1, and who may do what.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { inTransaction, ledgerRepo, membersRepo } from '@pingou/db';
import { createLocalBridge, type LocalBridge } from '../../src/bridge/local-adapter';
import { useBridgeAdapters } from '../../src/bridge/registry';
import { createSignedHttpBridge } from '../../src/bridge/signed-http-adapter';
import type { BridgeAdapter } from '../../src/bridge/adapter';
import { signMessage, verdictBody, type SignedMessage } from '../../src/bridge/signing';
import { sendDueConversions } from '../../src/use-cases/bridge/send-due-conversions';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMember, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
let local: LocalBridge;
let http: BridgeAdapter;
type Op = Awaited<ReturnType<typeof newOperator>>;
type M = Awaited<ReturnType<typeof newMember>>;
let finance: Op;
let auditor: Op;
let operator: Op;

// ---- a tiny bridge service speaking the documented wire format, written from docs/bridge.md
const SECRET = 'test-bridge-secret-0123456789abcdef';
const hmac = (s: string) => createHmac('sha256', SECRET).update(s).digest('hex');
interface Seen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  signatureOk: boolean;
}
const seen: Seen[] = [];
const chain = new Map<string, string>();
let chainMode: 'confirm' | 'accept' | 'bad-signature' = 'confirm';
let server: Server;

function startBridgeServer(): Promise<string> {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const ts = String(req.headers['x-bridge-timestamp']);
      const nonce = String(req.headers['x-bridge-nonce']);
      const canonical = `${req.method}\n${req.url}\n${ts}\n${nonce}\n${body}`;
      const signatureOk = req.headers['x-bridge-signature'] === hmac(canonical);
      seen.push({ method: req.method!, path: req.url!, headers: req.headers, body, signatureOk });
      if (!signatureOk) {
        res.writeHead(401).end();
        return;
      }
      const { conversionId } = JSON.parse(body) as { conversionId: string };
      let answer: string;
      if (chainMode === 'accept') answer = JSON.stringify({ conversionId, status: 'accepted' });
      else {
        if (!chain.has(conversionId))
          chain.set(conversionId, `0x${randomBytes(16).toString('hex')}`);
        answer = JSON.stringify({
          conversionId,
          status: 'confirmed',
          txHash: chain.get(conversionId),
        });
      }
      const rts = String(Math.floor(Date.now() / 1000));
      const sig = hmac(`RESPONSE\n${req.url}\n${rts}\n${nonce}\n${answer}`);
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'x-bridge-timestamp': rts,
          'x-bridge-nonce': nonce,
          'x-bridge-signature': chainMode === 'bad-signature' ? '0'.repeat(64) : sig,
        })
        .end(answer);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/chain`),
    ),
  );
}

beforeAll(async () => {
  h = await createHarness({}, { realClock: true });
  ({ app } = await createTestApp(h));
  local = createLocalBridge();
  http = createSignedHttpBridge({ url: await startBridgeServer(), secret: SECRET });
  useBridgeAdapters(local, http);
  finance = await newOperator(h.ctx, 'finance');
  auditor = await newOperator(h.ctx, 'auditor');
  operator = await newOperator(h.ctx, 'operator');
});
afterAll(async () => {
  useBridgeAdapters(createLocalBridge());
  await new Promise((r) => server.close(r));
  await app.close();
  await h.close();
});

// ---- helpers

let keySeq = 0;
const newKey = () => `br-key-${++keySeq}-${randomBytes(4).toString('hex')}`;

async function memberWithDividend(amount: number) {
  const m = await newMember(h.ctx);
  if (amount > 0) await creditAsset(h.ctx, m.id, 'DIVIDEND', amount);
  return m;
}

async function wallet(m: { id: number }) {
  return {
    dividend: await ledgerRepo.memberBalance(h.ctx.db, m.id, 'DIVIDEND'),
    digital: await ledgerRepo.memberBalance(h.ctx.db, m.id, 'DIGITAL'),
  };
}

async function pending(asset: 'DIVIDEND' | 'DIGITAL') {
  const rows = await ledgerRepo.platformBalances(h.ctx.db);
  return rows.find((r) => r.purpose === 'bridge_pending' && r.asset === asset)?.balance ?? 0;
}

/** Everything a refused request or callback must leave exactly as it was. */
async function snapshot() {
  const r = await h.ctx.db.execute<Record<string, string>>(sql`select
    (select coalesce(string_agg(conversion_no || ':' || status || ':' || coalesce(chain_ref, ''), ',' order by id), '') from bridge_conversions) as states,
    (select count(*) from journal_entries)::text as entries,
    (select count(*) from postings)::text as postings,
    (select count(*) from audit_log)::text as audits,
    (select count(*) from idempotency_keys)::text as idempotency`);
  return {
    ...r.rows[0],
    pendingDividend: await pending('DIVIDEND'),
    pendingDigital: await pending('DIGITAL'),
  };
}

function convert(m: M, payload: Record<string, unknown>, key: string | null = newKey()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/me/bridge/conversions',
    headers: { ...m.auth, ...(key ? { 'idempotency-key': key } : {}) },
    payload,
  });
}

async function converted(m: M, direction: 'out' | 'in', amount: number) {
  const res = await convert(m, { direction, amount });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { conversionNo: string; status: string; amount: number };
}

async function statusOf(no: string) {
  const r = await app.inject({
    method: 'GET',
    url: `/api/v1/admin/bridge/conversions/${no}`,
    headers: auditor.auth,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    status: string;
    attempts: number;
    lastError: string | null;
    chainRef: string | null;
  };
}

const callback = (adapter: string, n: SignedMessage) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/bridge/callback/${adapter}`,
    headers: { 'content-type': 'application/json', ...n.headers },
    payload: n.body,
  });

/** Only the outbox rows of these conversions: other tests' rows are left for their own runs. */
async function sendOnly(...nos: string[]) {
  await h.ctx.db.execute(
    sql`update bridge_conversions set next_attempt_at = now() + interval '1 day' where status in ('pending', 'sent') and conversion_no not in (select jsonb_array_elements_text(${JSON.stringify(nos)}::jsonb))`,
  );
  return sendDueConversions(h.ctx);
}

// ---- tests

describe('out: dividend points → digital points', () => {
  it('holds at the request, then confirm issues the digital mirror (exact balances)', async () => {
    local.mode = 'confirm';
    const m = await memberWithDividend(10_000);
    const before = { d: await pending('DIVIDEND') };
    const c = await converted(m, 'out', 2_550);
    expect(c.status).toBe('pending');
    expect(await wallet(m)).toEqual({ dividend: 7_450, digital: 0 });
    expect(await pending('DIVIDEND')).toBe(before.d + 2_550);

    const sent = await sendOnly(c.conversionNo);
    expect(sent).toEqual([{ conversionNo: c.conversionNo, outcome: 'confirmed' }]);
    expect(await wallet(m)).toEqual({ dividend: 7_450, digital: 2_550 });
    expect(await pending('DIVIDEND')).toBe(before.d);
    const row = await statusOf(c.conversionNo);
    expect(row.status).toBe('confirmed');
    expect(row.chainRef).toMatch(/^0xlocal/);

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/me/bridge/conversions',
      headers: m.auth,
    });
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      conversionNo: c.conversionNo,
      status: 'confirmed',
      amount: 2_550,
    });
  });

  it('a definite refusal reverses it: pending → reversed, the points come back', async () => {
    local.mode = 'refuse';
    const m = await memberWithDividend(1_000);
    const c = await converted(m, 'out', 1_000);
    expect(await wallet(m)).toEqual({ dividend: 0, digital: 0 });
    expect(await sendOnly(c.conversionNo)).toEqual([
      { conversionNo: c.conversionNo, outcome: 'reversed' },
    ]);
    expect(await wallet(m)).toEqual({ dividend: 1_000, digital: 0 });
    const row = await statusOf(c.conversionNo);
    expect(row.status).toBe('reversed');
    local.mode = 'confirm';
  });
});

describe('in: digital points → dividend points', () => {
  it('confirmed and reversed, with exact balances', async () => {
    local.mode = 'confirm';
    const m = await memberWithDividend(5_000);
    await sendOnly((await converted(m, 'out', 3_000)).conversionNo);
    expect(await wallet(m)).toEqual({ dividend: 2_000, digital: 3_000 });

    const back = await converted(m, 'in', 1_200);
    expect(await wallet(m)).toEqual({ dividend: 2_000, digital: 1_800 });
    const pendingDigital = await pending('DIGITAL');
    expect(pendingDigital).toBeGreaterThanOrEqual(1_200);
    await sendOnly(back.conversionNo);
    expect(await wallet(m)).toEqual({ dividend: 3_200, digital: 1_800 });
    expect(await pending('DIGITAL')).toBe(pendingDigital - 1_200);

    local.mode = 'refuse';
    const refused = await converted(m, 'in', 1_800);
    expect(await wallet(m)).toEqual({ dividend: 3_200, digital: 0 });
    await sendOnly(refused.conversionNo);
    expect(await wallet(m)).toEqual({ dividend: 3_200, digital: 1_800 });
    local.mode = 'confirm';
  });
});

describe('the outbox retries safely', () => {
  it('a lost answer: the retry sends the same number and the transfer has one effect', async () => {
    local.mode = 'timeout';
    const m = await memberWithDividend(800);
    const c = await converted(m, 'out', 800);
    expect(await sendOnly(c.conversionNo)).toEqual([
      { conversionNo: c.conversionNo, outcome: 'no_answer' },
    ]);
    let row = await statusOf(c.conversionNo);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toMatch(/answer lost/);
    expect(await wallet(m)).toEqual({ dividend: 0, digital: 0 });
    // not due again yet (back-off): the worker leaves it alone
    expect(await sendOnly(c.conversionNo)).toEqual([]);

    // finance retries now; the chain already did it and answers with that result
    local.mode = 'confirm';
    const retried = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/bridge/conversions/${c.conversionNo}/retry`,
      headers: finance.auth,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'confirmed', attempts: 2 });
    expect(local.received.filter((n) => n === c.conversionNo)).toHaveLength(2);
    expect(local.transfers.get(c.conversionNo)?.amount).toBe(800);
    expect(await wallet(m)).toEqual({ dividend: 0, digital: 800 });
    const audits = await h.ctx.db.execute<{ action: string; operator_id: number }>(
      sql`select action, operator_id from audit_log where target_kind = 'bridge_conversion' and target_id = ${c.conversionNo}`,
    );
    expect(audits.rows).toEqual([{ action: 'bridge.retry', operator_id: finance.id }]);

    // finished: another retry is refused and changes nothing
    const before = await snapshot();
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/bridge/conversions/${c.conversionNo}/retry`,
      headers: finance.auth,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONVERSION_STATE');
    expect(await snapshot()).toEqual(before);
    row = await statusOf(c.conversionNo);
    expect(row.status).toBe('confirmed');
  });

  it('the same Idempotency-Key twice is one conversion', async () => {
    const m = await memberWithDividend(500);
    const key = newKey();
    const a = await convert(m, { direction: 'out', amount: 300 }, key);
    const b = await convert(m, { direction: 'out', amount: 300 }, key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json()).toEqual(a.json());
    expect(await wallet(m)).toEqual({ dividend: 200, digital: 0 });
    const other = await convert(m, { direction: 'out', amount: 100 }, key);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await sendOnly(a.json().conversionNo);
  });
});

describe('signed callbacks', () => {
  it('an accepted transfer is confirmed by its callback; repeats, contradictions, unknown and forged ones change nothing', async () => {
    local.mode = 'async';
    const m = await memberWithDividend(600);
    const c = await converted(m, 'out', 600);
    expect(await sendOnly(c.conversionNo)).toEqual([
      { conversionNo: c.conversionNo, outcome: 'sent' },
    ]);
    expect((await statusOf(c.conversionNo)).status).toBe('sent');

    // forged: signed with another secret
    let before = await snapshot();
    const forged = await callback(
      'local',
      createLocalBridge().signCallback(
        c.conversionNo,
        { status: 'refused', reason: 'x' },
        new Date(),
      ),
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('BRIDGE_SIGNATURE_INVALID');
    // tampered: a good signature over another body
    const good = local.signCallback(
      c.conversionNo,
      { status: 'confirmed', chainRef: '0xabc' },
      new Date(),
    );
    const tampered = await callback('local', {
      headers: good.headers,
      body: good.body.replace('0xabc', '0xabd'),
    });
    expect(tampered.json().error.code).toBe('BRIDGE_SIGNATURE_INVALID');
    // stale: six minutes old
    const stale = await callback(
      'local',
      local.signCallback(
        c.conversionNo,
        { status: 'confirmed', chainRef: '0xabc' },
        new Date(Date.now() - 6 * 60_000),
      ),
    );
    expect(stale.json().error.code).toBe('BRIDGE_SIGNATURE_INVALID');
    // no signature at all
    const unsigned = await callback('local', { headers: {}, body: good.body });
    expect(unsigned.statusCode).toBe(400);
    // unknown conversion
    const unknown = await callback(
      'local',
      local.signCallback(
        'B20260101000000ABCDEF012345',
        { status: 'confirmed', chainRef: '0x1' },
        new Date(),
      ),
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('CONVERSION_NOT_FOUND');
    // unknown adapter
    const noAdapter = await callback('nosuch', good);
    expect(noAdapter.json().error.code).toBe('BRIDGE_ADAPTER_UNKNOWN');
    // the right adapter's conversion through another adapter's door is unknown there
    const wrongDoor = await callback(
      'http',
      signMessage(
        SECRET,
        'POST',
        '/api/v1/bridge/callback/http',
        verdictBody(c.conversionNo, { status: 'refused', reason: 'x' }),
        new Date(),
      ),
    );
    expect(wrongDoor.json().error.code).toBe('CONVERSION_NOT_FOUND');
    expect(await snapshot()).toEqual(before);

    // the real verdict
    const ok = await callback('local', good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ outcome: 'confirmed', conversionNo: c.conversionNo });
    expect(await wallet(m)).toEqual({ dividend: 0, digital: 600 });

    // the same verdict again: acknowledged, one effect
    before = await snapshot();
    const dup = await callback('local', good);
    expect(dup.json()).toEqual({ outcome: 'duplicate', conversionNo: c.conversionNo });
    expect(await snapshot()).toEqual(before);
    // a contradicting verdict for the finished conversion: refused, nothing changed
    const contra = await callback(
      'local',
      local.signCallback(c.conversionNo, { status: 'refused', reason: 'late' }, new Date()),
    );
    expect(contra.statusCode).toBe(409);
    expect(contra.json().error.code).toBe('CONVERSION_STATE');
    expect(await snapshot()).toEqual(before);
    expect(await wallet(m)).toEqual({ dividend: 0, digital: 600 });
    local.mode = 'confirm';
  });

  it('a refusal callback returns the points', async () => {
    local.mode = 'async';
    const m = await memberWithDividend(400);
    const c = await converted(m, 'out', 400);
    await sendOnly(c.conversionNo);
    const res = await callback(
      'local',
      local.signCallback(
        c.conversionNo,
        { status: 'refused', reason: 'address blocked' },
        new Date(),
      ),
    );
    expect(res.json()).toEqual({ outcome: 'reversed', conversionNo: c.conversionNo });
    expect(await wallet(m)).toEqual({ dividend: 400, digital: 0 });
    local.mode = 'confirm';
  });
});

describe('bad requests change nothing', () => {
  it('refuses zero, fractions, unknown fields, too much, no key, frozen members', async () => {
    const m = await memberWithDividend(100);
    const before = await snapshot();
    for (const payload of [
      { direction: 'out', amount: 0 },
      { direction: 'out', amount: 1.5 },
      { direction: 'sideways', amount: 10 },
      { direction: 'out', amount: 10, extra: 1 },
    ]) {
      const r = await convert(m, payload);
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const tooMuch = await convert(m, { direction: 'out', amount: 101 });
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json().error.code).toBe('INSUFFICIENT_POINTS');
    const noDigital = await convert(m, { direction: 'in', amount: 1 });
    expect(noDigital.json().error.code).toBe('INSUFFICIENT_POINTS');
    const noKey = await convert(m, { direction: 'out', amount: 10 }, null);
    expect(noKey.statusCode).toBe(400);
    await inTransaction(h.ctx.db, (tx) => membersRepo.updateMember(tx, m.id, { isFrozen: true }));
    const frozen = await convert(m, { direction: 'out', amount: 10 });
    expect(frozen.statusCode).toBe(403);
    expect(frozen.json().error.code).toBe('MEMBER_FROZEN');
    expect(await snapshot()).toEqual(before);
    expect(await wallet(m)).toEqual({ dividend: 100, digital: 0 });
  });
});

describe('the signed HTTP bridge (real protocol)', () => {
  it('speaks the documented wire format; the same number twice is one transfer', async () => {
    useBridgeAdapters(http, local);
    try {
      chainMode = 'confirm';
      const m = await memberWithDividend(1_000);
      const c = await converted(m, 'out', 700);
      seen.length = 0;
      expect(await sendOnly(c.conversionNo)).toEqual([
        { conversionNo: c.conversionNo, outcome: 'confirmed' },
      ]);
      expect(seen).toHaveLength(1);
      const req = seen[0]!;
      expect(req.method).toBe('POST');
      expect(req.path).toBe('/chain/v1/conversions');
      expect(req.signatureOk).toBe(true);
      expect(req.headers['content-type']).toBe('application/json');
      expect(req.headers['x-bridge-timestamp']).toMatch(/^\d{10}$/);
      expect(req.headers['x-bridge-nonce']).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(req.body)).toEqual({
        conversionId: c.conversionNo,
        direction: 'out',
        account: `pingou:${m.id}`,
        amount: 700,
      });
      const row = await statusOf(c.conversionNo);
      expect(row.chainRef).toBe(chain.get(c.conversionNo));
      expect(await wallet(m)).toEqual({ dividend: 300, digital: 700 });

      // the adapter sends the same number again: the same transfer, the same answer
      const again = await http.send({
        conversionNo: c.conversionNo,
        direction: 'out',
        account: `pingou:${m.id}`,
        amount: 700,
      });
      expect(again).toEqual({ status: 'confirmed', chainRef: chain.get(c.conversionNo) });

      // an answer whose signature does not verify is no answer: the conversion stays held
      chainMode = 'bad-signature';
      const c2 = await converted(m, 'out', 300);
      expect(await sendOnly(c2.conversionNo)).toEqual([
        { conversionNo: c2.conversionNo, outcome: 'no_answer' },
      ]);
      expect((await statusOf(c2.conversionNo)).lastError).toMatch(/signature/);
      expect(await wallet(m)).toEqual({ dividend: 0, digital: 700 });

      // accepted, then the bridge's signed callback confirms it
      chainMode = 'accept';
      const retried = await app.inject({
        method: 'POST',
        url: `/api/v1/admin/bridge/conversions/${c2.conversionNo}/retry`,
        headers: finance.auth,
      });
      expect(retried.json()).toMatchObject({ status: 'sent' });
      const body = verdictBody(c2.conversionNo, { status: 'confirmed', chainRef: '0xfeed' });
      const ts = String(Math.floor(Date.now() / 1000));
      const nonce = randomBytes(16).toString('hex');
      const path = '/api/v1/bridge/callback/http';
      const cb = await callback('http', {
        headers: {
          'x-bridge-timestamp': ts,
          'x-bridge-nonce': nonce,
          'x-bridge-signature': hmac(`POST\n${path}\n${ts}\n${nonce}\n${body}`),
        },
        body,
      });
      expect(cb.statusCode, cb.body).toBe(200);
      expect(await wallet(m)).toEqual({ dividend: 0, digital: 1_000 });
    } finally {
      useBridgeAdapters(local, http);
      chainMode = 'confirm';
    }
  });
});

describe('authorization', () => {
  it('members see only their own; operators read; only finance retries', async () => {
    local.mode = 'async';
    const m = await memberWithDividend(100);
    const other = await newMember(h.ctx);
    const c = await converted(m, 'out', 100);
    await sendOnly(c.conversionNo);
    const get = (url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers });
    expect((await get('/api/v1/me/bridge/conversions')).statusCode).toBe(401);
    expect((await get(`/api/v1/me/bridge/conversions/${c.conversionNo}`, m.auth)).statusCode).toBe(
      200,
    );
    const mine = await get(`/api/v1/me/bridge/conversions/${c.conversionNo}`, other.auth);
    expect(mine.statusCode).toBe(404);
    expect(mine.json().error.code).toBe('CONVERSION_NOT_FOUND');
    expect((await get('/api/v1/admin/bridge/conversions', m.auth)).statusCode).toBe(403);
    for (const op of [auditor, operator, finance]) {
      const list = await get('/api/v1/admin/bridge/conversions?status=sent', op.auth);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((i: { conversionNo: string }) => i.conversionNo)).toContain(
        c.conversionNo,
      );
    }
    const before = await snapshot();
    for (const who of [auditor, operator]) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/v1/admin/bridge/conversions/${c.conversionNo}/retry`,
        headers: who.auth,
      });
      expect(r.statusCode).toBe(403);
    }
    const byMember = await app.inject({
      method: 'POST',
      url: `/api/v1/admin/bridge/conversions/${c.conversionNo}/retry`,
      headers: m.auth,
    });
    expect(byMember.statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/admin/bridge/conversions/B20260101000000ABCDEF012345/retry',
      headers: finance.auth,
    });
    expect(missing.json().error.code).toBe('CONVERSION_NOT_FOUND');
    await callback(
      'local',
      local.signCallback(c.conversionNo, { status: 'confirmed', chainRef: '0x2' }, new Date()),
    );
    local.mode = 'confirm';
  });
});

describe('the ledger', () => {
  it('still proves out, and nothing is left in bridge_pending', async () => {
    const report = await ledgerRepo.checkLedger(h.ctx.db);
    expect(report.ok, JSON.stringify(report)).toBe(true);
    await sendOnly(); // nothing of ours is still due
    const open = await h.ctx.db.execute<{ n: string }>(
      sql`select count(*)::text as n from bridge_conversions where status in ('pending', 'sent')`,
    );
    expect(await pending('DIVIDEND')).toBe(0);
    expect(await pending('DIGITAL')).toBe(0);
    expect(open.rows[0]!.n).toBe('0');
  });
});
