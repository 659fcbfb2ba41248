/**
 * One dedicated LISTEN connection per server for live group events. Use cases
 * NOTIFY on `pingou_group` inside their transactions (realtimeRepo.notifyGroup),
 * so whichever server made a change, every server hears it once it commits.
 *
 * The connection is opened on first use, reopened with a growing pause when it
 * drops (events during the gap are lost, so subscribers are told to resync), and
 * closed with the app.
 */
import { pg, realtimeRepo } from '@pingou/db';
import type { Logger } from '../context';

export type GroupSignal = realtimeRepo.GroupEvent | 'resync';
type Handler = (signal: GroupSignal) => void;

export interface GroupListener {
  /** Resolves once LISTEN is active (opening the connection on first use). */
  ready(): Promise<void>;
  /** Calls `fn` on every event of the group; returns the unsubscribe. */
  subscribe(groupId: number, fn: Handler): () => void;
  close(): Promise<void>;
}

export function createGroupListener(opts: {
  connectionString: string;
  log: Logger;
  /** First pause before reconnecting; doubles up to 10 s. */
  retryMs?: number;
}): GroupListener {
  const handlers = new Map<number, Set<Handler>>();
  let client: pg.Client | null = null;
  let connecting: Promise<void> | null = null;
  let isClosed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let pause = opts.retryMs ?? 500;

  const emitAll = (signal: GroupSignal) => {
    for (const set of handlers.values()) for (const fn of set) fn(signal);
  };

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel !== realtimeRepo.GROUP_CHANNEL || !msg.payload) return;
    let notice: realtimeRepo.GroupNotice;
    try {
      notice = JSON.parse(msg.payload) as realtimeRepo.GroupNotice;
    } catch {
      return;
    }
    for (const fn of handlers.get(notice.groupId) ?? []) fn(notice.event);
  };

  const scheduleReconnect = () => {
    if (isClosed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().catch(() => {});
    }, pause);
    pause = Math.min(pause * 2, 10_000);
  };

  const connect = (): Promise<void> => {
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({
        connectionString: opts.connectionString,
        application_name: 'pingou-listen',
      });
      const dropped = (err?: Error) => {
        if (client !== c) return;
        client = null;
        connecting = null;
        c.removeAllListeners();
        c.on('error', () => {});
        void c.end().catch(() => {});
        if (isClosed) return;
        opts.log.warn({ err: err?.message }, 'group events: LISTEN connection lost, reconnecting');
        scheduleReconnect();
      };
      try {
        await c.connect();
        c.on('notification', onNotification);
        c.on('error', (err) => dropped(err));
        c.on('end', () => dropped());
        await c.query(`LISTEN ${realtimeRepo.GROUP_CHANNEL}`);
      } catch (err) {
        c.removeAllListeners();
        c.on('error', () => {});
        void c.end().catch(() => {});
        connecting = null;
        if (!isClosed) {
          opts.log.warn({ err: (err as Error).message }, 'group events: cannot LISTEN yet');
          scheduleReconnect();
        }
        throw err;
      }
      if (isClosed) {
        await c.end().catch(() => {});
        return;
      }
      const wasReconnect = pause > (opts.retryMs ?? 500);
      client = c;
      pause = opts.retryMs ?? 500;
      // whatever happened while we were deaf, subscribers fetch the state again
      if (wasReconnect) emitAll('resync');
    })();
    return connecting;
  };

  return {
    ready: () => (client ? Promise.resolve() : connect()),
    subscribe(groupId, fn) {
      let set = handlers.get(groupId);
      if (!set) handlers.set(groupId, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0) handlers.delete(groupId);
      };
    },
    async close() {
      isClosed = true;
      if (retryTimer) clearTimeout(retryTimer);
      handlers.clear();
      const c = client;
      client = null;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    },
  };
}
