/**
 * Crashes (issue 8): kill -9 the real server at a random moment while five
 * kinds of work are in flight at once — joins, draws (the N-th join settles the
 * group in its transaction), recharge notifications, withdrawals (request,
 * approval with payout, payout notification) and calendar settlements (the
 * catch-up the server runs at start). After each kill the database must prove
 * itself as it stands: trial balance green, no group full but not settled, no
 * drawn group lacking its entries, settlement progress equal to the items
 * paid, held withdrawals equal to the pending account. The next server then
 * receives every request of the killed one again with the same key (and the
 * provider repeats its notifications); at the end each key has had one effect
 * and every settlement item was paid exactly once.
 *
 * CRASH_TRIALS (default 8) sets the number of kills; `npm run proof` runs 100.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { addDays, platformDay, exampleActivities, type ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, inTransaction, ledgerRepo } from '@pingou/db';
import { isSandboxProvider, type SandboxProvider } from '../../src/payments/sandbox-provider';
import { issueToken } from '../../src/use-cases/auth/sessions';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { publishActivity } from '../../src/use-cases/group-buy/manage-activity';
import { createRecharge } from '../../src/use-cases/recharge/create-recharge';
import { catchUpSettlements } from '../../src/use-cases/settlements/catch-up';
import { createHarness, type Harness } from '../support/harness';
import { newMembersWithCash, newOperator } from '../support/factories';
import { proveInvariants } from '../support/proof-checks';
import { startServer, type ServerProcess } from '../support/server-process';

const TRIALS = Number(process.env.CRASH_TRIALS ?? 8);
/** The kill comes this long (at most) after the streams start; the catch-up may take a pg-boss poll to begin. */
const KILL_WINDOW_MS = Number(process.env.CRASH_KILL_WINDOW_MS ?? 1_600);
const JOINS_PER_TRIAL = 60;
const DRAW_ACTIVITIES = 3;
const RECHARGES_PER_TRIAL = 24;
const WITHDRAWALS_PER_TRIAL = 6;
/** Past days to settle; the catch-up spreads over the first lifetimes, longer runs get more days. */
const CALENDAR_DAYS = Number(
  process.env.CRASH_CALENDAR_DAYS ?? Math.max(40, Math.min(120, TRIALS)),
);
const CALENDAR_MEMBERS = 3_000;
const MEMBERS = 120;

type Kind = 'joins' | 'draws' | 'recharges' | 'withdrawals' | 'calendar';
const KINDS: Kind[] = ['joins', 'draws', 'recharges', 'withdrawals', 'calendar'];

interface JoinRequest {
  key: string;
  memberId: number;
  token: string;
  activityId: number;
  reply?: { groupId: number; seatNo: number };
}
interface RechargeRequest {
  outTradeNo: string;
  n: { headers: Record<string, string>; rawBody: string };
}
interface WithdrawalRequest {
  key: string;
  token: string;
  amountFen: number;
  withdrawalNo?: string;
  payoutFen?: number;
}

let h: Harness;
let sandbox: SandboxProvider;
let operatorAuth: string;
let members: { id: number; token: string }[] = [];
let joinActivities: number[] = [];
const drawActivities: number[] = [];
let memberCursor = 0;

const all = {
  joins: [] as JoinRequest[],
  prefills: 0,
  recharges: [] as RechargeRequest[],
  withdrawals: [] as WithdrawalRequest[],
};
/** Per kind: kills that found its work in flight (a request sent and not answered, a run unfinished). */
const landed: Record<Kind, number> = {
  joins: 0,
  draws: 0,
  recharges: 0,
  withdrawals: 0,
  calendar: 0,
};

/** The fields of the answers these requests read (the rest are not looked at). */
interface Answer {
  groupId: number;
  seatNo: number;
  withdrawalNo: string;
  payoutFen: number;
}

