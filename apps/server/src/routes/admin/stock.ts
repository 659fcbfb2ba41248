/** Option stock (库存) and virtual-product codes (兑换码) of an activity, SPEC §3. */
import {
  activityOptionParamsSchema,
  activityStockSchema,
  idParamsSchema,
  optionStockSchema,
  setOptionStockBodySchema,
  uploadCodesBodySchema,
  uploadCodesReplySchema,
  virtualCodesViewSchema,
} from '@pingou/contract';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { setOptionStock } from '../../use-cases/stock/set-option-stock';
import { uploadVirtualCodes } from '../../use-cases/stock/upload-virtual-codes';
import { viewActivityStock } from '../../use-cases/stock/view-activity-stock';
import { viewVirtualCodes } from '../../use-cases/stock/view-virtual-codes';

export function adminStockRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: stock'];
  const OPERATOR = operatorRoles('operator');
  app.get(
    '/api/v1/admin/activities/:id/stock',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Stock per option: stock (null = unlimited), reserved, sold, remaining, codes',
        params: idParamsSchema,
        response: { 200: activityStockSchema },
      },
    },
    async (req) => viewActivityStock(ctx, ctx.db, req.params.id),
  );
  app.put(
    '/api/v1/admin/activities/:id/stock/:optionId',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: "Set a product option's stock (null = unlimited); never below reserved + sold",
        params: activityOptionParamsSchema,
        body: setOptionStockBodySchema,
        response: { 200: optionStockSchema },
      },
    },
    async (req) =>
      setOptionStock(ctx, actorOf(req), req.params.id, req.params.optionId, req.body.stock),
  );
  app.get(
    '/api/v1/admin/activities/:id/options/:optionId/codes',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: "A virtual option's codes: available / assigned, the latest masked (last 4 shown)",
        params: activityOptionParamsSchema,
        response: { 200: virtualCodesViewSchema },
      },
    },
    async (req) => viewVirtualCodes(ctx, ctx.db, req.params.id, req.params.optionId),
  );
  app.post(
    '/api/v1/admin/activities/:id/options/:optionId/codes',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Upload codes for a virtual option (up to 1000 a request); adds them to its stock',
        params: activityOptionParamsSchema,
        body: uploadCodesBodySchema,
        response: { 201: uploadCodesReplySchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await uploadVirtualCodes(
            ctx,
            actorOf(req),
            req.params.id,
            req.params.optionId,
            req.body.codes,
          ),
        ),
  );
}
