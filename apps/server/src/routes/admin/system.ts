import { z } from 'zod';
import {
  auditQuerySchema,
  createOperatorBodySchema,
  idParamsSchema,
  tierBodySchema,
  tierSchema,
} from '@pingou/contract';
import { auditRepo, authRepo, ledgerRepo, membersRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { createOperator } from '../../use-cases/auth/create-operator';
import { activeAlerts } from '../../use-cases/ledger/scheduled-ledger-check';
import { createTier, updateTier } from '../../use-cases/members/manage-tiers';
import { paged } from '../../paging';

const ledgerReport = z.object({
  ok: z.boolean(),
  entries: z.number(),
  postings: z.number(),
  unbalancedAssets: z.array(z.object({ asset: z.string(), sum: z.number() })),
  unbalancedEntries: z.array(z.object({ entryId: z.number(), asset: z.string(), sum: z.number() })),
  balanceMismatches: z.array(
    z.object({
      accountId: z.number(),
      memberId: z.number(),
      asset: z.string(),
      stored: z.number(),
      postings: z.number(),
    }),
  ),
  negativeMemberBalances: z.array(z.object({ accountId: z.number(), balance: z.number() })),
});

export function adminSystemRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/admin/me',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags: ['admin'],
        summary: 'The signed-in operator',
        response: { 200: z.object({ id: z.number(), username: z.string(), role: z.string() }) },
      },
    },
    async (req) => {
      const { operatorId } = actorOf(req);
      const op = (await authRepo.findOperatorById(ctx.db, operatorId))!;
      return { id: op.id, username: op.username, role: op.role };
    },
  );
  app.get(
    '/api/v1/admin/tiers',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags: ['admin: members'],
        summary: 'Team tiers',
        response: { 200: z.object({ items: z.array(tierSchema) }) },
      },
    },
    async () => ({
      items: (await membersRepo.listTiers(ctx.db)).map(({ id, code, name, rank, rateBp }) => ({
        id,
        code,
        name,
        rank,
        rateBp,
      })),
    }),
  );
  app.post(
    '/api/v1/admin/tiers',
    {
      config: { access: operatorRoles('operator') },
      schema: {
        tags: ['admin: members'],
        summary: 'Add a tier',
        body: tierBodySchema,
        response: { 201: tierSchema },
      },
    },
    async (req, reply) => {
      const t = await createTier(ctx, actorOf(req), req.body);
      return reply
        .code(201)
        .send({ id: t.id, code: t.code, name: t.name, rank: t.rank, rateBp: t.rateBp });
    },
  );
  app.put(
    '/api/v1/admin/tiers/:id',
    {
      config: { access: operatorRoles('operator') },
      schema: {
        tags: ['admin: members'],
        summary: 'Edit a tier',
        params: idParamsSchema,
        body: tierBodySchema,
        response: { 200: tierSchema },
      },
    },
    async (req) => {
      const t = await updateTier(ctx, actorOf(req), req.params.id, req.body);
      return { id: t.id, code: t.code, name: t.name, rank: t.rank, rateBp: t.rateBp };
    },
  );
  app.get(
    '/api/v1/admin/operators',
    {
      config: { access: operatorRoles() },
      schema: {
        tags: ['admin'],
        summary: 'Operator accounts (super admin)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                username: z.string(),
                role: z.string(),
                isDisabled: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({
      items: (await authRepo.listOperators(ctx.db)).map(({ id, username, role, isDisabled }) => ({
        id,
        username,
        role,
        isDisabled,
      })),
    }),
  );
  app.post(
    '/api/v1/admin/operators',
    {
      config: { access: operatorRoles() },
      schema: {
        tags: ['admin'],
        summary: 'Add an operator (super admin)',
        body: createOperatorBodySchema,
        response: { 201: z.object({ id: z.number(), username: z.string(), role: z.string() }) },
      },
    },
    async (req, reply) => {
      const op = await createOperator(ctx, actorOf(req), req.body);
      return reply.code(201).send({ id: op.id, username: op.username, role: op.role });
    },
  );
  app.get(
    '/api/v1/admin/audit',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags: ['admin'],
        summary: 'Audit log, newest first',
        querystring: auditQuerySchema,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.number(),
                operatorId: z.number().nullable(),
                action: z.string(),
                targetKind: z.string(),
                targetId: z.string().nullable(),
                before: z.unknown(),
                after: z.unknown(),
                requestId: z.string().nullable(),
                createdAt: z.string(),
              }),
            ),
            nextBefore: z.number().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const rows = await auditRepo.listAudit(ctx.db, { ...req.query, limit: req.query.limit + 1 });
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (r) => ({ ...r, createdAt: r.createdAt.toISOString() }),
      );
    },
  );
  app.get(
    '/api/v1/admin/alerts',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags: ['admin'],
        summary: 'Alerts an operator must see now (e.g. a failed scheduled ledger check)',
      },
    },
    async () => activeAlerts(ctx),
  );
  app.get(
    '/api/v1/admin/ledger/check',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags: ['admin: finance'],
        summary: 'Trial balance: ledger invariants (ledger:check)',
        response: { 200: ledgerReport },
      },
    },
    async () => ledgerRepo.checkLedger(ctx.db),
  );
  app.get(
    '/api/v1/admin/ledger/platform-balances',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags: ['admin: finance'],
        summary: 'Platform account balances (sum of postings)',
        response: {
          200: z.object({
            items: z.array(
              z.object({ purpose: z.string(), asset: z.string(), balance: z.number() }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await ledgerRepo.platformBalances(ctx.db) }),
  );
}
