import {
  economicsDrawBodySchema,
  economicsDrawResultSchema,
  economicsSimulateBodySchema,
  economicsSimulationResultSchema,
} from '@pingou/contract';
import type { ActivitySettings } from '@pingou/engine';
import type { AppContext } from '../../context';
import { operatorRoles } from '../../http/access';
import type { TypedApp } from '../../http/route-kit';
import {
  drawEconomics,
  ONLINE_SIMULATION_LIMITS,
  resolveSettings,
  simulate,
} from '../../use-cases/economics';

/**
 * Economics (利润演算, SPEC §12) for the console's activity editor. POST because the
 * configuration travels in the body. Nothing changes, but the house rule (access.ts and
 * its authorization matrix test) is that an auditor reaches no non-GET route, so the
 * roles are operator and finance (super admin always).
 */
const ECONOMICS_ROLES = operatorRoles('operator', 'finance');

export function adminEconomicsRoutes(app: TypedApp, ctx: AppContext) {
  const tags = ['admin: economics'];
  app.post(
    '/api/v1/admin/economics/draw',
    {
      config: { access: ECONOMICS_ROLES },
      schema: {
        tags,
        summary:
          'One draw of a configuration under stated assumptions: cash in, outflows by kind, cash profit, obligations created, profit after obligations',
        body: economicsDrawBodySchema,
        response: { 200: economicsDrawResultSchema },
      },
    },
    async (req) => {
      const settings = await resolveSettings(ctx, {
        activityId: req.body.activityId,
        settings: req.body.settings as ActivitySettings | undefined,
      });
      return drawEconomics(settings, req.body.assumptions);
    },
  );
  app.post(
    '/api/v1/admin/economics/simulate',
    {
      config: { access: ECONOMICS_ROLES },
      schema: {
        tags,
        summary: `A member population over days, day-by-day series; bounded online (days ≤ ${ONLINE_SIMULATION_LIMITS.maxDays}, member cap × days ≤ ${ONLINE_SIMULATION_LIMITS.maxMemberDays}, possible joins ≤ ${ONLINE_SIMULATION_LIMITS.maxJoins}), else ECONOMICS_TOO_LARGE`,
        body: economicsSimulateBodySchema,
        response: { 200: economicsSimulationResultSchema },
      },
    },
    async (req) => {
      const settings = await resolveSettings(ctx, {
        activityId: req.body.activityId,
        settings: req.body.settings as ActivitySettings | undefined,
      });
      return simulate(settings, req.body.population, ONLINE_SIMULATION_LIMITS);
    },
  );
}
