/**
 * Operators create and edit an activity's draft, publish it as a new version
 * (groups opened later use it; open groups keep theirs), pause, resume and end it.
 */
import { AppError } from '@pingou/contract';
import { validateActivitySettings, type ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, inTransaction } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';

export interface ActivityInput {
  name: string;
  description: string;
  isLargeZone: boolean;
  startsAt: string | null;
  endsAt: string | null;
  settings: ActivitySettings;
}

function assertValid(input: ActivityInput) {
  const problems = validateActivitySettings(input.settings);
  if (input.startsAt && input.endsAt && Date.parse(input.endsAt) <= Date.parse(input.startsAt)) {
    problems.push({
      path: 'endsAt',
      code: 'OUT_OF_RANGE',
      message: 'the end must be after the start',
    });
  }
  if (problems.length) {
    throw new AppError('ACTIVITY_INVALID', {
      fields: problems.map((p) => ({
        path: `settings.${p.path}`.replace('settings.endsAt', 'endsAt'),
        message: p.message,
      })),
    });
  }
}

const row = (input: ActivityInput) => ({
  name: input.name,
  description: input.description,
  isLargeZone: input.isLargeZone,
  startsAt: input.startsAt ? new Date(input.startsAt) : null,
  endsAt: input.endsAt ? new Date(input.endsAt) : null,
  draft: input.settings,
});

export async function createActivity(ctx: AppContext, actor: Actor, input: ActivityInput) {
  assertValid(input);
  return inTransaction(ctx.db, async (tx) => {
    const a = await groupBuyRepo.insertActivity(tx, row(input));
    await audit(tx, actor, 'activity.create', { kind: 'activity', id: a.id }, null, input);
    return a;
  });
}

export async function updateActivity(
  ctx: AppContext,
  actor: Actor,
  id: number,
  input: ActivityInput,
) {
  assertValid(input);
  return inTransaction(ctx.db, async (tx) => {
    const before = await groupBuyRepo.findActivity(tx, id, { forUpdate: true });
    if (!before) throw new AppError('ACTIVITY_NOT_FOUND');
    if (before.status === 'ended') throw new AppError('ACTIVITY_STATE');
    const after = await groupBuyRepo.updateActivity(tx, id, row(input));
    await audit(tx, actor, 'activity.update', { kind: 'activity', id }, before, after);
    return after;
  });
}

/** Publishes the draft as a new version and opens the activity for joining. */
export async function publishActivity(ctx: AppContext, actor: Actor | null, id: number) {
  return inTransaction(ctx.db, async (tx) => {
    const a = await groupBuyRepo.findActivity(tx, id, { forUpdate: true });
    if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
    if (a.status === 'ended') throw new AppError('ACTIVITY_STATE');
    const settings = a.draft as ActivitySettings;
    const problems = validateActivitySettings(settings);
    if (problems.length)
      throw new AppError('ACTIVITY_INVALID', {
        fields: problems.map((p) => ({ path: `settings.${p.path}`, message: p.message })),
      });
    const v = await groupBuyRepo.insertVersion(tx, {
      activityId: id,
      settings,
      publishedBy: actor?.operatorId ?? null,
    });
    const after = await groupBuyRepo.updateActivity(tx, id, {
      status: 'published',
      currentVersionId: v.id,
    });
    if (actor)
      await audit(
        tx,
        actor,
        'activity.publish',
        { kind: 'activity', id },
        { status: a.status, versionId: a.currentVersionId },
        { status: after.status, versionId: v.id, version: v.version },
      );
    return { activity: after, version: v };
  });
}

const TRANSITIONS: Record<
  'pause' | 'resume' | 'end',
  { from: groupBuyRepo.ActivityStatus[]; to: groupBuyRepo.ActivityStatus }
> = {
  pause: { from: ['published'], to: 'paused' },
  resume: { from: ['paused'], to: 'published' },
  end: { from: ['draft', 'published', 'paused'], to: 'ended' },
};

export async function setActivityStatus(
  ctx: AppContext,
  actor: Actor,
  id: number,
  action: keyof typeof TRANSITIONS,
) {
  return inTransaction(ctx.db, async (tx) => {
    const a = await groupBuyRepo.findActivity(tx, id, { forUpdate: true });
    if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
    const t = TRANSITIONS[action];
    if (!t.from.includes(a.status)) throw new AppError('ACTIVITY_STATE');
    const after = await groupBuyRepo.updateActivity(tx, id, { status: t.to });
    await audit(
      tx,
      actor,
      `activity.${action}`,
      { kind: 'activity', id },
      { status: a.status },
      { status: after.status },
    );
    return after;
  });
}
