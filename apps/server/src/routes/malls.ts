import {
  mallItemsPageSchema,
  mallItemsQuerySchema,
  mallParamsSchema,
  redeemBodySchema,
  redemptionSchema,
  idempotencyHeadersSchema,
} from '@pingou/contract';
import type { AppContext } from '../context';
import { MEMBER, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { listMallItems } from '../use-cases/malls/list-mall-items';
import { redeemMallItem } from '../use-cases/malls/redeem-mall-item';

const tags = ['malls'];

export function mallRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/malls/:mall/items',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'Items on sale in the points mall (积分商城) or the voucher mall (购物券专区), newest first',
        params: mallParamsSchema,
        querystring: mallItemsQuerySchema,
        response: { 200: mallItemsPageSchema },
      },
    },
    async (req) => listMallItems(ctx.db, { mall: req.params.mall, ...req.query }),
  );
  app.post(
    '/api/v1/me/mall/redemptions',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'Redeem an item (兑换) with points or vouchers plus any cash part; it becomes an order. Needs an Idempotency-Key header.',
        headers: idempotencyHeadersSchema,
        body: redeemBodySchema,
        response: { 201: redemptionSchema },
      },
    },
    async (req, reply) => {
      const r = await redeemMallItem(
        ctx,
        requireMember(req),
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(201).send(r.body);
    },
  );
}
