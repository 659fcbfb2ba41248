import { z } from 'zod';
import {
  activityBodySchema,
  houseFillBodySchema,
  idSchema,
  manualOpenBodySchema,
  pageQuerySchema,
  shipOrderBodySchema,
} from '@pingou/contract';
import { addDays, startOfDay, type ActivitySettings } from '@pingou/engine';
import { groupBuyRepo } from '@pingou/db';
import { AppError } from '@pingou/contract';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { fillWithHouseSeats, openWithHouseSeats } from '../../use-cases/group-buy/house-seats';
import {
  createActivity,
  publishActivity,
  setActivityStatus,
  updateActivity,
} from '../../use-cases/group-buy/manage-activity';
import { shipOrder } from '../../use-cases/group-buy/manage-orders';
import { groupStatement, groupView } from '../../use-cases/group-buy/view-groups';
import { orderView } from '../group-buy';
import { paged } from '../../paging';

const tags = ['admin: group buying'];
const idParams = z.object({ id: idSchema }).strict();
/** Paging is opt-in (`limit` / `before`) so the activity pickers still read the whole list. */
const adminActivitiesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).optional(),
    // activities.id is an int4: a larger cursor would be a database error, not a 400
    before: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    status: z.enum(['draft', 'published', 'paused', 'ended']).optional(),
    /** Part of the name, matched literally and case-insensitively. */
    name: z.string().trim().min(1).max(64).optional(),
    /** 大额专区 only (true) or only the ordinary zones (false). */
    largeZone: z.enum(['true', 'false']).optional(),
  })
  .strict();

function adminActivityView(a: groupBuyRepo.ActivityRow) {
  return {
    ...a,
    createdAt: a.createdAt.toISOString(),
    startsAt: a.startsAt?.toISOString() ?? null,
    endsAt: a.endsAt?.toISOString() ?? null,
    draft: a.draft as ActivitySettings,
  };
}