let serverStarts = 0;
const startedServers: ServerProcess[] = [];
const start = async () => {
  serverStarts++;
  const s = await startServer(h.url);
  startedServers.push(s);
  return s;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { auth?: string; key?: string; body?: unknown; raw?: RechargeRequest['n'] } = {},
): Promise<{ status: number; body: Answer }> {
  try {
    const r = await fetch(`${baseUrl}${path}`, {
      method,
      headers: opts.raw
        ? opts.raw.headers
        : {
            ...(opts.auth ? { authorization: opts.auth } : {}),
            ...(opts.key ? { 'idempotency-key': opts.key } : {}),
            ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
      body: opts.raw
        ? opts.raw.rawBody
        : opts.body !== undefined
          ? JSON.stringify(opts.body)
          : undefined,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : {} };
  } catch {
    return { status: 0, body: {} as Answer }; // the server died with the request in flight
  }
}

function nextMember() {
  return members[memberCursor++ % members.length]!;
}

/** The examples.md activities with the harness's tiers (the examples pay tier ids 1–3). */
async function createActivity(settings: ActivitySettings, name: string) {
  const a = await inTransaction(h.ctx.db, (tx) =>
    groupBuyRepo.insertActivity(tx, {
      name,
      description: 'proof-crash',
      isLargeZone: false,
      startsAt: null,
      endsAt: null,
      draft: settings,
    }),
  );
  await publishActivity(h.ctx, null, a.id);
  return a.id;
}

/** Past days with dividend pools and winners' weights, due at the first server start. */
async function seedCalendar() {
  const today = platformDay(new Date(), h.ctx.config.timeZone);
  const first = addDays(today, -CALENDAR_DAYS);
  await h.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`insert into members (phone, password_hash, nickname, invite_code)
      select '1' || lpad((7000000000 + g)::text, 10, '0'), 'x', 'calendar', 'KC' || g
      from generate_series(1, ${CALENDAR_MEMBERS}) g`);
    await tx.execute(sql`insert into accounts (member_id, asset) select m.id, a.asset from members m
      cross join (values ('CASH'), ('GOLD'), ('DIVIDEND'), ('POOL'), ('CONSUMPTION'), ('DIGITAL')) a(asset)
      where m.nickname = 'calendar'`);
    await tx.execute(sql`insert into daily_dividend_weights (day, member_id, weight)
      select (${first}::date + d)::date, m.id, 1 + (m.id + d) % 7
      from members m cross join generate_series(0, ${CALENDAR_DAYS - 1}) d
      where m.nickname = 'calendar' and (m.id + d) % 2 = 0`);
    await tx.execute(sql`insert into daily_pool_days (day, amount)
      select (${first}::date + d)::date, 100003 + d * 7919 from generate_series(0, ${CALENDAR_DAYS - 1}) d`);
    const e = await tx.execute<{ id: number }>(
      sql`insert into journal_entries (idempotency_key, kind) values ('proof-seed-pool', 'pool_contribution') returning id`,
    );
    const total = sql`(select sum(amount) from daily_pool_days)`;
    await tx.execute(sql`insert into postings (entry_id, account_id, asset, amount)
      select ${e.rows[0]!.id}, id, 'CASH', case purpose when 'sales' then -${total} else ${total} end
      from accounts where asset = 'CASH' and purpose in ('sales', 'pool_daily')`);
    await tx.execute(
      sql`insert into settings (key, value) values ('settlements_first_day', ${JSON.stringify(first)}::jsonb)
        on conflict (key) do update set value = excluded.value`,
    );
  });
}

async function calendarProgress() {
  const r = await h.ctx.db.execute<{ completed: number; done: number; runs: number }>(sql`
    select count(*) filter (where status = 'completed')::int as completed,
      coalesce(sum(done), 0)::int as done, count(*)::int as runs from settlement_runs where kind = 'daily'`);
  return r.rows[0]!;
}

