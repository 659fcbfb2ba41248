/**
 * The operator console's flows in Chromium, on the demo data: sign in; create and
 * publish an activity; robot-fill a group and see its proof; approve a withdrawal;
 * preview a settlement; an auditor cannot change anything. Each ends with a screenshot.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { joinGroup } from '../../../server/src/use-cases/group-buy/join-group';
import { requestWithdrawal } from '../../../server/src/use-cases/withdrawals/request-withdrawal';
import { newOperator } from '../../../server/test/support/factories';
import {
  OPERATOR,
  newPage,
  screenshot,
  startPingou,
  type Pingou,
} from '../../../../test/browser/support';
import { apiGet, apiLogin, openSignedIn } from './console-support';

let p: Pingou;
let admin: string;
beforeAll(async () => {
  p = await startPingou({ demo: true });
  admin = await apiLogin(p, OPERATOR.username, OPERATOR.password);
});
afterAll(async () => p?.stop());

interface Activity {
  id: number;
  name: string;
  status: string;
  draft: { winners: number; options: { id: number }[] };
}
interface MemberRow {
  id: number;
}

test('an operator signs in and sees the dashboard', async () => {
  const { page, errors } = await newPage(p);
  await page.goto(`${p.baseUrl}/admin/`);
  await page.getByLabel('账号').fill(OPERATOR.username);
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登 录' }).click();
  await page.getByText('账号或密码错误').waitFor();
  await page.getByLabel('密码').fill(OPERATOR.password);
  await page.getByRole('button', { name: '登 录' }).click();
  await page.getByText('平台待兑付（当前）').waitFor();
  await page.getByText('超级管理员').waitFor();
  // the demo recharges are today's cash in, formatted as yuan
  await expect(
    page
      .getByText(/¥\d{1,3}(,\d{3})*\.\d{2}/)
      .first()
      .isVisible(),
  ).resolves.toBe(true);
  await page.waitForTimeout(800); // charts animate in
  await screenshot(page, 'console', 'dashboard');
  // the browser logs the deliberate wrong password's 401 itself
  expect(errors.filter((e) => !e.includes('401 (Unauthorized)'))).toEqual([]);
});

test('an operator creates an activity, sees its preview and publishes it', async () => {
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, admin, '/activities/new');
  await page.getByPlaceholder('如：99 元 10 人团中 3 人').fill('浏览器测试 99 元团');
  const optionName = page.locator('#settings_options_0_name');
  await optionName.fill('蓝牙耳机');
  const cost = page.locator('#settings_options_0_costFen');
  await cost.fill('30');
  // the preview comes from the economics calculator
  await page.getByText('平台现金利润').first().waitFor({ timeout: 15_000 });
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByText('草稿已保存').waitFor();
  await page.waitForURL(/\/admin\/activities\/\d+$/);
  await page.getByRole('button', { name: '发 布' }).first().click();
  await page
    .getByRole('button', { name: '确 定' })
    .or(page.getByRole('button', { name: 'OK' }))
    .first()
    .click();
  await page.getByText('已发布第 1 版').waitFor();
  await page.getByText('新团使用').waitFor();
  await page.getByText('扣除待兑付后的利润').first().waitFor();
  await screenshot(page, 'console', 'activity-published');
  const list = await apiGet<{ items: Activity[] }>(p, admin, '/admin/activities');
  expect(list.items.find((a) => a.name === '浏览器测试 99 元团')?.status).toBe('published');
  expect(errors).toEqual([]);
});

test('an operator robot-fills an open group and sees its proof', async () => {
  const { items } = await apiGet<{ items: Activity[] }>(p, admin, '/admin/activities');
  const a = items.find((x) => x.status === 'published')!;
  const members = await apiGet<{ items: MemberRow[] }>(p, admin, '/admin/members?limit=10');
  for (const [i, m] of members.items.slice(0, a.draft.winners).entries())
    await joinGroup(
      p.h.ctx,
      m.id,
      { activityId: a.id, optionId: a.draft.options[0]!.id, clientSeed: `seed${i}` },
      `browser-fill-${i}`,
    );
  const open = await apiGet<{ items: { id: number }[] }>(
    p,
    admin,
    `/admin/console/groups?status=open&activityId=${a.id}`,
  );
  const groupId = open.items[0]!.id;
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, admin, `/groups?status=open&activityId=${a.id}`);
  await page.getByRole('button', { name: '机器人补位' }).first().click();
  await page
    .getByText('平台补位（house seats）')
    .or(page.getByText(/显示为「平台补位」/))
    .first()
    .waitFor();
  await page.getByPlaceholder('补位原因（必填）').fill('测试：补满开奖');
  await page.getByRole('button', { name: '确认补位并开奖' }).click();
  await page.getByText(/已补位并开奖/).waitFor();
  await page.getByRole('link', { name: `#${groupId}` }).waitFor({ state: 'detached' });
  await page.goto(`${p.baseUrl}/admin/groups/${groupId}`);
  await page.getByText('公平性证明').waitFor();
  await page.getByText('验证通过：由公开数据重新计算结果一致').waitFor();
  await page.getByText('本团结算单').waitFor();
  await expect(page.getByText('平台补位').count()).resolves.toBeGreaterThan(0);
  await screenshot(page, 'console', 'group-proof');
  expect(errors).toEqual([]);
});

test('finance approves a withdrawal', async () => {
  const fin = await newOperator(p.h.ctx, 'finance');
  const members = await apiGet<{ items: MemberRow[] }>(p, admin, '/admin/members?limit=10');
  const memberId = members.items.at(-1)!.id;
  const w = await requestWithdrawal(
    p.h.ctx,
    memberId,
    { amountFen: 123_456, accountRef: 'openid-browser', provider: 'sandbox' },
    'browser-withdrawal-1',
  );
  const withdrawalNo = (w as { body: { withdrawalNo: string } }).body.withdrawalNo;
  const { page, errors } = await newPage(p);
  const token = await apiLogin(p, fin.username, 'operator-pass');
  await openSignedIn(page, p, token, '/finance/withdrawals');
  const row = page.getByRole('row', { name: new RegExp(withdrawalNo) });
  await row.getByText('¥1,234.56').waitFor();
  await row.getByRole('button', { name: '通 过' }).click();
  await page.getByRole('button', { name: '通 过' }).last().click();
  await page.getByText(/已通过，打款/).waitFor();
  const after = await apiGet<{ status: string }>(p, admin, `/admin/withdrawals/${withdrawalNo}`);
  expect(['approved', 'paying', 'paid']).toContain(after.status);
  await page.getByText('全部', { exact: true }).click();
  await page.getByText(withdrawalNo).waitFor();
  await screenshot(page, 'console', 'withdrawal-approved');
  expect(errors).toEqual([]);
});

test('finance previews a settlement', async () => {
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, admin, '/settlements');
  await page.getByText('日结预览').waitFor();
  await page.getByText('将发放日分红').waitFor();
  await page.getByText('月分红池余额').waitFor();
  await expect(page.getByText(/¥\d/).count()).resolves.toBeGreaterThan(1);
  await screenshot(page, 'console', 'settlement-preview');
  expect(errors).toEqual([]);
});

test('an auditor can read everything and change nothing', async () => {
  const aud = await newOperator(p.h.ctx, 'auditor');
  const token = await apiLogin(p, aud.username, 'operator-pass');
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, token, '/activities');
  await page.getByText('只读：不能修改任何数据').waitFor();
  await page.getByRole('row').nth(1).waitFor();
  expect(await page.getByRole('button', { name: '新建活动' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '发 布' }).count()).toBe(0);
  await page.getByRole('button', { name: '查 看' }).first().click();
  await page.getByText('当前角色只能查看活动，不能修改。').waitFor();
  expect(await page.getByRole('button', { name: '保存草稿' }).count()).toBe(0);
  await page.goto(`${p.baseUrl}/admin/finance/withdrawals`);
  await page.getByText('只有财务可以审核提现。').waitFor();
  expect(await page.getByRole('button', { name: '通 过' }).count()).toBe(0);
  await page.goto(`${p.baseUrl}/admin/groups`);
  await page.getByRole('row').nth(1).waitFor();
  expect(await page.getByRole('button', { name: '机器人补位' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '手动开团' }).count()).toBe(0);
  // and the API refuses what the console hides
  const r = await fetch(`${p.baseUrl}/api/v1/admin/activities/1/pause`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(r.status).toBe(403);
  await page.goto(`${p.baseUrl}/admin/settings`);
  await page.getByText('提现规则').waitFor();
  await page.getByText('积分名称').waitFor();
  expect(await page.getByRole('textbox', { name: '分红积分 中文名称' }).isDisabled()).toBe(true);
  expect(await page.getByRole('button', { name: '保 存' }).count()).toBe(0);
  await screenshot(page, 'console', 'auditor-read-only');
  expect(errors).toEqual([]);
});

test('the console switches to English', async () => {
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, admin, '/finance/trial-balance');
  await page.getByText('账本平衡').waitFor();
  await page.getByText('EN', { exact: true }).click();
  await page.getByText('Balanced: every asset and entry sums to zero').waitFor();
  expect(await page.getByText('试算平衡').count()).toBe(0);
  await screenshot(page, 'console', 'trial-balance-en');
  await page.getByText('中文', { exact: true }).click();
  await page.getByText('账本平衡').waitFor();
  expect(errors).toEqual([]);
});

test('the simulator plots its daily series', async () => {
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, admin, '/simulator');
  await page.getByText('模拟天数').waitFor();
  await page.getByRole('button', { name: '开始模拟' }).click();
  await page
    .getByText('平台现金与利润（元）')
    .or(page.locator('.ant-alert-error'))
    .first()
    .waitFor({ timeout: 60_000 });
  await screenshot(page, 'console', 'simulator');
  await page.getByText('平台现金与利润（元）').waitFor({ timeout: 1_000 });
  await page.waitForTimeout(800);
  await screenshot(page, 'console', 'simulator');
  expect(errors).toEqual([]);
});

test('orders and activities are filtered by the server', async () => {
  const orders = await apiGet<{
    items: { orderNo: string; activityId: number; groupStatus: string | null }[];
  }>(p, admin, '/admin/orders?limit=1');
  const o = orders.items[0]!;
  expect(o.groupStatus).toBe('drawn');
  const { page, errors } = await newPage(p);
  await openSignedIn(page, p, admin, `/orders?orderNo=${o.orderNo}&activityId=${o.activityId}`);
  const row = page.getByRole('row', { name: new RegExp(o.orderNo) });
  await row.getByText('已开奖').waitFor();
  await expect(page.getByRole('row').count()).resolves.toBe(2); // the header and that order
  // the filter travels to the server, and the table shows what the server answered
  const filtered = page.waitForResponse(
    (r) => r.url().includes('/api/v1/admin/activities?') && r.url().includes('no-such-activity'),
  );
  await page.goto(`${p.baseUrl}/admin/activities?status=draft&name=no-such-activity`);
  const answer = (await (await filtered).json()) as { items: unknown[] };
  expect(answer.items).toEqual([]);
  await page.locator('.ant-table-placeholder .ant-empty').waitFor();
  await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
  await expect(page.getByRole('button', { name: '编 辑' }).count()).resolves.toBe(0);
  await page.goto(`${p.baseUrl}/admin/activities?status=published`);
  await page.getByRole('row').nth(1).getByText('进行中').waitFor();
  await screenshot(page, 'console', 'activities-filtered');
  expect(errors).toEqual([]);
});
