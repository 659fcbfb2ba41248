/**
 * Group timeout (SPEC §3): a group still open T hours after it opened is
 * either refunded in full (everyone's P back to cash; the group expires) or
 * filled with house seats and drawn, as its settings version says. Safe to run
 * from several servers at once: each group is decided under the activity's
 * queue lock and only while it is still open.
 */
import { AppError } from '@pingou/contract';
import { memberAccount, platformAccount, transfer, type JournalEntry } from '@pingou/engine';
import { groupBuyRepo, inTransaction, ledgerRepo, realtimeRepo, stockRepo } from '@pingou/db';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { settingsOfVersion } from './version-settings';
import { fillWithHouseSeats } from './house-seats';

/** Open groups whose settings have a timeout that has passed. */
export async function dueGroups(ctx: AppContext): Promise<number[]> {
  const res = await ctx.db.execute<{ id: number }>(sql`
    select g.id from groups g join activity_versions v on v.id = g.version_id
    where g.status = 'open' and v.settings->'groupTimeout' is not null
      and jsonb_typeof(v.settings->'groupTimeout') = 'object'
      and g.opened_at + make_interval(hours => (v.settings->'groupTimeout'->>'hours')::int) <= ${ctx.clock.now()}
    order by g.id limit 1000`);
  return res.rows.map((r) => Number(r.id));
}

export async function refundExpiredGroup(ctx: AppContext, groupId: number): Promise<boolean> {
  return inTransaction(ctx.db, async (tx) => {
    const peek = await groupBuyRepo.findGroup(tx, groupId);
    if (!peek) return false;
    await groupBuyRepo.lockActivityQueue(tx, peek.activityId);
    const group = (await groupBuyRepo.findGroup(tx, groupId, { forUpdate: true }))!;
    if (group.status !== 'open') return false;
    const settings = await settingsOfVersion(ctx, tx, group.versionId);
    const seatRows = (await groupBuyRepo.groupSeats(tx, groupId)).filter(
      (s) => s.memberId !== null,
    );
    const entries: JournalEntry[] = seatRows.map((s) => ({
      idempotencyKey: `g:${groupId}:${s.seatNo}:expired`,
      kind: 'refund',
      memo: '拼团超时：全额退款 / group timed out: full refund',
      ref: { groupId, seatNo: s.seatNo },
      postings: transfer(
        platformAccount('escrow', 'CASH'),
        memberAccount(s.memberId!, 'CASH'),
        settings.priceFen,
      ),
    }));
    await ledgerRepo.postEntries(tx, entries);
    await groupBuyRepo.setSeatResults(
      tx,
      groupId,
      seatRows.map((s) => ({ seatNo: s.seatNo, result: 'refunded' as const })),
    );
    await stockRepo.closeReservations(tx, groupId, []); // refunded: every reserved unit released
    await groupBuyRepo.updateGroup(tx, groupId, {
      status: 'expired',
      failReason: 'timeout',
      closedAt: ctx.clock.now(),
    });
    await realtimeRepo.notifyGroup(tx, groupId, 'expired');
    return true;
  });
}

/** Decides every due group; returns what happened to each. */
export async function expireDueGroups(ctx: AppContext) {
  const done: { groupId: number; action: 'refunded' | 'house_filled' | 'skipped' }[] = [];
  for (const groupId of await dueGroups(ctx)) {
    const g = await groupBuyRepo.findGroup(ctx.db, groupId);
    const settings = await settingsOfVersion(ctx, ctx.db, g!.versionId);
    if (settings.groupTimeout?.action === 'house_fill') {
      try {
        await fillWithHouseSeats(ctx, null, groupId, 'group timeout');
        done.push({ groupId, action: 'house_filled' });
        continue;
      } catch (e) {
        // fewer than M real members: a house fill may not draw it, so everyone is refunded instead
        if (
          !(e instanceof AppError) ||
          (e.code !== 'NOT_ENOUGH_REAL_MEMBERS' && e.code !== 'GROUP_NOT_OPEN')
        )
          throw e;
        if (e.code === 'GROUP_NOT_OPEN') {
          done.push({ groupId, action: 'skipped' });
          continue;
        }
      }
    }
    done.push({
      groupId,
      action: (await refundExpiredGroup(ctx, groupId)) ? 'refunded' : 'skipped',
    });
  }
  return done;
}