/** What must hold in the database as the kill left it (and after every restart). */
async function proveCrashState(label: string) {
  const p = await proveInvariants(h.ctx.db);
  expect(p.ledger.ok, `${label}: ledger:check`).toBe(true);
  expect(p.problems, `${label}: groups`).toEqual({});
  // a settlement batch is paid with its marks or not at all
  const runs = await h.ctx.db.execute<{
    id: number;
    done: number;
    paid: number;
    status: string;
  }>(sql`
    select r.id, r.done, r.status, (select count(*) from settlement_items i where i.run_id = r.id and i.is_paid)::int as paid
    from settlement_runs r`);
  for (const r of runs.rows) expect(Number(r.done), `${label}: run ${r.id}`).toBe(Number(r.paid));
  // every held withdrawal is in the pending account, nothing else is
  const held = await h.ctx.db.execute<{ held: string; pending: string }>(sql`
    select (select coalesce(sum(amount), 0) from withdrawals where status in ('requested', 'approved', 'paying'))::text as held,
      (select coalesce(sum(p.amount), 0) from postings p join accounts a on a.id = p.account_id
        where a.purpose = 'withdrawals_pending' and a.asset = 'CASH')::text as pending`);
  expect(Number(held.rows[0]!.pending), `${label}: withdrawals pending`).toBe(
    Number(held.rows[0]!.held),
  );
  // a paid recharge order has its one credit; an unpaid one none
  const rc = await h.ctx.db.execute<{ n: number }>(sql`
    select count(*)::int as n from payment_orders o
    where (o.status = 'paid') <> exists (select 1 from journal_entries e where e.idempotency_key = 'recharge:' || o.out_trade_no)`);
  expect(rc.rows[0]!.n, `${label}: recharge orders vs credits`).toBe(0);
}

