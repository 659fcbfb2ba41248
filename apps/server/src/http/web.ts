/**
 * The two web apps, built by Vite, served by the same server as the API:
 * the member shop (H5) at `/` and the operator console at `/admin/`. Client-side
 * routes fall back to each app's index.html; anything under /api stays a JSON 404.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../config';
import { sendError } from './errors';

export const WEB_APPS = {
  shop: { prefix: '/', dist: path.join(REPO_ROOT, 'apps/shop/dist') },
  console: { prefix: '/admin/', dist: path.join(REPO_ROOT, 'apps/console/dist') },
} as const;

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Pingou</title>
<p>网页尚未构建：请运行 <code>npm run build</code>。</p>
<p>The web apps are not built yet: run <code>npm run build</code>.</p>`;

export async function registerWebApps(app: FastifyInstance): Promise<void> {
  const built = {
    shop: existsSync(path.join(WEB_APPS.shop.dist, 'index.html')),
    console: existsSync(path.join(WEB_APPS.console.dist, 'index.html')),
  };
  if (built.console) {
    await app.register(fastifyStatic, {
      root: WEB_APPS.console.dist,
      prefix: WEB_APPS.console.prefix,
      decorateReply: false,
      index: ['index.html'],
      maxAge: 0,
    });
  }
  if (built.shop) {
    await app.register(fastifyStatic, {
      root: WEB_APPS.shop.dist,
      prefix: WEB_APPS.shop.prefix,
      decorateReply: false,
      index: ['index.html'],
      maxAge: 0,
      // The console has its own registration; never let the shop answer for it.
      allowedPath: (pathName) => !pathName.startsWith('/admin'),
    });
  }
  app.get('/admin', (_req, reply) => reply.redirect('/admin/'));

  // Client-side routes (e.g. /activity/3, /admin/members/7) get the app's page;
  // API paths and files that do not exist keep the JSON error.
  app.setNotFoundHandler(async (req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    const wantsPage = req.method === 'GET' && !url.startsWith('/api') && !path.extname(url).length;
    if (!wantsPage) return sendError(req, reply, 'NOT_FOUND');
    const which = url === '/admin' || url.startsWith('/admin/') ? 'console' : 'shop';
    if (!built[which]) return reply.type('text/html; charset=utf-8').send(NOT_BUILT);
    const page = await readFile(path.join(WEB_APPS[which].dist, 'index.html'));
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page);
  });
}
