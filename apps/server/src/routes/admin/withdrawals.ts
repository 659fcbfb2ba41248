import { z } from 'zod';
import {
  AppError,
  adminWithdrawalQuerySchema,
  adminWithdrawalSchema,
  rejectWithdrawalBodySchema,
  sandboxPayoutResultBodySchema,
  withdrawalNoParamsSchema,
  withdrawalRulesSchema,
  pageOf,
} from '@pingou/contract';
import { withdrawalsRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { OPERATOR_READ, operatorRoles } from '../../http/access';
import { actorOf, type TypedApp } from '../../http/route-kit';
import { isSandboxProvider } from '../../payments/sandbox-provider';
import { handleNotification } from '../../use-cases/recharge/handle-notification';
import { approveWithdrawal, rejectWithdrawal } from '../../use-cases/withdrawals/review-withdrawal';
import { updateWithdrawalRules } from '../../use-cases/withdrawals/update-withdrawal-rules';
import { adminWithdrawalView } from '../../use-cases/withdrawals/withdrawal-lifecycle';
import { loadWithdrawalRules } from '../../use-cases/withdrawals/withdrawal-rules';

export function adminWithdrawalRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: finance'];
  const FINANCE = operatorRoles('finance');
  app.get(
    '/api/v1/admin/withdrawals',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Withdrawals (提现), newest first; filter by status to find those awaiting review',
        querystring: adminWithdrawalQuerySchema,
        response: {
          200: pageOf(adminWithdrawalSchema),
        },
      },
    },
    async (req) => {
      const rows = await withdrawalsRepo.listWithdrawals(ctx.db, {
        ...req.query,
        limit: req.query.limit + 1,
      });
      const page = rows.slice(0, req.query.limit);
      return {
        items: page.map(adminWithdrawalView),
        nextBefore: rows.length > req.query.limit ? page[page.length - 1]!.id : null,
      };
    },
  );
  app.get(
    '/api/v1/admin/withdrawals/:withdrawalNo',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'One withdrawal',
        params: withdrawalNoParamsSchema,
        response: { 200: adminWithdrawalSchema },
      },
    },
    async (req) => {
      const w = await withdrawalsRepo.findWithdrawalByNo(ctx.db, req.params.withdrawalNo);
      if (!w) throw new AppError('WITHDRAWAL_NOT_FOUND');
      return adminWithdrawalView(w);
    },
  );
  app.post(
    '/api/v1/admin/withdrawals/:withdrawalNo/approve',
    {
      config: { access: FINANCE },
      schema: {
        tags,
        summary:
          'Approve: the provider pays out the amount less the fee. Approving an approved one resends its payout.',
        params: withdrawalNoParamsSchema,
        response: { 200: adminWithdrawalSchema },
      },
    },
    async (req) => approveWithdrawal(ctx, actorOf(req), req.params.withdrawalNo),
  );
  app.post(
    '/api/v1/admin/withdrawals/:withdrawalNo/reject',
    {
      config: { access: FINANCE },
      schema: {
        tags,
        summary: 'Reject with a reason: the held cash returns to the member',
        params: withdrawalNoParamsSchema,
        body: rejectWithdrawalBodySchema,
        response: { 200: adminWithdrawalSchema },
      },
    },
    async (req) => rejectWithdrawal(ctx, actorOf(req), req.params.withdrawalNo, req.body.reason),
  );
  app.get(
    '/api/v1/admin/settings/withdrawal-rules',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Withdrawal minimum and fee (rate or tiers)',
        response: { 200: withdrawalRulesSchema },
      },
    },
    async () => loadWithdrawalRules(ctx.db),
  );
  app.put(
    '/api/v1/admin/settings/withdrawal-rules',
    {
      config: { access: FINANCE },
      schema: {
        tags,
        summary: 'Change the withdrawal minimum and fee; requests already made keep their fee',
        body: withdrawalRulesSchema,
        response: { 200: withdrawalRulesSchema },
      },
    },
    async (req) => updateWithdrawalRules(ctx, actorOf(req), req.body),
  );
  app.post(
    '/api/v1/sandbox/withdrawals/:withdrawalNo/payout-result',
    {
      config: { access: FINANCE },
      schema: {
        tags: ['sandbox'],
        summary:
          'Sandbox only: the provider finishes a payout; its signed notification goes through the real path',
        params: withdrawalNoParamsSchema,
        body: sandboxPayoutResultBodySchema,
        response: { 200: z.object({ outcome: z.string(), withdrawal: adminWithdrawalSchema }) },
      },
    },
    async (req) => {
      const w = await withdrawalsRepo.findWithdrawalByNo(ctx.db, req.params.withdrawalNo);
      if (!w) throw new AppError('WITHDRAWAL_NOT_FOUND');
      const provider = ctx.providers.get(w.provider);
      if (!provider || !isSandboxProvider(provider)) throw new AppError('PAYMENT_PROVIDER_UNKNOWN');
      const n = provider.simulatePayoutNotification(w.withdrawalNo, req.body.isSuccess, {
        amountFen: w.payoutAmount,
      });
      const outcome = await handleNotification(ctx, w.provider, n.headers, n.rawBody);
      const after = (await withdrawalsRepo.findWithdrawalByNo(ctx.db, w.withdrawalNo))!;
      return { outcome, withdrawal: adminWithdrawalView(after) };
    },
  );
}
