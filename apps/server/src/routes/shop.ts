/**
 * Routes the member shop (H5) needs beyond the other areas: the platform
 * settings it formats with (time zone, today, recharge providers), the team's
 * earnings by kind with promoter validity, and last month's pool dividend.
 */
import {
  effectiveAssetLabels,
  entryKindLabel,
  lastMonthDividendSchema,
  shopConfigSchema,
  teamSummarySchema,
} from '@pingou/contract';
import { monthOf, platformDay } from '@pingou/engine';
import { shopRepo } from '@pingou/db';
import type { AppContext } from '../context';
import { loadMemberOr404, MEMBER, PUBLIC, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { loadAssetNames } from '../use-cases/wallet/asset-names';

const tags = ['shop'];

/** 'YYYY-MM' → the month before. */
function previousMonth(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function shopRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/shop/config',
    {
      config: { access: PUBLIC },
      schema: {
        tags,
        summary: 'Platform time zone, today, recharge providers and asset names, for the shop',
        response: { 200: shopConfigSchema },
      },
    },
    async () => ({
      timeZone: ctx.config.timeZone,
      today: platformDay(ctx.clock.now(), ctx.config.timeZone),
      rechargeProviders: [...ctx.providers.keys()],
      assetNames: effectiveAssetLabels(await loadAssetNames(ctx.db)),
    }),
  );
  app.get(
    '/api/v1/me/team/summary',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: 'My commissions by kind, promoter validity and invite code (我的团队收益)',
        response: { 200: teamSummarySchema },
      },
    },
    async (req) => {
      const m = await loadMemberOr404(ctx, requireMember(req));
      const today = platformDay(ctx.clock.now(), ctx.config.timeZone);
      const rows = await shopRepo.commissionTotals(ctx.db, m.id);
      return {
        inviteCode: m.inviteCode,
        promoterValidUntil: m.promoterValidUntil,
        isPromoter: m.promoterValidUntil !== null && m.promoterValidUntil >= today,
        commissions: rows.map((r) => ({ ...r, label: entryKindLabel(r.kind) })),
      };
    },
  );
  app.get(
    '/api/v1/me/pool/last-dividend',
    {
      config: { access: MEMBER },
      schema: {
        tags,
        summary: "Last month's pool dividend paid to me (上月分红)",
        response: { 200: lastMonthDividendSchema },
      },
    },
    async (req) => {
      const period = previousMonth(monthOf(platformDay(ctx.clock.now(), ctx.config.timeZone)));
      const r = await shopRepo.monthlyDividendOf(ctx.db, requireMember(req), period);
      return {
        period,
        status: r ? (r.runStatus === 'completed' ? 'completed' : 'running') : 'none',
        amountFen: r?.amountFen ?? 0,
        finishedAt: r?.finishedAt ? r.finishedAt.toISOString() : null,
      } as const;
    },
  );
}
