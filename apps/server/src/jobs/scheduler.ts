/**
 * Background work on PostgreSQL (pg-boss), never on in-process timers: with
 * two servers, each scheduled occurrence runs once, on whichever claims it.
 * The handlers themselves are idempotent, so a retry or a double run is harmless.
 */
import { PgBoss } from 'pg-boss';
import type { AppContext } from '../context';
import { sendDueConversions } from '../use-cases/bridge/send-due-conversions';
import { expireDueGroups } from '../use-cases/group-buy/expire-groups';
import { runScheduledLedgerCheck } from '../use-cases/ledger/scheduled-ledger-check';
import { catchUpSettlements } from '../use-cases/settlements/catch-up';

export const QUEUES = {
  expireGroups: 'groups-expire-due',
  dailySettlement: 'settlements-daily',
  ledgerCheck: 'ledger-check',
  bridgeOutbox: 'bridge-send-due',
} as const;

export async function startJobs(ctx: AppContext, connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, max: 4 });
  boss.on('error', (err: unknown) => ctx.log.error({ err }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(QUEUES.expireGroups);
  // every minute, in the platform time zone; a missed minute does not pile up (the next run catches all due groups)
  await boss.schedule(QUEUES.expireGroups, '* * * * *', null, { tz: ctx.config.timeZone });
  await boss.work(QUEUES.expireGroups, async () => {
    const done = await expireDueGroups(ctx);
    if (done.length) ctx.log.info({ done }, 'expired groups');
  });
  await boss.createQueue(QUEUES.dailySettlement);
  // 00:00 platform time; at start too, so days missed while no server ran are caught up in order
  await boss.schedule(QUEUES.dailySettlement, '0 0 * * *', null, { tz: ctx.config.timeZone });
  await boss.work(QUEUES.dailySettlement, async () => {
    const runs = await catchUpSettlements(ctx);
    if (runs.length)
      ctx.log.info(
        {
          runs: runs.map((r) => ({
            period: r.period,
            status: r.status,
            done: r.done,
            total: r.total,
          })),
        },
        'calendar settlements',
      );
  });
  // Every start catches up, with no singleton: a server restarted within a minute of a crash must
  // resume a run the dead one left half paid (its job stays 'active' until pg-boss expires it), and
  // two servers catching up at once share the batches (FOR UPDATE SKIP LOCKED) without paying twice.
  await boss.send(QUEUES.dailySettlement, {});
  await boss.createQueue(QUEUES.bridgeOutbox);
  // the chain bridge outbox: every minute, send due conversions (the same number again on a retry)
  await boss.schedule(QUEUES.bridgeOutbox, '* * * * *', null, { tz: ctx.config.timeZone });
  await boss.work(QUEUES.bridgeOutbox, async () => {
    const sent = await sendDueConversions(ctx);
    if (sent.length) ctx.log.info({ sent }, 'bridge outbox');
  });
  await boss.createQueue(QUEUES.ledgerCheck);
  // the trial balance every hour; a failure becomes an operator alert (GET /api/v1/admin/alerts)
  await boss.schedule(QUEUES.ledgerCheck, '17 * * * *', null, { tz: ctx.config.timeZone });
  await boss.work(QUEUES.ledgerCheck, async () => {
    await runScheduledLedgerCheck(ctx);
  });
  return boss;
}
