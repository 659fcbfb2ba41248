import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example1, type ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, ledgerRepo } from '@pingou/db';
import { QUEUES, startJobs } from '../../src/jobs/scheduler';
import { expireDueGroups } from '../../src/use-cases/group-buy/expire-groups';
import { joinGroup } from '../../src/use-cases/group-buy/join-group';
import { createActivity, publishActivity } from '../../src/use-cases/group-buy/manage-activity';
import { createHarness, type Harness } from '../support/harness';
import { newMembersWithCash, newOperator } from '../support/factories';

let h: Harness;
let actor: { operatorId: number; role: string; requestId: string };

beforeAll(async () => {
  h = await createHarness();
  const op = await newOperator(h.ctx, 'operator');
  actor = { operatorId: op.id, role: op.role, requestId: 'test' };
});
afterAll(() => h.close());

async function activityWith(groupTimeout: ActivitySettings['groupTimeout']) {
  const settings = {
    ...example1(),
    seatRewards: { ...example1().seatRewards, teamTiers: [] },
    groupTimeout,
  };
  const a = await createActivity(h.ctx, actor, {
    name: '超时测试',
    description: '',
    isLargeZone: false,
    startsAt: null,
    endsAt: null,
    settings,
  });
  await publishActivity(h.ctx, actor, a.id);
  return a.id;
}
let k = 0;
const join = (activityId: number, memberId: number) =>
  joinGroup(h.ctx, memberId, { activityId, optionId: 1, clientSeed: '' }, `expire-${++k}`);

describe('group timeout', () => {
  it('refunds everyone in full once the timeout has passed, not before', async () => {
    const id = await activityWith({ hours: 2, action: 'refund' });
    const ids = await newMembersWithCash(h.ctx, 2, 50_000);
    const r = await join(id, ids[0]!);
    await join(id, ids[1]!);
    h.clock.advance(60 * 60_000);
    expect(await expireDueGroups(h.ctx)).toEqual([]);
    h.clock.advance(61 * 60_000);
    expect(await expireDueGroups(h.ctx)).toEqual([{ groupId: r.body.groupId, action: 'refunded' }]);
    expect((await groupBuyRepo.findGroup(h.ctx.db, r.body.groupId))!.status).toBe('expired');
    for (const m of ids) expect(await ledgerRepo.memberBalance(h.ctx.db, m, 'CASH')).toBe(50_000);
    expect(await expireDueGroups(h.ctx)).toEqual([]); // a second run changes nothing
    const next = await join(id, ids[0]!);
    expect(next.body.groupId).not.toBe(r.body.groupId);
  });

  it('fills with house seats when there are enough real members, refunds when not', async () => {
    const id = await activityWith({ hours: 1, action: 'house_fill' });
    const three = await newMembersWithCash(h.ctx, 3, 50_000);
    const first = await join(id, three[0]!);
    await join(id, three[1]!);
    await join(id, three[2]!);
    h.clock.advance(2 * 60 * 60_000);
    const done = await expireDueGroups(h.ctx);
    expect(done).toContainEqual({ groupId: first.body.groupId, action: 'house_filled' });
    const g = (await groupBuyRepo.findGroup(h.ctx.db, first.body.groupId))!;
    expect(g.status).toBe('drawn');
    const lone = await newMembersWithCash(h.ctx, 1, 50_000);
    const single = await join(id, lone[0]!);
    h.clock.advance(2 * 60 * 60_000);
    expect(await expireDueGroups(h.ctx)).toContainEqual({
      groupId: single.body.groupId,
      action: 'refunded',
    });
    expect(await ledgerRepo.memberBalance(h.ctx.db, lone[0]!, 'CASH')).toBe(50_000);
    expect((await ledgerRepo.checkLedger(h.ctx.db)).ok).toBe(true);
  });

  it('runs as pg-boss background work', async () => {
    const id = await activityWith({ hours: 1, action: 'refund' });
    const [m] = await newMembersWithCash(h.ctx, 1, 50_000);
    const r = await join(id, m!);
    h.clock.advance(2 * 60 * 60_000);
    const boss = await startJobs(h.ctx, h.url);
    try {
      await boss.send(QUEUES.expireGroups, {});
      const deadline = Date.now() + 20_000;
      while (
        (await groupBuyRepo.findGroup(h.ctx.db, r.body.groupId))!.status === 'open' &&
        Date.now() < deadline
      ) {
        await new Promise((res) => setTimeout(res, 200));
      }
      expect((await groupBuyRepo.findGroup(h.ctx.db, r.body.groupId))!.status).toBe('expired');
    } finally {
      await boss.stop({ graceful: false, timeout: 1_000 });
    }
  });
});
