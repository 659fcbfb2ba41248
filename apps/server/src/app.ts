/**
 * The HTTP server: Fastify under /api/v1 with zod validation at the edge,
 * OpenAPI at /api/docs, request ids in every log line and error body, and
 * access rules declared on every route.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AppContext } from './context';
import { registerAccessControl, type RouteInfo } from './http/access';
import { frameworkErrors, refuseNulCharacters, registerErrorHandling } from './http/errors';
import { registerWebApps } from './http/web';
import { typed } from './http/route-kit';
import { adminGroupBuyRoutes } from './routes/admin/group-buy';
import { adminMallRoutes } from './routes/admin/malls';
import { adminBlindBoxRoutes } from './routes/admin/blind-box';
import { adminBridgeRoutes } from './routes/admin/bridge';
import { adminEconomicsRoutes } from './routes/admin/economics';
import { adminConsoleRoutes } from './routes/admin/console';
import { adminStockRoutes } from './routes/admin/stock';
import { adminMemberRoutes } from './routes/admin/members';
import { adminPaymentRoutes } from './routes/admin/payments';
import { adminAssetNamesRoutes } from './routes/admin/asset-names';
import { adminPoolRoutes } from './routes/admin/pool';
import { adminSettlementRoutes } from './routes/admin/settlements';
import { adminSystemRoutes } from './routes/admin/system';
import { adminWithdrawalRoutes } from './routes/admin/withdrawals';
import { authRoutes } from './routes/auth';
import { blindBoxRoutes } from './routes/blind-box';
import { bridgeRoutes } from './routes/bridge';
import { groupBuyRoutes } from './routes/group-buy';
import { healthRoutes } from './routes/health';
import { mallRoutes } from './routes/malls';
import { meRoutes } from './routes/me';
import { paymentRoutes } from './routes/payments';
import { poolRoutes } from './routes/pool';
import { withdrawalRoutes } from './routes/withdrawals';
import { shopRoutes } from './routes/shop';
import { groupEventRoutes } from './routes/group-events';

export interface BuiltApp {
  app: FastifyInstance;
  routeTable: RouteInfo[];
}

export async function buildApp(
  ctx: AppContext,
  opts: { logger?: boolean | object } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger: opts.logger ?? { level: ctx.config.logLevel },
    genReqId: () => randomUUID(),
    bodyLimit: 64 * 1024,
    trustProxy: false,
    frameworkErrors,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  refuseNulCharacters(app);
  const routeTable: RouteInfo[] = [];
  registerAccessControl(app, ctx, routeTable);

  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Pingou 拼购 API',
        version: '1.0.0',
        description:
          'Group-buy lottery commerce platform. Money in integer fen; rates in basis points.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const api = typed(app);
  healthRoutes(api, ctx);
  authRoutes(api, ctx);
  meRoutes(api, ctx);
  paymentRoutes(api, ctx);
  adminMemberRoutes(api, ctx);
  adminSystemRoutes(api, ctx);
  adminPaymentRoutes(api, ctx);
  groupBuyRoutes(api, ctx);
  adminGroupBuyRoutes(api, ctx);
  adminSettlementRoutes(api, ctx);
  withdrawalRoutes(api, ctx);
  adminWithdrawalRoutes(api, ctx);
  poolRoutes(api, ctx);
  adminPoolRoutes(api, ctx);
  adminAssetNamesRoutes(api, ctx);
  mallRoutes(api, ctx);
  adminMallRoutes(api, ctx);
  blindBoxRoutes(api, ctx);
  adminBlindBoxRoutes(api, ctx);
  bridgeRoutes(api, ctx);
  adminBridgeRoutes(api, ctx);
  shopRoutes(api, ctx);
  groupEventRoutes(api, ctx);
  adminEconomicsRoutes(api, ctx);
  adminConsoleRoutes(api, ctx);
  adminStockRoutes(api, ctx);
  await registerWebApps(app);
  await app.ready();
  return { app, routeTable };
}
