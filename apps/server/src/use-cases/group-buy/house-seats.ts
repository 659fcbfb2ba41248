/**
 * House seats (机器人补位 / 手动开团), operator actions, each audited. House
 * seats are labelled 平台补位 wherever seats are shown, never win and earn
 * nothing; a group needs at least M real members to be drawn.
 */
import { AppError } from '@pingou/contract';
import { HOUSE_MEMBER_REF, platformDay } from '@pingou/engine';
import { groupBuyRepo, inTransaction, realtimeRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { openVersion } from './join-group';
import { drawAndSettle, newSeed } from './settle-group';
import { settingsOfVersion } from './version-settings';

function houseSeats(groupId: number, from: number, to: number, optionId: number, day: string) {
  const rows = [];
  for (let seatNo = from; seatNo <= to; seatNo++) {
    rows.push({
      groupId,
      seatNo,
      memberId: null,
      optionId,
      memberRef: HOUSE_MEMBER_REF,
      clientSeed: '',
      isFirstOfDay: false,
      isFirstEver: false,
      joinDay: day,
    });
  }
  return rows;
}

/** Fills an open group's empty seats with house seats and draws it. */
export async function fillWithHouseSeats(
  ctx: AppContext,
  actor: Actor | null,
  groupId: number,
  reason: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    const peek = await groupBuyRepo.findGroup(tx, groupId);
    if (!peek) throw new AppError('GROUP_NOT_FOUND');
    await groupBuyRepo.lockActivityQueue(tx, peek.activityId);
    const group = (await groupBuyRepo.findGroup(tx, groupId, { forUpdate: true }))!;
    if (group.status !== 'open') throw new AppError('GROUP_NOT_OPEN');
    const settings = await settingsOfVersion(ctx, tx, group.versionId);
    const seatRows = await groupBuyRepo.groupSeats(tx, groupId);
    const real = seatRows.filter((s) => s.memberId !== null).length;
    if (real < settings.winners) throw new AppError('NOT_ENOUGH_REAL_MEMBERS');
    const day = platformDay(ctx.clock.now(), ctx.config.timeZone);
    await groupBuyRepo.insertSeats(
      tx,
      houseSeats(groupId, group.seatCount + 1, group.groupSize, settings.options[0]!.id, day),
    );
    await groupBuyRepo.updateGroup(tx, groupId, { seatCount: group.groupSize, status: 'full' });
    // no notice here: the draw below sends one ('drawn' or 'failed') in this same transaction
    const result = await drawAndSettle(
      ctx,
      tx,
      { ...group, seatCount: group.groupSize, status: 'full' },
      settings,
    );
    if (actor) {
      await audit(
        tx,
        actor,
        'group.house_fill',
        { kind: 'group', id: groupId },
        { seatCount: group.seatCount },
        {
          seatCount: group.groupSize,
          houseSeats: group.groupSize - group.seatCount,
          outcome: result.outcome.kind,
          reason,
        },
      );
    }
    return result;
  });
}

/** Opens a new group of the activity with its first `count` seats taken by house seats. */
export async function openWithHouseSeats(
  ctx: AppContext,
  actor: Actor,
  activityId: number,
  count: number,
  reason: string,
) {
  return inTransaction(ctx.db, async (tx) => {
    await groupBuyRepo.lockActivityQueue(tx, activityId);
    const { version, settings } = await openVersion(ctx, tx, activityId);
    if (settings.groupSize - count < settings.winners)
      throw new AppError('NOT_ENOUGH_REAL_MEMBERS');
    const group = await groupBuyRepo.insertGroup(tx, {
      activityId,
      versionId: version.id,
      groupSize: settings.groupSize,
      ...newSeed(),
      openedAt: ctx.clock.now(),
    });
    const day = platformDay(ctx.clock.now(), ctx.config.timeZone);
    await groupBuyRepo.insertSeats(
      tx,
      houseSeats(group.id, 1, count, settings.options[0]!.id, day),
    );
    await groupBuyRepo.updateGroup(tx, group.id, { seatCount: count });
    await realtimeRepo.notifyGroup(tx, group.id, 'house');
    await audit(tx, actor, 'group.manual_open', { kind: 'group', id: group.id }, null, {
      activityId,
      houseSeats: count,
      reason,
    });
    return { ...group, seatCount: count };
  });
}
