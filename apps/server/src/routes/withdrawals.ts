import {
  AppError,
  createWithdrawalBodySchema,
  pageQuerySchema,
  withdrawalNoParamsSchema,
  withdrawalQuoteQuerySchema,
  withdrawalQuoteSchema,
  withdrawalSchema,
  idempotencyHeadersSchema,
  pageOf,
} from '@pingou/contract';
import { withdrawalsRepo } from '@pingou/db';
import type { AppContext } from '../context';
import { MEMBER, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { previewWithdrawal } from '../use-cases/withdrawals/preview-withdrawal';
import { requestWithdrawal } from '../use-cases/withdrawals/request-withdrawal';
import { withdrawalView } from '../use-cases/withdrawals/withdrawal-lifecycle';

const tags = ['withdrawals'];

export function withdrawalRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/me/withdrawals/quote',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'Preview a withdrawal (提现): the minimum, the fee and what would be paid out',
        querystring: withdrawalQuoteQuerySchema,
        response: { 200: withdrawalQuoteSchema },
      },
    },
    async (req) => previewWithdrawal(ctx, requireMember(req), req.query.amountFen),
  );
  app.post(
    '/api/v1/me/withdrawals',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'Ask to withdraw cash (提现); the amount is held until finance decides. Needs an Idempotency-Key header.',
        headers: idempotencyHeadersSchema,
        body: createWithdrawalBodySchema,
        response: { 201: withdrawalSchema },
      },
    },
    async (req, reply) => {
      const r = await requestWithdrawal(
        ctx,
        requireMember(req),
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(201).send(r.body);
    },
  );
  app.get(
    '/api/v1/me/withdrawals',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'My withdrawals',
        querystring: pageQuerySchema,
        response: {
          200: pageOf(withdrawalSchema),
        },
      },
    },
    async (req) => {
      const rows = await withdrawalsRepo.listWithdrawals(ctx.db, {
        memberId: requireMember(req),
        before: req.query.before,
        limit: req.query.limit + 1,
      });
      const page = rows.slice(0, req.query.limit);
      return {
        items: page.map(withdrawalView),
        nextBefore: rows.length > req.query.limit ? page[page.length - 1]!.id : null,
      };
    },
  );
  app.get(
    '/api/v1/me/withdrawals/:withdrawalNo',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'One of my withdrawals',
        params: withdrawalNoParamsSchema,
        response: { 200: withdrawalSchema },
      },
    },
    async (req) => {
      const w = await withdrawalsRepo.findWithdrawalByNo(ctx.db, req.params.withdrawalNo);
      // Another member's withdrawal answers exactly like a missing one.
      if (!w || w.memberId !== requireMember(req)) throw new AppError('WITHDRAWAL_NOT_FOUND');
      return withdrawalView(w);
    },
  );
}
