/** Settings of published activity versions, read once per process (a version never changes). */
import type { ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';

/**
 * Settings of activity versions, per database handle. A published version never changes, so its
 * settings are read once per process instead of on every join (a round trip and a JSON parse).
 * Keyed by the Db so that another database (a test harness, a bench run) never sees these.
 */
const versionSettings = new WeakMap<object, Map<number, ActivitySettings>>();

export async function settingsOfVersion(
  ctx: AppContext,
  tx: Tx,
  versionId: number,
): Promise<ActivitySettings> {
  let cache = versionSettings.get(ctx.db);
  if (!cache) versionSettings.set(ctx.db, (cache = new Map()));
  const hit = cache.get(versionId);
  if (hit) return hit;
  const v = (await groupBuyRepo.findVersion(tx, versionId))!;
  const settings = v.settings as ActivitySettings;
  cache.set(versionId, settings);
  return settings;
}
