import { assetNamesSchema } from '@pingou/contract';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { loadAssetNames } from '../../use-cases/wallet/asset-names';
import { updateAssetNames } from '../../use-cases/wallet/update-asset-names';

/** The names members see for the point kinds (分红积分名字可自定义, SPEC §2). */
export function adminAssetNamesRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: settings'];
  app.get(
    '/api/v1/admin/settings/asset-names',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary:
          "The operator's names for dividend, pool, consumption and digital points; a kind left out keeps its default",
        response: { 200: assetNamesSchema },
      },
    },
    async () => loadAssetNames(ctx.db),
  );
  app.put(
    '/api/v1/admin/settings/asset-names',
    {
      config: { access: operatorRoles('operator') },
      schema: {
        tags,
        summary: 'Rename point kinds (zh and en, 1–16 characters each); audited',
        body: assetNamesSchema,
        response: { 200: assetNamesSchema },
      },
    },
    async (req) => updateAssetNames(ctx, actorOf(req), req.body),
  );
}
