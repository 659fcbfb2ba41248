import {
  AppError,
  adminConversionQuerySchema,
  adminConversionSchema,
  conversionNoParamsSchema,
  pageOf,
} from '@pingou/contract';
import { bridgeRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { paged } from '../../paging';
import { adminConversionView } from '../../use-cases/bridge/conversion-lifecycle';
import { retryConversion } from '../../use-cases/bridge/retry-conversion';

export function adminBridgeRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: finance'];
  app.get(
    '/api/v1/admin/bridge/conversions',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary:
          'Chain bridge conversions (对接区块链), newest first; filter by status to find stuck ones',
        querystring: adminConversionQuerySchema,
        response: {
          200: pageOf(adminConversionSchema),
        },
      },
    },
    async (req) => {
      const rows = await bridgeRepo.listConversions(ctx.db, {
        ...req.query,
        limit: req.query.limit + 1,
      });
      return paged(rows, req.query.limit, (r) => r.id, adminConversionView);
    },
  );
  app.get(
    '/api/v1/admin/bridge/conversions/:conversionNo',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'One bridge conversion',
        params: conversionNoParamsSchema,
        response: { 200: adminConversionSchema },
      },
    },
    async (req) => {
      const c = await bridgeRepo.findConversionByNo(ctx.db, req.params.conversionNo);
      if (!c) throw new AppError('CONVERSION_NOT_FOUND');
      return adminConversionView(c);
    },
  );
  app.post(
    '/api/v1/admin/bridge/conversions/:conversionNo/retry',
    {
      config: { access: operatorRoles('finance') },
      schema: {
        tags,
        summary:
          'Send a pending or sent conversion to the bridge again now, under the same number (audited)',
        params: conversionNoParamsSchema,
        response: { 200: adminConversionSchema },
      },
    },
    async (req) => retryConversion(ctx, actorOf(req), req.params.conversionNo),
  );
}
