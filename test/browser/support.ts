/**
 * Browser tests: the real server (a child process on a fresh cloned database,
 * serving the built console and shop) driven through playwright-core in
 * Debian's Chromium. Each test ends with a screenshot under screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createHarness, type Harness } from '../../apps/server/test/support/harness';
import { startServer, type ServerProcess } from '../../apps/server/test/support/server-process';
import { REPO_ROOT } from '../../apps/server/src/config';

export const OPERATOR = { username: 'admin', password: 'operator-pass' };
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Pingou {
  baseUrl: string;
  /** The test's own database and a context on it, for arranging data directly. */
  h: Harness;
  server: ServerProcess;
  browser: Browser;
  stop: () => Promise<void>;
}

/**
 * Starts the server on a fresh database (demo data with `demo: true`) and a browser.
 * Jobs are off unless asked for, so tests decide when groups expire or settlements run.
 */
export async function startPingou(
  opts: { demo?: boolean; env?: Record<string, string> } = {},
): Promise<Pingou> {
  const h = await createHarness({}, { realClock: true });
  const server = await startServer(h.url, {
    SEED_DEMO: opts.demo ? '1' : '0',
    RUN_JOBS: '0',
    ...opts.env,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    baseUrl: server.baseUrl,
    h,
    server,
    browser,
    stop: async () => {
      await browser.close();
      await server.stop();
      await h.close();
    },
  };
}

/** A desktop page for the console, or a 375 × 812 phone for the shop. */
export async function newPage(
  p: Pingou,
  kind: 'desktop' | 'phone' = 'desktop',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await p.browser.newContext(
    kind === 'phone'
      ? {
          viewport: { width: 375, height: 812 },
          deviceScaleFactor: 2,
          isMobile: true,
          hasTouch: true,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        }
      : { viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' },
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { context, page, errors };
}

/** Saves the page as screenshots/<app>/<name>.png and returns the path. */
export async function screenshot(page: Page, app: 'console' | 'shop', name: string) {
  const dir = path.join(REPO_ROOT, 'screenshots', app);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
