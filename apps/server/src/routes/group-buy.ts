import { z } from 'zod';
import {
  AppError,
  idSchema,
  joinBodySchema,
  orderAddressBodySchema,
  pageQuerySchema,
} from '@pingou/contract';
import { describeRules, type ActivitySettings, type PointKindNames } from '@pingou/engine';
import { groupBuyRepo, membersRepo, stockRepo } from '@pingou/db';
import type { AppContext } from '../context';
import { MEMBER, PUBLIC, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { idempotencyKeyFrom } from '../use-cases/idempotent';
import { joinGroup } from '../use-cases/group-buy/join-group';
import {
  completeOrder,
  ORDER_STATUS_LABELS,
  setOrderAddress,
} from '../use-cases/group-buy/manage-orders';
import { groupView, publishedDraw, verifyGroupDraw } from '../use-cases/group-buy/view-groups';
import { settingsOfVersion } from '../use-cases/group-buy/version-settings';
import { paged } from '../paging';
import { remainingOf } from '../use-cases/stock/stock-views';
import { loadAssetNames } from '../use-cases/wallet/asset-names';

const tags = ['group buying'];
const idParams = z.object({ id: idSchema }).strict();
const orderParams = z.object({ orderNo: z.string().regex(/^[A-Z0-9]{6,32}$/) }).strict();

export function publicActivityView(
  a: groupBuyRepo.ActivityRow,
  settings: ActivitySettings,
  /** The listed activities' stock rows (stockRepo.stockOf, one query for all); none = unlimited. */
  stock: Map<string, stockRepo.StockRow> = new Map(),
  /** The operator's point-kind names (loadAssetNames, once per request) used in the rules text. */
  names: PointKindNames = {},
) {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    status: a.status,
    isLargeZone: a.isLargeZone,
    startsAt: a.startsAt ? a.startsAt.toISOString() : null,
    endsAt: a.endsAt ? a.endsAt.toISOString() : null,
    versionId: a.currentVersionId,
    priceFen: settings.priceFen,
    groupSize: settings.groupSize,
    winners: settings.winners,
    dailyJoinLimit: settings.dailyJoinLimit,
    options: settings.options.map((o) => ({
      id: o.id,
      kind: o.kind,
      name: o.name,
      imageUrl: o.imageUrl ?? null,
      ...optionAvailability(stock.get(`${a.id}:${o.id}`)),
    })),
    rules: {
      zh: describeRules(settings, 'zh-CN', names),
      en: describeRules(settings, 'en', names),
    },
    settings,
  };
}

/** Sold out when every unit is reserved or sold; `remaining` only when the stock is limited. */
function optionAvailability(row: stockRepo.StockRow | undefined) {
  const remaining = remainingOf(row);
  return { soldOut: remaining === 0, remaining };
}

