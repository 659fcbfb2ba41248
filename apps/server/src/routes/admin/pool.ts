import { poolWindowSettingsSchema } from '@pingou/contract';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { loadPoolWindows } from '../../use-cases/pool/pool-windows';
import { updatePoolWindows } from '../../use-cases/pool/update-pool-windows';

/** The operator's pool window days (积分池, SPEC §7). */
export function adminPoolRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: pool'];
  app.get(
    '/api/v1/admin/settings/pool-windows',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary:
          'Pool window days: in and out to inOutUntilDay, in only to inOnlyUntilDay, then frozen to month end',
        response: { 200: poolWindowSettingsSchema },
      },
    },
    async () => loadPoolWindows(ctx.db),
  );
  app.put(
    '/api/v1/admin/settings/pool-windows',
    {
      config: { access: operatorRoles('operator') },
      schema: {
        tags,
        summary: 'Change the pool window days (1 ≤ inOutUntilDay < inOnlyUntilDay ≤ 27); audited',
        body: poolWindowSettingsSchema,
        response: { 200: poolWindowSettingsSchema },
      },
    },
    async (req) => updatePoolWindows(ctx, actorOf(req), req.body),
  );
}
