/**
 * A member joins an activity (SPEC §4): one option, an optional client seed,
 * an idempotency key. P moves from cash to escrow and the member takes the
 * next seat of the oldest open group in which they hold none (公排 across
 * options); the N-th seat draws and settles the group in the same transaction.
 *
 * Joins of one activity are serialized by an advisory lock, so a group never
 * takes N+1 members, no seat is skipped or repeated, and groups open one at a
 * time. A retried request with the same key has one effect.
 */
import { AppError } from '@pingou/contract';
import {
  addDays,
  memberAccount,
  platformAccount,
  platformDay,
  transfer,
  type ActivitySettings,
} from '@pingou/engine';
import {
  groupBuyRepo,
  ledgerRepo,
  membersRepo,
  realtimeRepo,
  stockRepo,
  type Tx,
} from '@pingou/db';
import type { AppContext } from '../../context';
import { idempotent } from '../idempotent';
import { loadMemberRefPepper, memberRef } from './member-ref';
import { drawAndSettle, newSeed } from './settle-group';
import { settingsOfVersion } from './version-settings';

export interface JoinInput {
  activityId: number;
  optionId: number;
  clientSeed: string;
}

export interface JoinReply {
  groupId: number;
  seatNo: number;
  groupStatus: groupBuyRepo.GroupStatus;
  commitment: string;
  seatsTaken: number;
  groupSize: number;
  /** Present when this join filled the group: the result, at once. */
  result: { isWinner: boolean; winners: number[] } | null;
}

function checkOpen(ctx: AppContext, a: groupBuyRepo.ActivityRow | undefined) {
  if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
  const now = ctx.clock.now();
  if (a.status !== 'published' || a.currentVersionId === null)
    throw new AppError('ACTIVITY_NOT_OPEN');
  if ((a.startsAt && now < a.startsAt) || (a.endsAt && now >= a.endsAt))
    throw new AppError('ACTIVITY_NOT_OPEN');
  return { ...a, currentVersionId: a.currentVersionId };
}

/** The activity's current version, if members may join it now. */
export async function openVersion(ctx: AppContext, tx: Tx, activityId: number) {
  const a = await groupBuyRepo.findActivity(tx, activityId);
  checkOpen(ctx, a);
  const v = (await groupBuyRepo.findVersion(tx, a!.currentVersionId!))!;
  return { activity: a!, version: v, settings: v.settings as ActivitySettings };
}

