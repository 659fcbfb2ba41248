/** Helpers for the console's browser tests: sign in through the API and open a page signed in. */
import type { Page } from 'playwright-core';
import type { Pingou } from '../../../../test/browser/support';

export async function apiLogin(p: Pingou, username: string, password: string): Promise<string> {
  const r = await fetch(`${p.baseUrl}/api/v1/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { token: string }).token;
}

/** Puts the token where the console keeps it, then opens `path` under /admin. */
export async function openSignedIn(page: Page, p: Pingou, token: string, path: string) {
  await page.goto(`${p.baseUrl}/admin/login`);
  await page.evaluate((t) => localStorage.setItem('pingou.console.token', t), token);
  await page.goto(`${p.baseUrl}/admin${path}`);
}

export async function apiGet<T>(p: Pingou, token: string, path: string): Promise<T> {
  const r = await fetch(`${p.baseUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}