export function orderView(o: groupBuyRepo.OrderRow) {
  return {
    orderNo: o.orderNo,
    memberId: o.memberId,
    source: o.source,
    groupId: o.groupId,
    activityId: o.activityId,
    itemName: o.itemName,
    kind: o.kind,
    status: o.status,
    statusLabel: ORDER_STATUS_LABELS[o.status],
    address: o.address,
    trackingNo: o.trackingNo,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function groupBuyRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/activities',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary:
          'Published activities by price zone; large zones only for members allowed to see them',
      },
    },
    async (req) => {
      const p = req.principal;
      const member =
        p?.kind === 'member' ? await membersRepo.findMemberById(ctx.db, p.id) : undefined;
      const rows = await groupBuyRepo.listActivities(ctx.db, { status: ['published'] });
      const stock = await stockRepo.stockOf(
        ctx.db,
        rows.map((a) => a.id),
      );
      const names = await loadAssetNames(ctx.db);
      const items = [];
      for (const a of rows) {
        if (a.isLargeZone && !member?.isLargePrepaid) continue;
        // versions are immutable: their settings come from the per-process cache, not a query each
        items.push(
          publicActivityView(
            a,
            await settingsOfVersion(ctx, ctx.db, a.currentVersionId!),
            stock,
            names,
          ),
        );
      }
      return { items };
    },
  );
  app.get(
    '/api/v1/activities/:id',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'An activity with every rule in plain Chinese and English (活动规则)',
        params: idParams,
      },
    },
    async (req) => {
      const a = await groupBuyRepo.findActivity(ctx.db, req.params.id);
      if (!a || a.currentVersionId === null || a.status === 'draft')
        throw new AppError('ACTIVITY_NOT_FOUND');
      return publicActivityView(
        a,
        await settingsOfVersion(ctx, ctx.db, a.currentVersionId),
        await stockRepo.stockOf(ctx.db, [a.id]),
        await loadAssetNames(ctx.db),
      );
    },
  );
  app.post(
    '/api/v1/activities/:id/join',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'Join (参团): needs an Idempotency-Key header',
        params: idParams,
        body: joinBodySchema,
      },
    },
    async (req, reply) => {
      const r = await joinGroup(
        ctx,
        requireMember(req),
        { activityId: req.params.id, ...req.body },
        idempotencyKeyFrom(req.headers),
      );
      return reply.code(r.status).send(r.body);
    },
  );
  app.get(
    '/api/v1/groups/:id',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'A group: seats (平台补位 marked), commitment, and after the draw its proof',
        params: idParams,
      },
    },
    async (req) =>
      groupView(ctx.db, req.params.id, req.principal?.kind === 'member' ? req.principal.id : null),
  );
  app.get(
    '/api/v1/groups/:id/draw',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'The published draw: revealed seed, seats, eligibility, winners',
        params: idParams,
      },
    },
    async (req) => publishedDraw(ctx.db, req.params.id),
  );
  app.get(
    '/api/v1/groups/:id/verify',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Recompute the winners from the published data (验证公平)',
        params: idParams,
      },
    },
    async (req) => verifyGroupDraw(ctx.db, req.params.id),
  );
  app.get(
    '/api/v1/me/groups',
    {
      config: { access: MEMBER },
      schema: { tags, summary: 'My seats and their results', querystring: pageQuerySchema },
    },
    async (req) => {
      const rows = await groupBuyRepo.memberSeats(ctx.db, requireMember(req), {
        before: req.query.before,
        limit: req.query.limit + 1,
      });
      return paged(
        rows,
        req.query.limit,
        (r) => r.seat.id,
        ({ seat, group }) => ({
          seatId: seat.id,
          groupId: group.id,
          activityId: group.activityId,
          seatNo: seat.seatNo,
          optionId: seat.optionId,
          groupStatus: group.status,
          result: seat.result,
          joinedAt: seat.createdAt.toISOString(),
        }),
      );
    },
  );
  app.get(
    '/api/v1/me/orders',
    {
      config: { access: MEMBER },
      schema: { tags, summary: 'My orders', querystring: pageQuerySchema },
    },
    async (req) => {
      const memberId = requireMember(req);
      const rows = await groupBuyRepo.listOrders(ctx.db, {
        memberId,
        before: req.query.before,
        limit: req.query.limit + 1,
      });
      // a virtual product's code: only here, to the member who owns the order
      const codes = await stockRepo.codesOfMemberOrders(
        ctx.db,
        memberId,
        rows.filter((r) => r.kind === 'virtual').map((r) => r.orderNo),
      );
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (o) => ({
          ...orderView(o),
          code: codes.get(o.orderNo) ?? null,
        }),
      );
    },
  );
  app.put(
    '/api/v1/me/orders/:orderNo/address',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'Give the delivery address (待填地址 → 待发货)',
        params: orderParams,
        body: orderAddressBodySchema,
      },
    },
    async (req) =>
      orderView(await setOrderAddress(ctx, requireMember(req), req.params.orderNo, req.body)),
  );
  app.post(
    '/api/v1/me/orders/:orderNo/complete',
    {
      config: { access: MEMBER },
      schema: { tags, summary: 'Confirm receipt (已发货 → 已完成)', params: orderParams },
    },
    async (req) => orderView(await completeOrder(ctx, requireMember(req), req.params.orderNo)),
  );
}
