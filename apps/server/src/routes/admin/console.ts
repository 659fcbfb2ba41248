/** Read models the operator console needs beyond the other admin routes: dashboard, ledger explorer, groups by date. */
import {
  consoleGroupsPageSchema,
  consoleGroupsQuerySchema,
  dashboardQuerySchema,
  dashboardReplySchema,
  ledgerPageSchema,
  ledgerQuerySchema,
} from '@pingou/contract';
import type { AppContext } from '../../context';
import { OPERATOR_READ } from '../../http/access';
import type { TypedApp } from '../../http/route-kit';
import { loadDashboard } from '../../use-cases/console/dashboard';
import { exploreLedger } from '../../use-cases/console/ledger-explorer';
import { listConsoleGroups } from '../../use-cases/console/list-groups';

const tags = ['admin: console'];

export function adminConsoleRoutes(app: TypedApp, ctx: AppContext) {
  app.get(
    '/api/v1/admin/dashboard',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary:
          'Today, this month and the last days: joins, draws, cash in/out, profit, obligations',
        querystring: dashboardQuerySchema,
        response: { 200: dashboardReplySchema },
      },
    },
    async (req) => loadDashboard(ctx, req.query.days),
  );
  app.get(
    '/api/v1/admin/ledger/postings',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Ledger explorer: postings by member, account, asset, kind and day',
        querystring: ledgerQuerySchema,
        response: { 200: ledgerPageSchema },
      },
    },
    async (req) => exploreLedger(ctx, req.query),
  );
  app.get(
    '/api/v1/admin/console/groups',
    {
      config: { access: OPERATOR_READ },
      schema: {
        tags,
        summary: 'Groups by activity, state and opening day, with house seats and cash profit',
        querystring: consoleGroupsQuerySchema,
        response: { 200: consoleGroupsPageSchema },
      },
    },
    async (req) => listConsoleGroups(ctx, req.query),
  );
}
