import {
  poolStatusSchema,
  poolTransferBodySchema,
  poolTransferSchema,
  idempotencyHeadersSchema,
} from '@pingou/contract';
import type { AppContext } from '../context';
import { MEMBER, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { poolStatus } from '../use-cases/pool/pool-status';
import { transferIntoPool } from '../use-cases/pool/transfer-into-pool';
import { transferOutOfPool } from '../use-cases/pool/transfer-out-of-pool';

const tags = ['pool'];

/** The member's monthly points pool (积分池, SPEC §7). */
export function poolRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/me/pool',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          "My points pool (积分池): dividend and pool points, today's window (in / out / redeem, and until when) and the operator's days",
        response: { 200: poolStatusSchema },
      },
    },
    async (req) => poolStatus(ctx, requireMember(req)),
  );
  app.post(
    '/api/v1/me/pool/transfers',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'Move dividend points into the pool (a whole hundred points; days 1–24 by default) or pool points out (days 1–5 by default). Needs an Idempotency-Key header.',
        headers: idempotencyHeadersSchema,
        body: poolTransferBodySchema,
        response: { 201: poolTransferSchema },
      },
    },
    async (req, reply) => {
      const memberId = requireMember(req);
      const key = req.headers['idempotency-key'];
      const r =
        req.body.direction === 'in'
          ? await transferIntoPool(ctx, memberId, req.body.amount, key)
          : await transferOutOfPool(ctx, memberId, req.body.amount, key);
      return reply.code(201).send(r.body);
    },
  );
}
