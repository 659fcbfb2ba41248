import { z } from 'zod';
import {
  pageQuerySchema,
  rechargeOrderSchema,
  refundBodySchema,
  tradeNoParamsSchema,
  pageOf,
} from '@pingou/contract';
import { paymentsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { rechargeView } from '../../use-cases/recharge/create-recharge';
import { refundRecharge } from '../../use-cases/recharge/refund-recharge';
import { syncRecharge } from '../../use-cases/recharge/sync-recharge';
import { paged } from '../../paging';

export function adminPaymentRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: finance'];
  app.get(
    '/api/v1/admin/recharges',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Recharge orders',
        querystring: pageQuerySchema
          .extend({
            memberId: z.coerce.number().int().positive().optional(),
            status: z.enum(['pending', 'paid', 'closed']).optional(),
          })
          .strict(),
        response: {
          200: pageOf(rechargeOrderSchema.extend({ memberId: z.number() })),
        },
      },
    },
    async (req) => {
      const rows = await paymentsRepo.listOrders(ctx.db, {
        ...req.query,
        limit: req.query.limit + 1,
      });
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (o) => ({ ...rechargeView(o), memberId: o.memberId }),
      );
    },
  );
  app.post(
    '/api/v1/admin/recharges/:outTradeNo/refund',
    {
      config: { access: operatorRoles('finance') },
      schema: {
        tags,
        summary: 'Refund a recharge back the way it came (原路返回)',
        params: tradeNoParamsSchema,
        body: refundBodySchema,
        response: {
          202: z.object({
            outRefundNo: z.string(),
            amountFen: z.number(),
            status: z.literal('processing'),
          }),
        },
      },
    },
    async (req, reply) =>
      reply
        .code(202)
        .send(await refundRecharge(ctx, actorOf(req), req.params.outTradeNo, req.body)),
  );
  app.post(
    '/api/v1/admin/recharges/:outTradeNo/sync',
    {
      config: { access: operatorRoles('finance') },
      schema: {
        tags,
        summary: 'Query the provider and credit a paid order whose notification was lost',
        params: tradeNoParamsSchema,
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (req) => ({ status: await syncRecharge(ctx, req.params.outTradeNo) }),
  );
}
