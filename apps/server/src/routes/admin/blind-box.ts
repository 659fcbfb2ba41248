import { z } from 'zod';
import {
  blindBoxCapSchema,
  blindBoxPrizeBodySchema,
  blindBoxPrizeSchema,
  idParamsSchema,
  prizeIdParamsSchema,
  restockBodySchema,
  updateBlindBoxPrizeBodySchema,
} from '@pingou/contract';
import { blindBoxRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { loadBlindBoxCap } from '../../use-cases/blind-box/blind-box-cap';
import { prizeView } from '../../use-cases/blind-box/blind-box-views';
import { createPrize } from '../../use-cases/blind-box/create-prize';
import { editPrize } from '../../use-cases/blind-box/edit-prize';
import { restockPrize } from '../../use-cases/blind-box/restock-prize';
import { updateBlindBoxCap } from '../../use-cases/blind-box/update-blind-box-cap';

export function adminBlindBoxRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: blind box'];
  const OPERATOR = operatorRoles('operator');
  app.get(
    '/api/v1/admin/activities/:id/blind-box/prizes',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: "The activity's blind-box prize table (盲盒奖品), in id order",
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(blindBoxPrizeSchema) }) },
      },
    },
    async (req) => ({
      items: (await blindBoxRepo.listPrizes(ctx.db, req.params.id)).map(prizeView),
    }),
  );
  app.post(
    '/api/v1/admin/activities/:id/blind-box/prizes',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Add a prize (name, kind, weight, stock, value ≤ the cap)',
        params: idParamsSchema,
        body: blindBoxPrizeBodySchema,
        response: { 201: blindBoxPrizeSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createPrize(ctx, actorOf(req), req.params.id, req.body)),
  );
  app.put(
    '/api/v1/admin/blind-box/prizes/:prizeId',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Edit a prize (everything but its stock); opened tickets keep their table',
        params: prizeIdParamsSchema,
        body: updateBlindBoxPrizeBodySchema,
        response: { 200: blindBoxPrizeSchema },
      },
    },
    async (req) => editPrize(ctx, actorOf(req), req.params.prizeId, req.body),
  );
  app.post(
    '/api/v1/admin/blind-box/prizes/:prizeId/restock',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: "Add to a prize's stock",
        params: prizeIdParamsSchema,
        body: restockBodySchema,
        response: { 200: blindBoxPrizeSchema },
      },
    },
    async (req) => restockPrize(ctx, actorOf(req), req.params.prizeId, req.body.add),
  );
  app.get(
    '/api/v1/admin/settings/blind-box-cap',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: "The cap on a blind-box prize's value (fen; 50,000 yuan by default)",
        response: { 200: blindBoxCapSchema },
      },
    },
    async () => ({ capFen: await loadBlindBoxCap(ctx.db) }),
  );
  app.put(
    '/api/v1/admin/settings/blind-box-cap',
    {
      config: { access: OPERATOR },
      schema: {
        tags,
        summary: 'Change the cap; refused below the value of a prize still in stock',
        body: blindBoxCapSchema,
        response: { 200: blindBoxCapSchema },
      },
    },
    async (req) => updateBlindBoxCap(ctx, actorOf(req), req.body.capFen),
  );
}