/** The killed server's requests again, same keys and bodies: each answers as if it had succeeded once. */
async function retry(
  baseUrl: string,
  batch: { joins: JoinRequest[]; recharges: RechargeRequest[]; withdrawals: WithdrawalRequest[] },
) {
  const joinOne = async (j: JoinRequest) => {
    const r = await call(baseUrl, 'POST', `/api/v1/activities/${j.activityId}/join`, {
      auth: `Bearer ${j.token}`,
      key: j.key,
      body: { optionId: 1 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    if (j.reply) expect({ groupId: r.body.groupId, seatNo: r.body.seatNo }).toEqual(j.reply);
    j.reply = { groupId: r.body.groupId, seatNo: r.body.seatNo };
  };
  await inParallel(batch.joins, 6, joinOne);
  await inParallel(batch.recharges, 6, async (o) => {
    const r = await call(baseUrl, 'POST', '/api/v1/payments/notify/sandbox', { raw: o.n });
    expect(r.status).toBe(200);
  });
  await inParallel(batch.withdrawals, 3, async (w) => {
    const r = await call(baseUrl, 'POST', '/api/v1/me/withdrawals', {
      auth: `Bearer ${w.token}`,
      key: w.key,
      body: { amountFen: w.amountFen, accountRef: 'openid-proof' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    if (w.withdrawalNo) expect(r.body.withdrawalNo).toBe(w.withdrawalNo);
    w.withdrawalNo = r.body.withdrawalNo;
    await finishWithdrawal(baseUrl, w);
  });
}

/** Approve (again: that resends the payout) and let the provider report the payout, as often as asked. */
async function finishWithdrawal(baseUrl: string, w: WithdrawalRequest) {
  const row = await h.ctx.db.execute<{ status: string; payout_amount: number }>(
    sql`select status, payout_amount from withdrawals where withdrawal_no = ${w.withdrawalNo!}`,
  );
  const { status, payout_amount } = row.rows[0]!;
  w.payoutFen = Number(payout_amount);
  if (status === 'requested' || status === 'approved') {
    const a = await call(baseUrl, 'POST', `/api/v1/admin/withdrawals/${w.withdrawalNo}/approve`, {
      auth: operatorAuth,
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
  }
  const n = sandbox.simulatePayoutNotification(w.withdrawalNo!, true, { amountFen: w.payoutFen });
  const r = await call(baseUrl, 'POST', '/api/v1/payments/notify/sandbox', { raw: n });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function inParallel<T>(items: T[], width: number, f: (x: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await f(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  h = await createHarness({}, { realClock: true });
  const p = h.ctx.providers.get('sandbox')!;
  if (!isSandboxProvider(p)) throw new Error('no sandbox');
  sandbox = p;
  operatorAuth = (await newOperator(h.ctx, 'finance')).auth.authorization;
  // tiers V1–V3 for the examples' team rewards
  await h.ctx.db.execute(sql`insert into tiers (id, code, name, rank, rate_bp) values
    (1, 'V1', '合伙人', 1, 100), (2, 'V2', '联创', 2, 200), (3, 'V3', '董事', 3, 300)`);
  const examples = exampleActivities();
  joinActivities = [
    await createActivity(examples[0]!.settings, 'crash joins #1'),
    await createActivity(examples[1]!.settings, 'crash joins #2'),
  ];
  // examples #1 and #2 only: #3 and #4's daily limit of 5 would refuse long runs' joins
  for (let d = 0; d < DRAW_ACTIVITIES; d++)
    drawActivities.push(await createActivity(examples[d % 2]!.settings, `crash draws ${d}`));
  // two levels of uplines, so referral and team rewards flow from every draw
  const [indirect] = await newMembersWithCash(h.ctx, 1, 0);
  const [direct] = await newMembersWithCash(h.ctx, 1, 0, { uplineId: indirect });
  await h.ctx.db.execute(
    sql`update members set tier_id = case id when ${direct!} then 1 else 2 end, promoter_valid_until = '2099-01-01' where id in (${direct!}, ${indirect!})`,
  );
  const ids = [
    ...(await newMembersWithCash(h.ctx, MEMBERS / 2, 50_000_000, { uplineId: direct })),
    ...(await newMembersWithCash(h.ctx, MEMBERS / 2, 50_000_000)),
  ];
  members = [];
  for (const id of ids) {
    const t = await h.ctx.db.transaction((tx) => issueToken(h.ctx, tx, 'member', id));
    members.push({ id, token: t.token });
  }
  await seedCalendar();
});
afterAll(async () => {
  // a failed expectation must not leave a server running
  for (const s of startedServers)
    if (s.child.exitCode === null && s.child.signalCode === null) await s.kill9();
  await h.close();
});

describe('kill -9 during joins, draws, recharges, withdrawals and calendar settlements', () => {
  it(
    `${TRIALS} kills: consistent after each, one effect per key, items paid once`,
    {
      timeout: 60_000 + TRIALS * 15_000,
    },
    async () => {
      let previous = {
        joins: [] as JoinRequest[],
        recharges: [] as RechargeRequest[],
        withdrawals: [] as WithdrawalRequest[],
      };
      const started = Date.now();
      for (let trial = 0; trial < TRIALS; trial++) {
        const server = await start();
        await retry(server.baseUrl, previous);
        await proveCrashState(`trial ${trial} after restart`);

        // prepare: draw activities one seat short, recharge orders waiting for their notification
        for (const activityId of drawActivities) {
          const open = await h.ctx.db.execute<{ n: number }>(
            sql`select coalesce(max(seat_count), 0)::int n from groups where activity_id = ${activityId} and status = 'open'`,
          );
          for (let s = open.rows[0]!.n; s < 9; s++) {
            const m = nextMember();
            await joinGroup(
              h.ctx,
              m.id,
              { activityId, optionId: 1, clientSeed: '' },
              `prefill-${trial}-${activityId}-${s}`,
            );
            all.prefills++;
          }
        }
        const batch = {
          joins: [] as JoinRequest[],
          recharges: [] as RechargeRequest[],
          withdrawals: [] as WithdrawalRequest[],
        };
        for (let i = 0; i < RECHARGES_PER_TRIAL; i++) {
          const m = members[(trial * 7 + i) % members.length]!;
          const r = await createRecharge(
            h.ctx,
            m.id,
            { amountFen: 100 + i * 100, provider: 'sandbox' },
            `crash-rc-${trial}-${i}`,
          );
          batch.recharges.push({
            outTradeNo: r.body.outTradeNo,
            n: sandbox.simulatePayment(r.body.outTradeNo),
          });
        }

        // Each stream spans the kill window; a kill "lands" in a kind when it finds a request of
        // that kind in flight, or the stream begun and not finished.
        const state = Object.fromEntries(
          KINDS.map((k) => [k, { inFlight: 0, started: false, finished: false }]),
        ) as Record<Kind, { inFlight: number; started: boolean; finished: boolean }>;
        const track = async <T>(kind: Kind, p: () => Promise<T>) => {
          state[kind].inFlight++;
          state[kind].started = true;
          try {
            return await p();
          } finally {
            state[kind].inFlight--;
          }
        };
        const stream = (kind: Kind, p: Promise<unknown>) =>
          p.then(() => {
            state[kind].finished = true;
          });
        let isKilled = false;
        const join = (j: JoinRequest, kind: Kind) =>
          track(kind, () =>
            call(server.baseUrl, 'POST', `/api/v1/activities/${j.activityId}/join`, {
              auth: `Bearer ${j.token}`,
              key: j.key,
              body: { optionId: 1 },
            }),
          );
        const streams: Promise<unknown>[] = [];
        // joins: two clients over two activities (every tenth one draws a group)
        const joins = Array.from({ length: JOINS_PER_TRIAL }, (_, i) => {
          const m = nextMember();
          return {
            key: `crash-join-${trial}-${i}`,
            memberId: m.id,
            token: m.token,
            activityId: joinActivities[i % 2]!,
          };
        });
        batch.joins.push(...joins);
        const joinGap = (2 * KILL_WINDOW_MS) / JOINS_PER_TRIAL;
        streams.push(
          stream(
            'joins',
            inParallel(joins, 2, async (j) => {
              if (isKilled) return;
              await join(j, 'joins');
              await sleep(Math.random() * joinGap);
            }),
          ),
        );
        // the kill moment, drawn now: the draws are aimed at it, so that some are cut mid-draw
        const killAt = 200 + Math.random() * (KILL_WINDOW_MS - 200);
        // draws: the tenth seat of each prepared group, in the 150 ms before the kill
        for (const activityId of drawActivities) {
          const m = nextMember();
          const j = {
            key: `crash-draw-${trial}-${activityId}`,
            memberId: m.id,
            token: m.token,
            activityId,
          };
          batch.joins.push(j);
          streams.push(
            sleep(killAt - Math.random() * 150).then(() => (isKilled ? null : join(j, 'draws'))),
          );
        }
        // recharge notifications, one after another across the window
        streams.push(
          stream(
            'recharges',
            inParallel(batch.recharges, 1, async (o) => {
              if (isKilled) return;
              await track('recharges', () =>
                call(server.baseUrl, 'POST', '/api/v1/payments/notify/sandbox', { raw: o.n }),
              );
              await sleep(KILL_WINDOW_MS / RECHARGES_PER_TRIAL);
            }),
          ),
        );
        // withdrawals: request, approve (payout after commit), the provider's payout notification
        const withdrawals = Array.from({ length: WITHDRAWALS_PER_TRIAL }, (_, i) => {
          const m = members[(trial * 11 + i * 5) % members.length]!;
          return { key: `crash-wd-${trial}-${i}`, token: m.token, amountFen: 20_000 + i * 1_000 };
        });
        batch.withdrawals.push(...withdrawals);
        streams.push(
          stream(
            'withdrawals',
            inParallel(withdrawals, 1, async (w: WithdrawalRequest) => {
              if (isKilled) return;
              await track('withdrawals', async () => {
                const r = await call(server.baseUrl, 'POST', '/api/v1/me/withdrawals', {
                  auth: `Bearer ${w.token}`,
                  key: w.key,
                  body: { amountFen: w.amountFen, accountRef: 'openid-proof' },
                });
                if (r.status !== 201) return;
                w.withdrawalNo = r.body.withdrawalNo;
                const a = await call(
                  server.baseUrl,
                  'POST',
                  `/api/v1/admin/withdrawals/${w.withdrawalNo}/approve`,
                  { auth: operatorAuth },
                );
                if (a.status !== 200) return;
                const n = sandbox.simulatePayoutNotification(w.withdrawalNo!, true, {
                  amountFen: a.body.payoutFen,
                });
                await call(server.baseUrl, 'POST', '/api/v1/payments/notify/sandbox', { raw: n });
              });
              await sleep(KILL_WINDOW_MS / WITHDRAWALS_PER_TRIAL);
            }),
          ),
        );

        const before = await calendarProgress();
        await sleep(killAt);
        for (const k of ['joins', 'draws', 'recharges', 'withdrawals'] as const) {
          const st = state[k];
          if (st.inFlight > 0 || (k !== 'draws' && st.started && !st.finished)) landed[k]++;
        }
        if (process.env.CRASH_VERBOSE)
          console.info(
            `trial ${trial}: in flight at kill`,
            KINDS.map(
              (k) => `${k} ${state[k].inFlight}${state[k].finished ? ' (finished)' : ''}`,
            ).join(', '),
          );
        isKilled = true;
        await server.kill9();
        await Promise.all(streams);
        const after = await calendarProgress();
        if (
          (after.done > before.done || after.completed > before.completed) &&
          (after.completed < after.runs || after.completed < CALENDAR_DAYS)
        )
          landed.calendar++;
        if (process.env.CRASH_VERBOSE) console.info(`trial ${trial}: calendar`, before, after);
        await proveCrashState(`trial ${trial} after kill`);
        all.joins.push(...batch.joins);
        all.recharges.push(...batch.recharges);
        all.withdrawals.push(...batch.withdrawals);
        previous = batch;
      }

      // the last restart: everything once more, then the calendar to its end in process
      const server = await start();
      await retry(server.baseUrl, previous);
      // the restarted server resumes the calendar by itself (its start-up catch-up)
      const deadline = Date.now() + 30_000;
      while ((await calendarProgress()).completed < CALENDAR_DAYS && Date.now() < deadline)
        await sleep(200);
      expect((await calendarProgress()).completed, 'daily runs finished by the server').toBe(
        CALENDAR_DAYS,
      );
      await server.stop();
      await catchUpSettlements(h.ctx); // changes nothing: proven below
      // every start queued its own catch-up (a start-up job deduplicated per minute did not
      // resume a run cut by a crash when the server came back within that minute)
      const jobs = await h.ctx.db.execute<{ n: number }>(
        sql`select count(*)::int n from pgboss.job where name = 'settlements-daily'`,
      );
      expect(jobs.rows[0]!.n, 'catch-up jobs queued').toBeGreaterThanOrEqual(serverStarts);
      await proveCrashState('end');
      console.info(
        `proof-crash: ${TRIALS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s; mid-operation per kind: ${KINDS.map((k) => `${k} ${landed[k]}`).join(', ')}`,
      );

      // joins and draws: one seat per key, the seat the reply named
      const replies = all.joins.map((j) => `${j.reply!.groupId}:${j.reply!.seatNo}`);
      expect(new Set(replies).size).toBe(all.joins.length);
      const seats = await h.ctx.db.execute<{ n: number }>(
        sql`select count(*)::int n from seats where member_id is not null`,
      );
      expect(seats.rows[0]!.n).toBe(all.joins.length + all.prefills);
      const keys = await h.ctx.db.execute<{ n: number }>(
        sql`select count(*)::int n from idempotency_keys where scope like 'member:%:join'`,
      );
      expect(keys.rows[0]!.n).toBe(all.joins.length + all.prefills);
      const wrongSeat = await h.ctx.db.execute<{ n: number }>(sql`
      select count(*)::int n from jsonb_to_recordset(${JSON.stringify(all.joins.map((j) => ({ g: j.reply!.groupId, s: j.reply!.seatNo, m: j.memberId })))}::jsonb)
        as x(g bigint, s int, m bigint)
      where not exists (select 1 from seats where group_id = x.g and seat_no = x.s and member_id = x.m)`);
      expect(wrongSeat.rows[0]!.n).toBe(0);

      // recharges: every order credited once
      const credited = await h.ctx.db.execute<{ n: number; paid: number }>(sql`
      select (select count(*) from journal_entries where kind = 'recharge')::int n,
        (select count(*) from payment_orders where status = 'paid')::int paid`);
      expect(credited.rows[0]).toEqual({ n: all.recharges.length, paid: all.recharges.length });

      // withdrawals: one per key, each paid out once with its fee
      const wd = await h.ctx.db.execute<{
        n: number;
        paid: number;
        entries: number;
        payout: string;
        fee: string;
      }>(sql`
      select count(*)::int n, count(*) filter (where status = 'paid')::int paid,
        (select count(*) from journal_entries where idempotency_key like 'withdrawal:%')::int entries,
        sum(payout_amount)::text payout, sum(fee)::text fee from withdrawals`);
      const w = wd.rows[0]!;
      expect(w.n).toBe(all.withdrawals.length);
      expect(w.paid).toBe(all.withdrawals.length);
      const platform = await ledgerRepo.platformBalances(h.ctx.db);
      const bal = (purpose: string) =>
        platform.find((r) => r.purpose === purpose && r.asset === 'CASH')?.balance ?? 0;
      expect(bal('withdrawals_pending')).toBe(0);
      expect(Math.abs(bal('payout_clearing'))).toBe(Number(w.payout));

      // calendar: every run completed, each member's share paid exactly once, each day's pool exactly
      const runs = await h.ctx.db.execute<{ n: number; completed: number }>(sql`
      select count(*) filter (where kind = 'daily')::int n, count(*) filter (where kind = 'daily' and status = 'completed')::int completed from settlement_runs`);
      expect(runs.rows[0]!.n).toBeGreaterThanOrEqual(CALENDAR_DAYS);
      expect(runs.rows[0]!.completed).toBe(runs.rows[0]!.n);
      const wrongPay = await h.ctx.db.execute<{ n: number }>(sql`
      with paid as (
        select (e.ref->>'runId')::int as run_id, a.member_id, sum(p.amount) as amount
        from journal_entries e join postings p on p.entry_id = e.id join accounts a on a.id = p.account_id
        where e.kind = 'daily_dividend' and a.member_id is not null group by 1, 2)
      select count(*)::int n from settlement_items i full join paid on paid.run_id = i.run_id and paid.member_id = i.member_id
      where coalesce(i.dividend, 0) <> coalesce(paid.amount, 0) or not coalesce(i.is_paid, false)`);
      expect(wrongPay.rows[0]!.n).toBe(0);
      const pools = await h.ctx.db.execute<{ n: number }>(sql`
      select count(*)::int n from daily_pool_days d join settlement_runs r on r.kind = 'daily' and r.period = d.day::text
      where d.amount <> (select coalesce(sum(dividend), 0) from settlement_items i where i.run_id = r.id)`);
      expect(pools.rows[0]!.n).toBe(0);

      // the kills landed in the middle of things (otherwise this would prove nothing)
      if (TRIALS >= 8) {
        for (const k of KINDS) expect(landed[k], k).toBeGreaterThan(0);
        // each kill is a trial for every kind it found at work: at least 20 in all
        const hits = KINDS.reduce((t, k) => t + landed[k], 0);
        expect(hits, 'kills that landed mid-operation, over all kinds').toBeGreaterThanOrEqual(20);
      }
    },
  );
});
