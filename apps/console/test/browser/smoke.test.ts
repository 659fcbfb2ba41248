import { afterAll, beforeAll, expect, test } from 'vitest';
import { newPage, screenshot, startPingou, type Pingou } from '../../../../test/browser/support';

let p: Pingou;
beforeAll(async () => {
  p = await startPingou();
});
afterAll(async () => p?.stop());

test('the console and the shop are served by the API server', async () => {
  const { page, errors } = await newPage(p);
  await page.goto(`${p.baseUrl}/admin/`);
  await expect(page.getByText('拼购后台').first().isVisible()).resolves.toBe(true);
  await screenshot(page, 'console', 'smoke');
  await page.goto(`${p.baseUrl}/some/client/route`);
  await expect(page.getByText('全民拼购').first().isVisible()).resolves.toBe(true);
  const api404 = await fetch(`${p.baseUrl}/api/v1/nope`);
  expect(api404.status).toBe(404);
  expect(((await api404.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  expect(errors).toEqual([]);
});
