import { z } from 'zod';
import {
  agentBodySchema,
  assignTierBodySchema,
  freezeBodySchema,
  historyQuerySchema,
  historyReplySchema,
  idParamsSchema,
  largePrepaidBodySchema,
  memberProfileSchema,
  memberSearchQuerySchema,
  teamReplySchema,
  uplineBodySchema,
  walletReplySchema,
  pageOf,
} from '@pingou/contract';
import { membersRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { loadMemberOr404, OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { assignTier } from '../../use-cases/members/assign-tier';
import { correctUpline } from '../../use-cases/members/correct-upline';
import { setAgent } from '../../use-cases/members/set-agent';
import { setFrozen, setLargePrepaid } from '../../use-cases/members/set-frozen';
import { maskPhone, memberProfile, referralTree } from '../../use-cases/members/view-member';
import { walletBalances, walletHistory } from '../../use-cases/wallet/view-wallet';
import { paged } from '../../paging';

const memberListItem = z.object({
  id: z.number(),
  phone: z.string(),
  phoneMasked: z.string(),
  nickname: z.string(),
  uplineId: z.number().nullable(),
  tierId: z.number().nullable(),
  isFrozen: z.boolean(),
  createdAt: z.string(),
});

export function adminMemberRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: members'];
  const write = operatorRoles('operator');
  app.get(
    '/api/v1/admin/members',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Search members',
        querystring: memberSearchQuerySchema,
        response: {
          200: pageOf(memberListItem),
        },
      },
    },
    async (req) => {
      const rows = await membersRepo.searchMembers(ctx.db, {
        q: req.query.q,
        before: req.query.before,
        limit: req.query.limit + 1,
      });
      return paged(
        rows,
        req.query.limit,
        (r) => r.id,
        (m) => ({
          id: m.id,
          phone: m.phone,
          phoneMasked: maskPhone(m.phone),
          nickname: m.nickname,
          uplineId: m.uplineId,
          tierId: m.tierId,
          isFrozen: m.isFrozen,
          createdAt: m.createdAt.toISOString(),
        }),
      );
    },
  );
  app.get(
    '/api/v1/admin/members/:id',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'A member',
        params: idParamsSchema,
        response: { 200: memberProfileSchema },
      },
    },
    async (req) => memberProfile(ctx.db, req.params.id),
  );
  app.get(
    '/api/v1/admin/members/:id/team',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Referral tree two levels down',
        params: idParamsSchema,
        response: { 200: teamReplySchema },
      },
    },
    async (req) => {
      await loadMemberOr404(ctx, req.params.id);
      return referralTree(ctx.db, req.params.id);
    },
  );
  app.get(
    '/api/v1/admin/members/:id/wallet',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: "A member's balances",
        params: idParamsSchema,
        response: { 200: walletReplySchema },
      },
    },
    async (req) => {
      await loadMemberOr404(ctx, req.params.id);
      return { balances: await walletBalances(ctx.db, req.params.id) };
    },
  );
  app.get(
    '/api/v1/admin/members/:id/wallet/history',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: "A member's postings",
        params: idParamsSchema,
        querystring: historyQuerySchema,
        response: { 200: historyReplySchema },
      },
    },
    async (req) => {
      await loadMemberOr404(ctx, req.params.id);
      return walletHistory(ctx.db, req.params.id, req.query);
    },
  );
  const ok = z.object({ ok: z.literal(true) });
  app.put(
    '/api/v1/admin/members/:id/tier',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Assign a team tier (null removes)',
        params: idParamsSchema,
        body: assignTierBodySchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await assignTier(ctx, actorOf(req), req.params.id, req.body.tierId);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/v1/admin/members/:id/agent',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Make the member the agent of their province/city/district (null removes)',
        params: idParamsSchema,
        body: agentBodySchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await setAgent(ctx, actorOf(req), req.params.id, req.body.level);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/v1/admin/members/:id/frozen',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Freeze or unfreeze',
        params: idParamsSchema,
        body: freezeBodySchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await setFrozen(ctx, actorOf(req), req.params.id, req.body.isFrozen, req.body.reason);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/v1/admin/members/:id/upline',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Correct the direct upline (audited)',
        params: idParamsSchema,
        body: uplineBodySchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await correctUpline(ctx, actorOf(req), req.params.id, req.body.uplineId, req.body.reason);
      return { ok: true as const };
    },
  );
  app.put(
    '/api/v1/admin/members/:id/large-prepaid',
    {
      config: { access: write },
      schema: {
        tags,
        summary: 'Mark as large prepaid (大额预存)',
        params: idParamsSchema,
        body: largePrepaidBodySchema,
        response: { 200: ok },
      },
    },
    async (req) => {
      await setLargePrepaid(ctx, actorOf(req), req.params.id, req.body.isLargePrepaid);
      return { ok: true as const };
    },
  );
}
