/**
 * Live group (SPEC §4): `GET /api/v1/groups/:id/events` streams the group's
 * public view as server-sent events — once on connect, then afresh after every
 * committed change, whichever server made it (PostgreSQL LISTEN/NOTIFY, see
 * realtime/group-listener.ts). Public like `GET /groups/:id`: seats carry only
 * pseudonyms, and the server seed appears only after the draw.
 *
 * One view is computed per change and group, and sent to all its watchers.
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { idSchema } from '@pingou/contract';
import type { AppContext } from '../context';
import { PUBLIC } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { createGroupListener, type GroupListener } from '../realtime/group-listener';
import { groupView } from '../use-cases/group-buy/view-groups';

export const HEARTBEAT_MS = 15_000;

interface Watch {
  streams: Set<ServerResponse>;
  /** Events heard so far, to notice one that arrives while a new watcher reads its first view. */
  events: number;
  unsubscribe: () => void;
  isRefreshing: boolean;
  isDirty: boolean;
}

export function groupEventRoutes(app: TypedApp, ctx: AppContext) {
  const listener: GroupListener = createGroupListener({
    connectionString: ctx.db.$client.options.connectionString!,
    log: ctx.log,
  });
  const watches = new Map<number, Watch>();

  const send = (res: ServerResponse, view: unknown) =>
    res.write(`event: group\ndata: ${JSON.stringify(view)}\n\n`);

  /** Reads the view once and sends it to every watcher; a change during the read reads again. */
  const refresh = async (groupId: number) => {
    const w = watches.get(groupId);
    if (!w) return;
    if (w.isRefreshing) {
      w.isDirty = true;
      return;
    }
    w.isRefreshing = true;
    try {
      do {
        w.isDirty = false;
        const view = await groupView(ctx.db, groupId, null);
        for (const res of w.streams) send(res, view);
      } while (w.isDirty);
    } catch (err) {
      ctx.log.error({ err, groupId }, 'group events: cannot read the group');
    } finally {
      w.isRefreshing = false;
    }
  };

  /** The group's watch, subscribed to the listener before the first view is read. */
  const watch = (groupId: number): Watch => {
    let w = watches.get(groupId);
    if (!w) {
      const created: Watch = {
        streams: new Set(),
        events: 0,
        unsubscribe: listener.subscribe(groupId, () => {
          created.events += 1;
          void refresh(groupId);
        }),
        isRefreshing: false,
        isDirty: false,
      };
      watches.set(groupId, (w = created));
    }
    return w;
  };

  const dropIfUnwatched = (groupId: number) => {
    const w = watches.get(groupId);
    if (w && w.streams.size === 0) {
      w.unsubscribe();
      watches.delete(groupId);
    }
  };

  const stopWatching = (groupId: number, res: ServerResponse) => {
    watches.get(groupId)?.streams.delete(res);
    dropIfUnwatched(groupId);
  };

  app.addHook('preClose', async () => {
    // open streams would keep the server from closing
    for (const w of watches.values()) for (const res of w.streams) res.end();
  });
  app.addHook('onClose', async () => listener.close());

  app.get(
    '/api/v1/groups/:id/events',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['group buying'],
        summary:
          'Live group (server-sent events): the group view on connect and after every change; a comment every 15 s',
        params: z.object({ id: idSchema }).strict(),
      },
    },
    async (req, reply) => {
      const groupId = req.params.id;
      // errors (unknown group, database down) still answer as JSON before the stream starts
      await listener.ready();
      const w = watch(groupId);
      const seenBefore = w.events;
      let first;
      try {
        first = await groupView(ctx.db, groupId, null);
      } catch (err) {
        dropIfUnwatched(groupId);
        throw err;
      }
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 2000\n\n');
      w.streams.add(res);
      send(res, first);
      // a change that committed while the first view was read: read it again
      if (w.events !== seenBefore) void refresh(groupId);
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        stopWatching(groupId, res);
      };
      req.raw.on('close', close);
      // a browser that left while the first view was read has already closed: no 'close' comes
      if (req.raw.destroyed || res.destroyed) close();
    },
  );
}
