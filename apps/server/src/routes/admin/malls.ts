import { z } from 'zod';
import {
  adminMallItemSchema,
  adminMallItemsPageSchema,
  adminMallItemsQuerySchema,
  createMallItemBodySchema,
  createVoucherKindBodySchema,
  idParamsSchema,
  restockMallItemBodySchema,
  updateMallItemBodySchema,
  updateVoucherKindBodySchema,
  voucherKindSchema,
} from '@pingou/contract';
import { mallsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { createMallItem } from '../../use-cases/malls/create-mall-item';
import { createVoucherKind } from '../../use-cases/malls/create-voucher-kind';
import { listMallItemsForOperator } from '../../use-cases/malls/list-mall-items';
import { voucherKindView } from '../../use-cases/malls/mall-views';
import { restockMallItem } from '../../use-cases/malls/restock-mall-item';
import { updateMallItem } from '../../use-cases/malls/update-mall-item';
import { updateVoucherKind } from '../../use-cases/malls/update-voucher-kind';

export function adminMallRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: malls'];
  const OPERATOR = operatorRoles('operator');
  app.get(
    '/api/v1/admin/mall/items',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Mall items of both malls, on sale or not, newest first',
        querystring: adminMallItemsQuerySchema,
        response: { 200: adminMallItemsPageSchema },
      },
    },
    async (req) => listMallItemsForOperator(ctx.db, req.query),
  );
  app.post(
    '/api/v1/admin/mall/items',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Put an item on sale in the points mall or the voucher mall',
        body: createMallItemBodySchema,
        response: { 201: adminMallItemSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await createMallItem(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/admin/mall/items/:id',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Edit an item: name, description, picture, prices, kind, on or off sale',
        params: idParamsSchema,
        body: updateMallItemBodySchema,
        response: { 200: adminMallItemSchema },
      },
    },
    async (req) => updateMallItem(ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/admin/mall/items/:id/restock',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Add stock (补货) to an item',
        params: idParamsSchema,
        body: restockMallItemBodySchema,
        response: { 200: adminMallItemSchema },
      },
    },
    async (req) => restockMallItem(ctx, actorOf(req), req.params.id, req.body.quantity),
  );
  app.get(
    '/api/v1/admin/voucher-kinds',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Voucher kinds (购物券种类) and their names',
        response: { 200: z.object({ items: z.array(voucherKindSchema) }) },
      },
    },
    async () => ({ items: (await mallsRepo.listVoucherKinds(ctx.db)).map(voucherKindView) }),
  );
  app.post(
    '/api/v1/admin/voucher-kinds',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Create a voucher kind with the name members see',
        body: createVoucherKindBodySchema,
        response: { 201: voucherKindSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createVoucherKind(ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/admin/voucher-kinds/:id',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Rename a voucher kind or turn it on or off',
        params: idParamsSchema,
        body: updateVoucherKindBodySchema,
        response: { 200: voucherKindSchema },
      },
    },
    async (req) => updateVoucherKind(ctx, actorOf(req), req.params.id, req.body),
  );
}
