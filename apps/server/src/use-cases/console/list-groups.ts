/**
 * Groups for the console: filtered by activity, state and the platform day they
 * opened, with the activity's name, house seats and the draw's cash profit.
 */
import type { ConsoleGroup } from '@pingou/contract';
import { addDays, startOfDay } from '@pingou/engine';
import { consoleRepo } from '@pingou/db';
import type { AppContext } from '../../context';
import { paged } from '../../paging';

export interface GroupFilter {
  limit: number;
  before?: number;
  activityId?: number;
  status?: ConsoleGroup['status'];
  from?: string;
  to?: string;
}

export async function listConsoleGroups(ctx: AppContext, f: GroupFilter) {
  const tz = ctx.config.timeZone;
  const { from, to, ...rest } = f;
  const rows = await consoleRepo.groupsPage(ctx.db, {
    ...rest,
    ...(from !== undefined ? { from: startOfDay(from, tz) } : {}),
    ...(to !== undefined ? { until: startOfDay(addDays(to, 1), tz) } : {}),
  });
  return paged(
    rows,
    f.limit,
    (r) => r.id,
    (r): ConsoleGroup => r,
  );
}
