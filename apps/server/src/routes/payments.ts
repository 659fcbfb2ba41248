import { z } from 'zod';
import {
  AppError,
  createRechargeBodySchema,
  pageQuerySchema,
  rechargeOrderSchema,
  tradeNoParamsSchema,
  idempotencyHeadersSchema,
  pageOf,
} from '@pingou/contract';
import { paymentsRepo } from '@pingou/db';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { MEMBER, PUBLIC, requireMember } from '../http/access';
import { typed, type TypedApp } from '../http/route-kit';
import { isSandboxProvider } from '../payments/sandbox-provider';
import { createRecharge, rechargeView } from '../use-cases/recharge/create-recharge';
import { handleNotification, isAcknowledged } from '../use-cases/recharge/handle-notification';
import { paged } from '../paging';

const tags = ['payments'];

export function paymentRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/v1/me/recharges',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'Start a recharge (充值). Needs an Idempotency-Key header.',
        headers: idempotencyHeadersSchema,
        body: createRechargeBodySchema,
        response: { 201: rechargeOrderSchema },
      },
    },
    async (req, reply) => {
      const r = await createRecharge(
        ctx,
        requireMember(req),
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(201).send(r.body);
    },
  );
  app.get(
    '/api/v1/me/recharges',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'My recharges',
        querystring: pageQuerySchema,
        response: {
          200: pageOf(rechargeOrderSchema),
        },
      },
    },
    async (req) => {
      const rows = await paymentsRepo.listOrders(ctx.db, {
        memberId: requireMember(req),
        before: req.query.before,
        limit: req.query.limit + 1,
      });
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (o) => rechargeView(o),
      );
    },
  );
  app.get(
    '/api/v1/me/recharges/:outTradeNo',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'One of my recharges',
        params: tradeNoParamsSchema,
        response: { 200: rechargeOrderSchema },
      },
    },
    async (req) => {
      const o = await paymentsRepo.findOrderByTradeNo(ctx.db, req.params.outTradeNo);
      // Another member's order answers exactly like a missing one.
      if (!o || o.memberId !== requireMember(req)) throw new AppError('PAYMENT_ORDER_NOT_FOUND');
      return rechargeView(o);
    },
  );
  app.post(
    '/api/v1/sandbox/recharges/:outTradeNo/pay',
    {
      config: { access: MEMBER },
      schema: {
        tags: ['sandbox'],
        summary: 'Sandbox only: pay my pending order; the sandbox sends its signed notification',
        params: tradeNoParamsSchema,
        response: { 200: rechargeOrderSchema },
      },
    },
    async (req) => {
      const o = await paymentsRepo.findOrderByTradeNo(ctx.db, req.params.outTradeNo);
      if (!o || o.memberId !== requireMember(req)) throw new AppError('PAYMENT_ORDER_NOT_FOUND');
      const provider = ctx.providers.get(o.provider);
      if (!provider || !isSandboxProvider(provider)) throw new AppError('PAYMENT_PROVIDER_UNKNOWN');
      const n = provider.simulatePayment(o.outTradeNo, { amountFen: o.amount });
      await handleNotification(ctx, o.provider, n.headers, n.rawBody);
      return rechargeView((await paymentsRepo.findOrderByTradeNo(ctx.db, o.outTradeNo))!);
    },
  );
  app.register(async (scope: FastifyInstance) => notifyRoute(scope, ctx));
}

/** The provider's callback. The signature covers the raw bytes, so this scope keeps the body as a string. */
function notifyRoute(scope: FastifyInstance, ctx: AppContext) {
  scope.removeContentTypeParser(['application/json', 'text/plain']);
  scope.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  typed(scope).post(
    '/api/v1/payments/notify/:provider',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Signed asynchronous notification from a payment provider',
        params: z.object({ provider: z.string().regex(/^[a-z0-9_-]{1,32}$/) }).strict(),
      },
    },
    async (req, reply) => {
      if (!ctx.providers.has(req.params.provider)) throw new AppError('PAYMENT_PROVIDER_UNKNOWN');
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
      const raw = typeof req.body === 'string' ? req.body : '';
      const outcome = await handleNotification(ctx, req.params.provider, headers, raw);
      const provider = ctx.providers.get(req.params.provider)!;
      const ok = isAcknowledged(outcome);
      const ack = provider.ackBody(ok);
      return reply.code(ack.status).send({ ...ack.body, outcome });
    },
  );
}
