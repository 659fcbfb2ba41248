import {
  AppError,
  bridgeCallbackParamsSchema,
  bridgeCallbackReplySchema,
  conversionNoParamsSchema,
  conversionSchema,
  createConversionBodySchema,
  pageQuerySchema,
  idempotencyHeadersSchema,
  pageOf,
} from '@pingou/contract';
import { bridgeRepo } from '@pingou/db';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context';
import { MEMBER, PUBLIC, requireMember } from '../http/access';
import { typed, type TypedApp } from '../http/route-kit';
import { paged } from '../paging';
import { conversionView } from '../use-cases/bridge/conversion-lifecycle';
import { handleBridgeCallback } from '../use-cases/bridge/handle-bridge-callback';
import { requestConversion } from '../use-cases/bridge/request-conversion';

const tags = ['bridge'];

export function bridgeRoutes(app: TypedApp, ctx: AppContext) {
  app.post(
    '/api/v1/me/bridge/conversions',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary:
          'Convert points through the chain bridge (对接区块链): out = dividend → digital points, in = back. Held at once, confirmed or returned when the bridge answers. Needs an Idempotency-Key header.',
        headers: idempotencyHeadersSchema,
        body: createConversionBodySchema,
        response: { 201: conversionSchema },
      },
    },
    async (req, reply) => {
      const r = await requestConversion(
        ctx,
        requireMember(req),
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.code(201).send(r.body);
    },
  );
  app.get(
    '/api/v1/me/bridge/conversions',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'My bridge conversions, newest first',
        querystring: pageQuerySchema,
        response: {
          200: pageOf(conversionSchema),
        },
      },
    },
    async (req) => {
      const rows = await bridgeRepo.listConversions(ctx.db, {
        memberId: requireMember(req),
        before: req.query.before,
        limit: req.query.limit + 1,
      });
      return paged(rows, req.query.limit, (r) => r.id, conversionView);
    },
  );
  app.get(
    '/api/v1/me/bridge/conversions/:conversionNo',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'One of my bridge conversions',
        params: conversionNoParamsSchema,
        response: { 200: conversionSchema },
      },
    },
    async (req) => {
      const c = await bridgeRepo.findConversionByNo(ctx.db, req.params.conversionNo);
      // Another member's conversion answers exactly like a missing one.
      if (!c || c.memberId !== requireMember(req)) throw new AppError('CONVERSION_NOT_FOUND');
      return conversionView(c);
    },
  );
  app.register(async (scope: FastifyInstance) => callbackRoute(scope, ctx));
}

/** The bridge's signed callback. The signature covers the raw bytes, so this scope keeps the body as a string. */
function callbackRoute(scope: FastifyInstance, ctx: AppContext) {
  scope.removeContentTypeParser(['application/json', 'text/plain']);
  scope.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  typed(scope).post(
    '/api/v1/bridge/callback/:adapter',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary:
          'Signed asynchronous verdict from a bridge (HMAC-SHA256, docs/bridge.md); refusals change nothing',
        params: bridgeCallbackParamsSchema,
        response: { 200: bridgeCallbackReplySchema },
      },
    },
    async (req) => {
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k.toLowerCase()] = Array.isArray(v) ? v[0] : v;
      return handleBridgeCallback(ctx, req.params.adapter, {
        path: req.url.split('?')[0]!,
        headers,
        rawBody: typeof req.body === 'string' ? req.body : '',
      });
    },
  );
}
