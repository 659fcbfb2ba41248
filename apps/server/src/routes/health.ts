import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppContext } from '../context';
import { PUBLIC } from '../http/access';
import type { TypedApp } from '../http/route-kit';

export function healthRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/health',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({
            status: z.literal('ok'),
            database: z.literal('ok'),
            time: z.string(),
            timeZone: z.string(),
          }),
        },
      },
    },
    async () => {
      await ctx.db.execute(sql`select 1`);
      return {
        status: 'ok' as const,
        database: 'ok' as const,
        time: ctx.clock.now().toISOString(),
        timeZone: ctx.config.timeZone,
      };
    },
  );
}
