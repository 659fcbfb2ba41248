/**
 * The member shop on a 375 × 812 phone against the real server and demo data:
 * register through an invite link → recharge (sandbox) → join → watch the live
 * group fill while other members join through the API → the result → 验证公平;
 * a pool transfer outside its window and a withdrawal below the minimum show
 * their reasons. Screenshots in screenshots/shop/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  newPage,
  OPERATOR,
  screenshot,
  startPingou,
  type Pingou,
} from '../../../../test/browser/support';
import { creditAsset } from '../../../server/test/support/factories';

let p: Pingou;

beforeAll(async () => {
  p = await startPingou({ demo: true });
});
afterAll(async () => {
  await p?.stop();
});

async function call<T>(
  path: string,
  opts: { method?: string; body?: unknown; token?: string; key?: string } = {},
) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.key) headers['idempotency-key'] = opts.key;
  const r = await fetch(`${p.baseUrl}/api/v1${path}`, {
    method: opts.method ?? 'GET',
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const data = (await r.json().catch(() => null)) as T;
  if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(data)}`);
  return data;
}

const demoLogin = (i: number) =>
  call<{ token: string }>('/auth/login', {
    method: 'POST',
    body: { phone: `138${String(i).padStart(8, '0')}`, password: 'pingou123' },
  }).then((r) => r.token);

async function noHorizontalScroll(page: Page, path: string) {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(`${p.baseUrl}${path}`);
  await page.waitForLoadState('networkidle');
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(w, `horizontal scroll on ${path}`).toBeLessThanOrEqual(360);
  // touch targets: every visible control a finger taps is at least 44 px tall
  const small = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        'button, a[href], [role="button"], [role="radio"], [role="tab"], input:not([type="hidden"]), .adm-list-item-content',
      ),
    )
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        // an invisible control (e.g. a radio under a segmented control's label) is not what a finger taps
        return (
          r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && style.opacity !== '0'
        );
      })
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44)
      .map(
        ({ el, r }) =>
          `${el.tagName}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.height)}px`,
      ),
  );
  expect(small, `touch targets under 44 px on ${path}`).toEqual([]);
  await page.setViewportSize({ width: 375, height: 812 });
}

describe('member shop', () => {
  it('register by invite → recharge → join → live group → result → verify', async () => {
    const { page, errors } = await newPage(p, 'phone');
    const activities = await call<{ items: { id: number; groupSize: number; name: string }[] }>(
      '/activities',
    );
    const activity = activities.items.find((a) => a.groupSize === 10)!;

    await page.goto(`${p.baseUrl}/register?invite=DEMO0001`);
    await expect.poll(() => page.getByPlaceholder('选填').first().inputValue()).toBe('DEMO0001');
    const phone = `137${String(Date.now()).slice(-8)}`;
    await page.getByPlaceholder('13800000000').fill(phone);
    await page.getByPlaceholder('至少 8 位').fill('password-123');
    await page.getByPlaceholder('再输一次').fill('password-123');
    await screenshot(page, 'shop', '01-register');
    await page.getByRole('button', { name: '注册并登录' }).click();
    await page.waitForURL(`${p.baseUrl}/`);
    await page.getByText(activity.name).first().waitFor();
    await screenshot(page, 'shop', '02-home');

    await page.goto(`${p.baseUrl}/wallet/recharge`);
    await page.getByRole('radio', { name: '¥1,000.00' }).click();
    await page.getByRole('button', { name: '充值 ¥1,000.00' }).click();
    await page.getByRole('button', { name: '沙箱支付' }).click();
    await page.getByText('充值成功').waitFor();
    await screenshot(page, 'shop', '03-recharged');
    await page.goto(`${p.baseUrl}/wallet`);
    await expect.poll(() => page.getByTestId('cash').textContent()).toBe('¥1,000.00');
    await screenshot(page, 'shop', '04-wallet');

    await page.goto(`${p.baseUrl}/activity/${activity.id}`);
    await page.getByText('开奖规则（公开，可验证）').waitFor();
    await screenshot(page, 'shop', '05-activity');
    await page.getByRole('button', { name: /立即参团/ }).click();
    await page.getByText('将从零钱冻结').waitFor();
    await screenshot(page, 'shop', '06-confirm-join');
    await page.getByRole('button', { name: '确认参团' }).click();
    await page.waitForURL(/\/group\/\d+/);
    const groupId = Number(/\/group\/(\d+)/.exec(page.url())![1]);
    await page.getByText('实时').waitFor();
    const seatsTaken = () => page.getByTestId('seats-taken').textContent();
    await expect.poll(seatsTaken).toBe('已参团 1 / 10 人');

    // other members join through the API; the page follows over server-sent events
    const others: string[] = [];
    for (let i = 2; i <= 10; i++) others.push(await demoLogin(i));
    for (let i = 0; i < 4; i++)
      await call(`/activities/${activity.id}/join`, {
        method: 'POST',
        token: others[i],
        key: `browser-join-${i}`,
        body: { optionId: 1 },
      });
    await expect.poll(seatsTaken, { timeout: 10_000 }).toBe('已参团 5 / 10 人');
    await screenshot(page, 'shop', '07-group-filling');
    for (let i = 4; i < 9; i++)
      await call(`/activities/${activity.id}/join`, {
        method: 'POST',
        token: others[i],
        key: `browser-join-${i}`,
        body: { optionId: 1 },
      });
    await page.getByTestId('result').waitFor({ timeout: 10_000 });
    await expect.poll(seatsTaken).toBe('已参团 10 / 10 人');
    const group = await call<{ draw: { winners: number[] } }>(`/groups/${groupId}`);
    await screenshot(page, 'shop', '08-group-result');

    await page.getByRole('button', { name: '验证公平' }).click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.textContent()).toContain(
      `验证通过：本机重新计算的中奖座位为 ${group.draw.winners.join('、')}`,
    );
    await screenshot(page, 'shop', '09-verified');

    await page.goto(`${p.baseUrl}/me/groups`);
    await page.getByText(`团号 ${groupId}`).waitFor();
    await screenshot(page, 'shop', '10-my-groups');

    for (const path of [
      '/',
      `/activity/${activity.id}`,
      `/group/${groupId}`,
      '/wallet',
      '/me',
      '/team',
      '/pool',
      '/me/orders',
      '/wallet/withdraw',
    ])
      await noHorizontalScroll(page, path);
    await page.goto(`${p.baseUrl}/team`);
    await page.getByTestId('invite-link').waitFor();
    await screenshot(page, 'shop', '11-team');
    expect(errors).toEqual([]);
  });

  it('a pool transfer outside its window shows the reason', async () => {
    // close today's window whatever the date: days 1–1 in and out, 2–2 in only, then frozen
    const op = await call<{ token: string }>('/admin/auth/login', {
      method: 'POST',
      body: OPERATOR,
    });
    const day = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', day: '2-digit' }).format(
        new Date(),
      ),
    );
    if (day >= 3)
      await call('/admin/settings/pool-windows', {
        method: 'PUT',
        token: op.token,
        body: { inOutUntilDay: 1, inOnlyUntilDay: 2 },
      });
    const { page, context } = await newPage(p, 'phone');
    const token = await demoLogin(11);
    await context.addInitScript((t) => localStorage.setItem('pingou.shop.token', t), token);
    await page.goto(`${p.baseUrl}/pool`);
    await page.getByTestId('pool-window').waitFor();
    if (day >= 3) {
      const reason = page.getByTestId('pool-closed');
      await reason.waitFor();
      expect(await reason.textContent()).toMatch(
        /处于「冻结期，不可转入转出」，不能转入；本阶段至 \d{4}-\d\d-\d\d \d\d:\d\d 结束/,
      );
      expect(await page.getByRole('button', { name: '确认转入' }).isDisabled()).toBe(true);
      // the server refuses it too, with its own reason
      const m = await call<{ token: string }>('/auth/login', {
        method: 'POST',
        body: { phone: '13800000011', password: 'pingou123' },
      });
      const r = await fetch(`${p.baseUrl}/api/v1/me/pool/transfers`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${m.token}`,
          'content-type': 'application/json',
          'idempotency-key': 'pool-closed-1',
        },
        body: JSON.stringify({ direction: 'in', amount: 10_000 }),
      });
      expect(r.status).toBe(409);
    }
    await screenshot(page, 'shop', '12-pool-window-closed');
  });

  it('a withdrawal below the minimum shows the reason', async () => {
    const { page, context } = await newPage(p, 'phone');
    const token = await demoLogin(12);
    await context.addInitScript((t) => localStorage.setItem('pingou.shop.token', t), token);
    await page.goto(`${p.baseUrl}/wallet/withdraw`);
    await page.getByTestId('withdraw-rules').waitFor();
    await page.getByRole('textbox', { name: '提现金额（元）' }).fill('50');
    await page.getByRole('textbox', { name: '收款账户' }).fill('openid-demo-12');
    const reason = page.getByTestId('withdraw-reason');
    await reason.waitFor();
    expect(await reason.textContent()).toMatch(/低于最低提现金额 ¥[\d,]+\.\d\d/);
    expect(await page.getByRole('button', { name: '提现', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'shop', '13-withdraw-below-minimum');
  });

  it('dividend points go to the chain bridge and the conversion is listed', async () => {
    const { page, context } = await newPage(p, 'phone');
    const token = await demoLogin(13);
    const me = await call<{ id: number }>('/me', { token });
    await creditAsset(p.h.ctx, me.id, 'DIVIDEND', 10_000); // 100.00 points
    await context.addInitScript((t) => localStorage.setItem('pingou.shop.token', t), token);
    await page.goto(`${p.baseUrl}/bridge`);
    await expect.poll(() => page.getByTestId('bridge-dividend').textContent()).toBe('100.00');
    await page.getByRole('textbox', { name: '数量' }).fill('30');
    await page.getByRole('button', { name: '确认转换' }).click();
    await page.getByTestId('bridge-message').waitFor();
    expect(await page.getByTestId('bridge-message').getAttribute('role')).toBe('status');
    await expect.poll(() => page.getByTestId('bridge-dividend').textContent()).toBe('70.00');
    const rows = page.getByTestId('bridge-conversion');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('30.00');
    // more than the balance is refused before sending
    await page.getByRole('textbox', { name: '数量' }).fill('71');
    expect(await page.getByRole('button', { name: '确认转换' }).isDisabled()).toBe(true);
    await screenshot(page, 'shop', '14-chain-bridge');
  });

  it("the operator's name for dividend points is what the shop shows (分红积分名字可自定义)", async () => {
    const op = await call<{ token: string }>('/admin/auth/login', {
      method: 'POST',
      body: OPERATOR,
    });
    const rename = (body: object) =>
      call('/admin/settings/asset-names', { method: 'PUT', token: op.token, body });
    await rename({ DIVIDEND: { zh: '贡献值', en: 'Contribution' } });
    try {
      const { page, context } = await newPage(p, 'phone');
      const token = await demoLogin(14);
      await context.addInitScript((t) => localStorage.setItem('pingou.shop.token', t), token);
      await page.goto(`${p.baseUrl}/bridge`);
      await page.getByText('贡献值 → 数字积分').waitFor();
      expect(await page.getByText('分红积分', { exact: true }).count()).toBe(0);
    } finally {
      await rename({});
    }
  });
});
