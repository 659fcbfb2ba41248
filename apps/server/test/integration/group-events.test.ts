/**
 * Live groups across servers: two app instances on one database, each with its
 * own LISTEN connection. A subscriber on A sees a join made through B, then the
 * draw, as server-sent events; an unknown group is a JSON 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { example1 } from '@pingou/engine';
import { buildApp } from '../../src/app';
import { createContext } from '../../src/bootstrap';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { newMember, newOperator, rechargeCash } from '../support/factories';

let h: Harness;
let appA: FastifyInstance;
let appB: FastifyInstance;
let ctxB: Awaited<ReturnType<typeof createContext>>;
let baseA: string;

beforeAll(async () => {
  h = await createHarness();
  ({ app: appA } = await createTestApp(h));
  ctxB = await createContext(h.ctx.config, h.url, { clock: h.clock, log: h.ctx.log, poolSize: 4 });
  ({ app: appB } = await buildApp(ctxB, { logger: false }));
  baseA = await appA.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await appA.close();
  await appB.close();
  await ctxB.close();
  await h.close();
});

/** Reads `event: group` messages from an SSE response as they come. */
function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const next = async function (
    timeoutMs = 10_000,
  ): Promise<{ seatsTaken: number; status: string; seats: unknown[] }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = buf.indexOf('\n\n');
      if (i >= 0) {
        const block = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (block.startsWith('event: group')) {
          const data = block.split('\n').find((l) => l.startsWith('data: '))!;
          return JSON.parse(data.slice(6));
        }
        continue;
      }
      if (Date.now() > deadline) throw new Error('no event in time');
      const r = await Promise.race([
        reader.read(),
        new Promise<never>((_, rej) =>
          setTimeout(() => rej(new Error('no event in time')), timeoutMs),
        ),
      ]);
      if (r.done) throw new Error('stream ended');
      buf += decoder.decode(r.value, { stream: true });
    }
  };
  return { next, close: () => reader.cancel() };
}

describe('GET /api/v1/groups/:id/events', () => {
  it('streams a join made through another server, then the draw', async () => {
    const op = await newOperator(h.ctx, 'operator');
    const settings = {
      ...example1(),
      groupSize: 3,
      winners: 1,
      seatRewards: { ...example1().seatRewards, teamTiers: [] },
    };
    const c = await appB.inject({
      method: 'POST',
      url: '/api/v1/admin/activities',
      headers: op.auth,
      payload: { name: '实时团', settings },
    });
    expect(c.statusCode, c.body).toBe(201);
    const activityId = c.json().id as number;
    const p = await appB.inject({
      method: 'POST',
      url: `/api/v1/admin/activities/${activityId}/publish`,
      headers: op.auth,
    });
    expect(p.statusCode, p.body).toBe(200);

    const members: Awaited<ReturnType<typeof newMember>>[] = [];
    for (let i = 0; i < 3; i++) {
      const m = await newMember(h.ctx);
      await rechargeCash(h.ctx, m.id, settings.priceFen);
      members.push(m);
    }
    const joinVia = (app: FastifyInstance, m: (typeof members)[number], n: number) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/activities/${activityId}/join`,
        headers: { ...m.auth, 'idempotency-key': `sse-join-${m.id}-${n}` },
        payload: { optionId: 1, clientSeed: `seed${n}` },
      });
    const first = await joinVia(appB, members[0]!, 0);
    expect(first.statusCode, first.body).toBe(201);
    const groupId = first.json().groupId as number;

    // public: no token
    const res = await fetch(`${baseA}/api/v1/groups/${groupId}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const { next, close } = sseReader(res);
    const initial = await next();
    expect(initial.seatsTaken).toBe(1);
    expect(JSON.stringify(initial)).not.toMatch(/serverSeed|memberId/);

    expect((await joinVia(appB, members[1]!, 1)).statusCode).toBe(201);
    let v = await next();
    expect(v.seatsTaken).toBe(2);
    expect(v.status).toBe('open');

    expect((await joinVia(appB, members[2]!, 2)).statusCode).toBe(201);
    v = await next();
    while (v.status !== 'drawn') v = await next();
    expect(v.seatsTaken).toBe(3);
    await close();
  });

  it('answers an unknown group with the JSON 404 before any stream', async () => {
    const r = await appA.inject({ method: 'GET', url: '/api/v1/groups/999999/events' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('GROUP_NOT_FOUND');
  });
});
