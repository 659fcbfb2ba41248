/**
 * Background work on PostgreSQL (pg-boss), never on in-process timers: with
 * two servers, each scheduled occurrence runs once, on whichever claims it.
 * The handlers themselves are idempotent, so a retry or a double run is harmless.
 */
import { PgBoss } from 'pg-boss';
import type { AppContext } from '../context';
import { expireDueGroups } from '../use-cases/group-buy/expire-groups';

export const QUEUES = {
  expireGroups: 'groups-expire-due',
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
  return boss;
}
