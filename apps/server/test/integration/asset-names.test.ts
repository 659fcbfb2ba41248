/**
 * The names members see for point kinds are operator settings (SPEC §2: 分红积分名字可自定义):
 * defaults until renamed; after a rename the wallet, its history, the public rules text and
 * the shop's config all use the new name; only operators may rename, bad names change nothing,
 * and the change is audited with before and after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixed, newSettings } from '@pingou/engine';
import type { Actor } from '../../src/context';
import { createActivity, publishActivity } from '../../src/use-cases/group-buy/manage-activity';
import { createHarness, createTestApp, type Harness } from '../support/harness';
import { creditAsset, newMember, newOperator } from '../support/factories';

let h: Harness;
let app: FastifyInstance;
type Op = Awaited<ReturnType<typeof newOperator>>;
let operator: Op;
let finance: Op;
let auditor: Op;
let member: Awaited<ReturnType<typeof newMember>>;
let activityId: number;

const URL = '/api/v1/admin/settings/asset-names';
const RENAMED = { DIVIDEND: { zh: '贡献值', en: 'Contribution' } };

beforeAll(async () => {
  h = await createHarness();
  ({ app } = await createTestApp(h));
  operator = await newOperator(h.ctx, 'operator');
  finance = await newOperator(h.ctx, 'finance');
  auditor = await newOperator(h.ctx, 'auditor');
  member = await newMember(h.ctx);
  await creditAsset(h.ctx, member.id, 'DIVIDEND', 12_300);
  const actor: Actor = { operatorId: operator.id, role: 'operator', requestId: 'asset-names' };
  const base = newSettings({ priceFen: 10_000 });
  const a = await createActivity(h.ctx, actor, {
    name: '名称测试',
    description: '',
    isLargeZone: false,
    startsAt: null,
    endsAt: null,
    settings: {
      ...base,
      winnerRewards: { ...base.winnerRewards, dividendPoints: fixed(500) },
    },
  });
  await publishActivity(h.ctx, actor, a.id);
  activityId = a.id;
});
afterAll(async () => {
  await app.close();
  await h.close();
});

const put = (who: { auth: Record<string, string> }, payload: unknown) =>
  app.inject({ method: 'PUT', url: URL, headers: who.auth, payload: payload as object });

/** Every place a member sees the dividend points' name. */
async function seenNames() {
  const wallet = (await app.inject({ url: '/api/v1/me/wallet', headers: member.auth })).json();
  const history = (
    await app.inject({ url: '/api/v1/me/wallet/history?asset=DIVIDEND', headers: member.auth })
  ).json();
  const activity = (await app.inject({ url: `/api/v1/activities/${activityId}` })).json();
  const list = (await app.inject({ url: '/api/v1/activities' })).json();
  const listed = list.items.find((x: { id: number }) => x.id === activityId);
  const config = (await app.inject({ url: '/api/v1/shop/config' })).json();
  return {
    wallet: wallet.balances.find((b: { asset: string }) => b.asset === 'DIVIDEND').label,
    history: history.items[0].label,
    rulesZh: activity.rules.zh.winner.join(' '),
    rulesEn: activity.rules.en.winner.join(' '),
    listedRulesZh: listed.rules.zh.winner.join(' '),
    config: config.assetNames.DIVIDEND,
    configCash: config.assetNames.CASH,
  };
}

describe('asset names (分红积分名字可自定义)', () => {
  it('shows the default names until an operator sets others', async () => {
    const res = await app.inject({ url: URL, headers: auditor.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    const seen = await seenNames();
    expect(seen.wallet).toEqual({ zh: '分红积分', en: 'Dividend points' });
    expect(seen.history).toEqual({ zh: '分红积分', en: 'Dividend points' });
    expect(seen.rulesZh).toContain('分红积分 5.00。');
    expect(seen.rulesEn).toContain('5.00 dividend points.');
    expect(seen.config).toEqual({ zh: '分红积分', en: 'Dividend points' });
    const config = (await app.inject({ url: '/api/v1/shop/config' })).json();
    expect(Object.keys(config.assetNames).sort()).toEqual(
      ['CASH', 'CONSUMPTION', 'DIGITAL', 'DIVIDEND', 'GOLD', 'POOL'].sort(),
    );
  });

  it('refuses auditors, finance and bad names, changing nothing', async () => {
    for (const who of [auditor, finance]) expect((await put(who, RENAMED)).statusCode).toBe(403);
    const bad: unknown[] = [
      { DIVIDEND: { zh: '', en: 'X' } },
      { DIVIDEND: { zh: '   ', en: 'X' } },
      { DIVIDEND: { zh: '一'.repeat(17), en: 'X' } },
      { DIVIDEND: { zh: '贡献值', en: 'x'.repeat(17) } },
      { DIVIDEND: { zh: '贡献值' } },
      { DIVIDEND: { zh: '贡献值', en: 'Contribution', extra: 1 } },
      { CASH: { zh: '钱', en: 'Money' } },
      { VOUCHER: { zh: '券', en: 'Coupon' } },
    ];
    for (const payload of bad) {
      const res = await put(operator, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    expect((await app.inject({ url: URL, headers: operator.auth })).json()).toEqual({});
    expect((await seenNames()).wallet).toEqual({ zh: '分红积分', en: 'Dividend points' });
    const audits = (
      await app.inject({
        url: '/api/v1/admin/audit?action=settings.asset_names',
        headers: auditor.auth,
      })
    ).json();
    expect(audits.items).toEqual([]);
  });

  it('an operator renames 分红积分 to 贡献值: every member-facing place follows; audited', async () => {
    const res = await put(operator, {
      DIVIDEND: { zh: ' 贡献值 ', en: 'Contribution' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(RENAMED); // trimmed
    expect((await app.inject({ url: URL, headers: auditor.auth })).json()).toEqual(RENAMED);

    const seen = await seenNames();
    expect(seen.wallet).toEqual(RENAMED.DIVIDEND);
    expect(seen.history).toEqual(RENAMED.DIVIDEND);
    expect(seen.rulesZh).toContain('贡献值 5.00。');
    expect(seen.rulesZh).not.toContain('分红积分');
    expect(seen.rulesEn).toContain('5.00 Contribution.');
    expect(seen.listedRulesZh).toContain('贡献值 5.00。');
    expect(seen.config).toEqual(RENAMED.DIVIDEND);
    expect(seen.configCash).toEqual({ zh: '零钱', en: 'Cash' });

    const audits = (
      await app.inject({
        url: '/api/v1/admin/audit?action=settings.asset_names',
        headers: auditor.auth,
      })
    ).json();
    expect(audits.items).toHaveLength(1);
    expect(audits.items[0]).toMatchObject({
      operatorId: operator.id,
      targetKind: 'setting',
      targetId: 'asset_names',
      before: {},
      after: RENAMED,
    });

    // back to the default: an empty setting
    expect((await put(operator, {})).statusCode).toBe(200);
    expect((await seenNames()).wallet).toEqual({ zh: '分红积分', en: 'Dividend points' });
  });

  it('members and anonymous callers cannot reach the setting', async () => {
    expect((await app.inject({ url: URL, headers: member.auth })).statusCode).toBe(403);
    expect((await app.inject({ url: URL })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: URL, payload: RENAMED })).statusCode).toBe(401);
  });
});