export function adminGroupBuyRoutes(app: TypedApp, ctx: AppContext) {
  const write = operatorRoles('operator');
  app.get(
    '/api/v1/admin/activities',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary:
          'Activities by status, name and zone: a keyset page newest first with `limit`, every match (nextBefore null) without',
        querystring: adminActivitiesQuerySchema,
      },
    },
    async (req) => {
      const { limit, before, status, name, largeZone } = req.query;
      const filter = {
        status: status ? [status] : undefined,
        nameContains: name,
        isLargeZone: largeZone === undefined ? undefined : largeZone === 'true',
      };
      // without paging parameters: the whole list, as the activity pickers have always read it
      if (limit === undefined && before === undefined)
        return {
          items: (await groupBuyRepo.listActivities(ctx.db, filter)).map(adminActivityView),
          nextBefore: null,
        };
      const pageSize = limit ?? 20;
      const rows = await groupBuyRepo.listActivities(ctx.db, {
        ...filter,
        before,
        limit: pageSize + 1,
      });
      return paged(rows, pageSize, (r) => r.id, adminActivityView);
    },
  );
  app.get(
    '/api/v1/admin/activities/:id',
    {
      config: { access: OPERATOR_READ },
      schema: { tags, summary: 'An activity with its draft and version history', params: idParams },
    },
    async (req) => {
      const a = await groupBuyRepo.findActivity(ctx.db, req.params.id);
      if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
      const versions = await groupBuyRepo.listVersions(ctx.db, a.id);
      return {
        ...adminActivityView(a),
        versions: versions.map((v) => ({
          id: v.id,
          version: v.version,
          publishedAt: v.publishedAt.toISOString(),
          publishedBy: v.publishedBy,
          settings: v.settings,
        })),
      };
    },
  );
  app.post(
    '/api/v1/admin/activities',
    {
      config: { access: write },
      schema: { tags, summary: 'Create an activity (draft)', body: activityBodySchema },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(adminActivityView(await createActivity(ctx, actorOf(req), req.body as never))),
  );
  app.put(
    '/api/v1/admin/activities/:id',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Edit the draft (published versions never change)',
        params: idParams,
        body: activityBodySchema,
      },
    },
    async (req) =>
      adminActivityView(await updateActivity(ctx, actorOf(req), req.params.id, req.body as never)),
  );
  app.post(
    '/api/v1/admin/activities/:id/publish',
    {
      config: { access: write },
      schema: { tags, summary: 'Publish the draft as a new version', params: idParams },
    },
    async (req) => {
      const r = await publishActivity(ctx, actorOf(req), req.params.id);
      return { ...adminActivityView(r.activity), version: r.version.version };
    },
  );
  for (const action of ['pause', 'resume', 'end'] as const) {
    app.post(
      `/api/v1/admin/activities/:id/${action}`,
      {
        config: { access: write },
        schema: {
          tags,
          summary: `${action[0]!.toUpperCase()}${action.slice(1)} the activity`,
          params: idParams,
        },
      },
      async (req) =>
        adminActivityView(await setActivityStatus(ctx, actorOf(req), req.params.id, action)),
    );
  }
  app.post(
    '/api/v1/admin/activities/:id/manual-open',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Open a group with house seats (手动开团)',
        params: idParams,
        body: manualOpenBodySchema,
      },
    },
    async (req, reply) => {
      const g = await openWithHouseSeats(
        ctx,
        actorOf(req),
        req.params.id,
        req.body.houseSeats,
        req.body.reason,
      );
      return reply.code(201).send({
        groupId: g.id,
        seatsTaken: g.seatCount,
        groupSize: g.groupSize,
        commitment: g.commitment,
      });
    },
  );
  app.get(
    '/api/v1/admin/groups',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Groups by activity and state',
        querystring: pageQuerySchema
          .extend({
            activityId: z.coerce.number().int().positive().optional(),
            status: z.enum(['open', 'full', 'drawn', 'failed', 'expired']).optional(),
          })
          .strict(),
      },
    },
    async (req) => {
      const rows = await groupBuyRepo.listGroups(ctx.db, {
        ...req.query,
        limit: req.query.limit + 1,
      });
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (g) => ({
          id: g.id,
          activityId: g.activityId,
          versionId: g.versionId,
          status: g.status,
          groupSize: g.groupSize,
          seatsTaken: g.seatCount,
          commitment: g.commitment,
          openedAt: g.openedAt.toISOString(),
          closedAt: g.closedAt?.toISOString() ?? null,
        }),
      );
    },
  );
  app.get(
    '/api/v1/admin/groups/:id',
    {
      config: { access: OPERATOR_READ },
      schema: { tags, summary: 'A group with seats, eligibility and proof', params: idParams },
    },
    async (req) => groupView(ctx.db, req.params.id, null),
  );
  app.get(
    '/api/v1/admin/groups/:id/statement',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Per-draw statement: cash in, outflows by kind, profit, obligations',
        params: idParams,
      },
    },
    async (req) => groupStatement(ctx.db, req.params.id),
  );
  app.post(
    '/api/v1/admin/groups/:id/house-fill',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Fill empty seats with house seats and draw (机器人补位)',
        params: idParams,
        body: houseFillBodySchema,
      },
    },
    async (req) => {
      const r = await fillWithHouseSeats(ctx, actorOf(req), req.params.id, req.body.reason);
      return {
        groupId: req.params.id,
        outcome: r.outcome.kind,
        winners: r.outcome.kind === 'drawn' ? r.outcome.winners : [],
      };
    },
  );
  app.get(
    '/api/v1/admin/orders',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Orders (订单号, 团状态, 订单状态)',
        querystring: pageQuerySchema
          .extend({
            status: z
              .enum(['awaiting_address', 'awaiting_shipment', 'shipped', 'completed'])
              .optional(),
            memberId: z.coerce.number().int().positive().optional(),
            groupId: z.coerce.number().int().positive().optional(),
            activityId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
            /** The exact order number (case-insensitive). */
            orderNo: z
              .string()
              .trim()
              .regex(/^[A-Za-z0-9]{1,32}$/)
              .optional(),
            /** Created on or after this platform day. */
            from: z.iso.date().optional(),
            /** Created on or before this platform day. */
            to: z.iso.date().optional(),
          })
          .strict(),
      },
    },
    async (req) => {
      const { from, to, orderNo, ...q } = req.query;
      const tz = ctx.config.timeZone;
      const rows = await groupBuyRepo.listOrdersWithGroupStatus(ctx.db, {
        ...q,
        orderNo: orderNo?.toUpperCase(),
        createdFrom: from === undefined ? undefined : startOfDay(from, tz),
        createdBefore: to === undefined ? undefined : startOfDay(addDays(to, 1), tz),
        limit: q.limit + 1,
      });
      return paged(
        rows,
        q.limit,
        (r) => r.id,
        (r) => ({ ...orderView(r), groupStatus: r.groupStatus }),
      );
    },
  );
  app.post(
    '/api/v1/admin/orders/:orderNo/ship',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Mark shipped (待发货 → 已发货)',
        params: z.object({ orderNo: z.string().regex(/^[A-Z0-9]{6,32}$/) }).strict(),
        body: shipOrderBodySchema,
      },
    },
    async (req) =>
      orderView(await shipOrder(ctx, actorOf(req), req.params.orderNo, req.body.trackingNo)),
  );
}
