/**
 * The operator's pool window day boundaries (积分池, SPEC §7), stored as the
 * setting `pool_windows`; SPEC's days 1–5 / 6–24 / 25–month end until an
 * operator saves others.
 */
import { poolWindowSettingsSchema } from '@pingou/contract';
import { DEFAULT_POOL_WINDOWS, type PoolWindowSettings } from '@pingou/engine';
import { settingsRepo, type Tx } from '@pingou/db';

export const POOL_WINDOWS_SETTING = 'pool_windows';

export async function loadPoolWindows(tx: Tx): Promise<PoolWindowSettings> {
  const stored = await settingsRepo.getSetting<unknown>(tx, POOL_WINDOWS_SETTING);
  // Saved through the same schema; parsing again keeps a hand-edited row from reaching the window.
  return stored === undefined ? DEFAULT_POOL_WINDOWS : poolWindowSettingsSchema.parse(stored);
}