export async function joinGroup(
  ctx: AppContext,
  memberId: number,
  input: JoinInput,
  idempotencyKey: string,
) {
  return idempotent<JoinReply>(
    ctx,
    `member:${memberId}:join`,
    idempotencyKey,
    input,
    201,
    async (tx) => {
      await groupBuyRepo.lockActivityQueue(tx, input.activityId);
      // The activity row and the member row lock in one round trip (the member is locked after
      // the activity lock, as before); on a missing row, read them one by one for the right error.
      const both = await groupBuyRepo.activityWithLockedMember(tx, input.activityId, memberId);
      const activity = checkOpen(
        ctx,
        both?.activity ?? (await groupBuyRepo.findActivity(tx, input.activityId)),
      );
      const member =
        both?.member ?? (await membersRepo.findMemberById(tx, memberId, { forUpdate: true }));
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      const versionId = activity.currentVersionId;
      const settings = await settingsOfVersion(ctx, tx, versionId);
      if (member.isFrozen) throw new AppError('MEMBER_FROZEN');
      if (activity.isLargeZone && !member.isLargePrepaid)
        throw new AppError('LARGE_ZONE_NOT_ALLOWED');
      // The seat may be in an older open group: its version decides the options and the price.
      const open = await groupBuyRepo.oldestOpenGroupFor(tx, activity.id, memberId);
      const groupSettings =
        !open || open.versionId === versionId
          ? settings
          : await settingsOfVersion(ctx, tx, open.versionId);
      if (!groupSettings.options.some((o) => o.id === input.optionId))
        throw new AppError('OPTION_NOT_FOUND');
      const today = platformDay(ctx.clock.now(), ctx.config.timeZone);
      // The day's counts and the cash balance in one statement, read after the member lock.
      const day = await groupBuyRepo.recordJoinDayWithCash(tx, memberId, activity.id, today);
      if (settings.dailyJoinLimit !== null && day.activityBefore >= settings.dailyJoinLimit)
        throw new AppError('DAILY_LIMIT_REACHED');

      if (day.cash < groupSettings.priceFen) throw new AppError('INSUFFICIENT_CASH');
      const group =
        open ??
        (await groupBuyRepo.insertGroup(tx, {
          activityId: activity.id,
          versionId,
          groupSize: settings.groupSize,
          ...newSeed(),
          openedAt: ctx.clock.now(),
        }));
      const seatNo = group.seatCount + 1;
      const isFirstEver = member.firstJoinedAt === null;
      const isFull = seatNo === group.groupSize;
      // Stock (库存): any seat might win, so each seat reserves one unit and every winner is
      // guaranteed goods. A guarded UPDATE under the activity lock; sold out refuses the join and
      // the rollback undoes everything above. No stock row = unlimited.
      const unit = await stockRepo.reserveUnit(tx, {
        activityId: activity.id,
        optionId: input.optionId,
        groupId: group.id,
        seatNo,
      });
      if (unit === 'sold_out') throw new AppError('OPTION_SOLD_OUT');
      // The seat and the group's seat count (and 'full') in one statement.
      await groupBuyRepo.takeSeat(
        tx,
        {
          groupId: group.id,
          seatNo,
          memberId,
          optionId: input.optionId,
          memberRef: memberRef(await loadMemberRefPepper(tx), group.id, memberId),
          clientSeed: input.clientSeed,
          isFirstOfDay: day.dayBefore === 0,
          isFirstEver,
          joinDay: today,
        },
        isFull ? 'full' : 'open',
      );
      // delivered on commit only: live group pages on every server refresh (routes/group-events.ts)
      await realtimeRepo.notifyGroup(tx, group.id, 'seat');
      await ledgerRepo.postEntries(tx, [
        {
          idempotencyKey: `g:${group.id}:${seatNo}:join`,
          kind: 'join',
          ref: { groupId: group.id, seatNo },
          postings: transfer(
            memberAccount(memberId, 'CASH'),
            platformAccount('escrow', 'CASH'),
            groupSettings.priceFen,
          ),
        },
      ]);
      // promoter validity (推广员有效期): the first participation gives one day, every day of participation one more
      if (day.dayBefore === 0) {
        const base =
          member.promoterValidUntil && member.promoterValidUntil >= addDays(today, -1)
            ? member.promoterValidUntil
            : addDays(today, -1);
        await membersRepo.updateMember(tx, memberId, {
          promoterValidUntil: addDays(base, isFirstEver ? 2 : 1),
          ...(isFirstEver ? { firstJoinedAt: ctx.clock.now() } : {}),
        });
      }
      let result: JoinReply['result'] = null;
      let status: groupBuyRepo.GroupStatus = isFull ? 'full' : 'open';
      if (isFull) {
        const s = await drawAndSettle(
          ctx,
          tx,
          { ...group, seatCount: seatNo, status: 'full' },
          groupSettings,
        );
        status = s.outcome.kind === 'drawn' ? 'drawn' : 'failed';
        const winners = s.outcome.kind === 'drawn' ? s.outcome.winners : [];
        result = { isWinner: winners.includes(seatNo), winners };
      }
      return {
        groupId: group.id,
        seatNo,
        groupStatus: status,
        commitment: group.commitment,
        seatsTaken: seatNo,
        groupSize: group.groupSize,
        result,
      };
    },
  );
}
