import { z } from 'zod';
import { AppError, pageQuerySchema } from '@pingou/contract';
import { platformDay, validateStaticReleaseRule, addDays } from '@pingou/engine';
import { inTransaction, settingsRepo, settlementsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { paged } from '../../paging';
import { audit } from '../../use-cases/audit';
import { catchUpSettlements } from '../../use-cases/settlements/catch-up';
import {
  confirmMonthlyAmount,
  previewMonthlySettlement,
} from '../../use-cases/settlements/monthly-settlement';
import {
  loadStaticRelease,
  STATIC_RELEASE_SETTING,
} from '../../use-cases/settlements/daily-settlement';
import { previewDailySettlement } from '../../use-cases/settlements/preview-daily-settlement';

const tags = ['admin: settlements'];
const staticReleaseSchema = z
  .object({
    isEnabled: z.boolean(),
    baseBp: z.number().int().min(0).max(10_000),
    accelerationBpPerJoin: z.number().int().min(0).max(10_000),
    maxBp: z.number().int().min(0).max(10_000),
  })
  .strict();

export function adminSettlementRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/admin/settlements',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Settlement runs with status and progress (done/total)',
        querystring: pageQuerySchema
          .extend({ kind: z.enum(['daily', 'monthly']).optional() })
          .strict(),
      },
    },
    async (req) => {
      const rows = await settlementsRepo.listRuns(ctx.db, {
        ...req.query,
        limit: req.query.limit + 1,
      });
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (r) => ({
          id: r.id,
          kind: r.kind,
          period: r.period,
          status: r.status,
          done: r.done,
          total: r.total,
          progress: r.total === 0 ? 1 : r.done / r.total,
          totals: r.totals,
          createdAt: r.createdAt.toISOString(),
          finishedAt: r.finishedAt?.toISOString() ?? null,
        }),
      );
    },
  );
  app.get(
    '/api/v1/admin/settlements/daily/preview',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: "What a day's settlement pays, before it pays (default: yesterday)",
        querystring: z.object({ day: z.iso.date().optional() }).strict(),
      },
    },
    async (req) =>
      previewDailySettlement(
        ctx,
        req.query.day ?? addDays(platformDay(ctx.clock.now(), ctx.config.timeZone), -1),
      ),
  );
  app.post(
    '/api/v1/admin/settlements/catch-up',
    {
      config: { access: operatorRoles('finance') },
      schema: {
        tags,
        summary: 'Run every due daily and monthly settlement now, oldest first (idempotent)',
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      await inTransaction(ctx.db, (tx) =>
        audit(tx, actor, 'settlement.catch_up', { kind: 'settlement', id: null }, null, null),
      );
      const runs = await catchUpSettlements(ctx);
      return reply.code(200).send({
        runs: runs.map((r) => ({
          period: r.period,
          status: r.status,
          done: r.done,
          total: r.total,
        })),
      });
    },
  );
  const period = z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict();
  app.get(
    '/api/v1/admin/settlements/monthly/:period/preview',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'The month-end dividend before it pays: pool, confirmed amount, holders',
        params: period,
      },
    },
    async (req) => previewMonthlySettlement(ctx, req.params.period),
  );
  app.put(
    '/api/v1/admin/settlements/monthly/:period/amount',
    {
      config: { access: operatorRoles('finance') },
      schema: {
        tags,
        summary: "Confirm the month's dividend amount before its run (instead of the pool balance)",
        params: period,
        body: z.object({ amountFen: z.number().int().min(0).max(10_000_000_000) }).strict(),
      },
    },
    async (req) => confirmMonthlyAmount(ctx, actorOf(req), req.params.period, req.body.amountFen),
  );
  app.get(
    '/api/v1/admin/settings/static-release',
    {
      config: { access: OPERATOR_READ },
      schema: { tags, summary: 'Static release of shopping gold (静态释放)' },
    },
    async () => loadStaticRelease(ctx.db),
  );
  app.put(
    '/api/v1/admin/settings/static-release',
    {
      config: { access: operatorRoles('operator') },
      schema: {
        tags,
        summary: 'Change the static release (from the next daily run on)',
        body: staticReleaseSchema,
      },
    },
    async (req) => {
      const problems = validateStaticReleaseRule(req.body);
      if (problems.length)
        throw new AppError('VALIDATION_FAILED', {
          fields: problems.map((p) => ({ path: `body.${p.path}`, message: p.message })),
        });
      const actor = actorOf(req);
      return inTransaction(ctx.db, async (tx) => {
        const before = await loadStaticRelease(tx);
        await settingsRepo.putSetting(tx, STATIC_RELEASE_SETTING, req.body);
        await audit(
          tx,
          actor,
          'settings.static_release',
          { kind: 'setting', id: STATIC_RELEASE_SETTING },
          before,
          req.body,
        );
        return req.body;
      });
    },
  );
}
