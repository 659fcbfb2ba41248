import {
  historyQuerySchema,
  historyReplySchema,
  memberProfileSchema,
  teamReplySchema,
  updateProfileBodySchema,
  walletReplySchema,
} from '@pingou/contract';
import type { AppContext } from '../context';
import { MEMBER, requireMember } from '../http/access';
import type { TypedApp } from '../http/route-kit';
import { updateProfile } from '../use-cases/members/update-profile';
import { memberProfile, referralTree } from '../use-cases/members/view-member';
import { walletBalances, walletHistory } from '../use-cases/wallet/view-wallet';

/** The signed-in member's own data. No route here takes a member id: nobody can ask for another's. */
export function meRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/me',
    {
      config: { access: MEMBER },
      schema: { tags: ['member'], summary: 'My profile', response: { 200: memberProfileSchema } },
    },
    async (req) => memberProfile(ctx.db, requireMember(req)),
  );
  app.patch(
    '/api/v1/me',
    {
      config: { access: MEMBER },
      schema: {
        tags: ['member'],
        summary: 'Edit nickname and region',
        body: updateProfileBodySchema,
        response: { 200: memberProfileSchema },
      },
    },
    async (req) => {
      const id = requireMember(req);
      await updateProfile(ctx, id, req.body);
      return memberProfile(ctx.db, id);
    },
  );
  app.get(
    '/api/v1/me/team',
    {
      config: { access: MEMBER },
      schema: {
        tags: ['member'],
        summary: 'My referral tree, two levels (我的团队)',
        response: { 200: teamReplySchema },
      },
    },
    async (req) => referralTree(ctx.db, requireMember(req)),
  );
  app.get(
    '/api/v1/me/wallet',
    {
      config: { access: MEMBER },
      schema: {
        tags: ['member'],
        summary: 'Every balance (我的钱包)',
        response: { 200: walletReplySchema },
      },
    },
    async (req) => ({ balances: await walletBalances(ctx.db, requireMember(req)) }),
  );
  app.get(
    '/api/v1/me/wallet/history',
    {
      config: { access: MEMBER },
      schema: {
        tags: ['member'],
        summary: 'Posting history, newest first',
        querystring: historyQuerySchema,
        response: { 200: historyReplySchema },
      },
    },
    async (req) => walletHistory(ctx.db, requireMember(req), req.query),
  );
}
