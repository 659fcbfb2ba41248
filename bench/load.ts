/**
 * Joins over HTTP against the running server: a closed loop (N clients, each
 * sending its next join when the last one answered) for the maximum rate, and
 * an open loop (joins scheduled at a fixed rate whatever the answers do) for
 * latency at a given load. Latency in the open loop counts from the moment a
 * request was due, so queueing in the client is not hidden.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** Who joins which activity for request number i. */
export type Pick = (i: number) => { activityId: number; token: string };

export interface LoadResult {
  /** Requests counted (after warm-up). */
  measured: number;
  /** Every answer that was not 201, and transport failures (warm-up included). */
  errors: number;
  errorSamples: string[];
  /** Latencies of counted requests, ms, sorted ascending. */
  latenciesMs: number[];
  /** Wall-clock span of the counted requests, ms since the epoch. */
  startedAt: number;
  endedAt: number;
  /** Counted requests / span. */
  perSecond: number;
  /** Answers whose join filled (and so drew and settled) a group. */
  drawsSeen: number;
}

interface Answer {
  status: number;
  body: string;
}

function postJoin(
  agent: http.Agent,
  base: URL,
  activityId: number,
  token: string,
  key: string,
): Promise<Answer> {
  const payload = '{"optionId":1}';
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        path: `/api/v1/activities/${activityId}/join`,
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          'idempotency-key': key,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', (e) => resolve({ status: 0, body: `response error: ${e.message}` }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, body: `request error: ${e.message}` }));
    req.end(payload);
  });
}

class Tally {
  latencies: number[] = [];
  errors = 0;
  errorSamples: string[] = [];
  drawsSeen = 0;
  first = Infinity;
  last = -Infinity;

  record(a: Answer, startedAt: number, endedAt: number, counted: boolean) {
    if (a.status !== 201) {
      this.errors++;
      if (this.errorSamples.length < 5)
        this.errorSamples.push(`${a.status} ${a.body.slice(0, 400)}`);
      return;
    }
    if (!counted) return;
    if (a.body.includes('"result":{')) this.drawsSeen++;
    this.latencies.push(endedAt - startedAt);
    this.first = Math.min(this.first, startedAt);
    this.last = Math.max(this.last, endedAt);
  }

  result(): LoadResult {
    const latenciesMs = this.latencies.sort((x, y) => x - y);
    const spanMs = this.last - this.first;
    return {
      measured: latenciesMs.length,
      errors: this.errors,
      errorSamples: this.errorSamples,
      latenciesMs,
      startedAt: performance.timeOrigin + this.first,
      endedAt: performance.timeOrigin + this.last,
      perSecond: spanMs > 0 ? (latenciesMs.length * 1000) / spanMs : 0,
      drawsSeen: this.drawsSeen,
    };
  }
}

/** `clients` keep-alive loops share `total` joins; the first `warmup` are not counted. */
export async function closedLoop(opts: {
  baseUrl: string;
  clients: number;
  total: number;
  warmup: number;
  keyPrefix: string;
  pick: Pick;
  /** Stop sending new joins after this many seconds, so a slow machine still finishes. */
  maxSeconds: number;
}): Promise<LoadResult & { sent: number; stoppedEarly: boolean }> {
  const base = new URL(opts.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const tally = new Tally();
  let next = 0;
  let stoppedEarly = false;
  const deadline = performance.now() + opts.maxSeconds * 1000;
  const client = async () => {
    for (;;) {
      if (performance.now() > deadline) {
        stoppedEarly = next < opts.total;
        return;
      }
      const i = next++;
      if (i >= opts.total) return;
      const { activityId, token } = opts.pick(i);
      const t0 = performance.now();
      const a = await postJoin(agent, base, activityId, token, `${opts.keyPrefix}-${i}`);
      tally.record(a, t0, performance.now(), i >= opts.warmup);
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, client));
  agent.destroy();
  return { ...tally.result(), sent: Math.min(next, opts.total), stoppedEarly };
}

/** Joins due at `rate` per second for `seconds`; up to `maxSockets` connections carry them. */
export async function openLoop(opts: {
  baseUrl: string;
  rate: number;
  seconds: number;
  maxSockets: number;
  keyPrefix: string;
  pick: Pick;
}): Promise<LoadResult & { scheduled: number; maxInFlight: number }> {
  const base = new URL(opts.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets });
  const tally = new Tally();
  const total = Math.max(1, Math.round(opts.rate * opts.seconds));
  const intervalMs = 1000 / opts.rate;
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fire = (i: number, dueAt: number) => {
    const { activityId, token } = opts.pick(i);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    pending.push(
      postJoin(agent, base, activityId, token, `${opts.keyPrefix}-${i}`).then((a) => {
        inFlight--;
        tally.record(a, dueAt, performance.now(), true);
      }),
    );
  };
  const start = performance.now();
  let issued = 0;
  while (issued < total) {
    const now = performance.now();
    while (issued < total && start + issued * intervalMs <= now) {
      fire(issued, start + issued * intervalMs);
      issued++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  agent.destroy();
  return { ...tally.result(), scheduled: total, maxInFlight };
}
