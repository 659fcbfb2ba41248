/** An operator changes the pool window day boundaries; audited. Applies from the next request. */
import { AppError } from '@pingou/contract';
import { poolWindowProblems, type PoolWindowSettings } from '@pingou/engine';
import { inTransaction, settingsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { loadPoolWindows, POOL_WINDOWS_SETTING } from './pool-windows';

export async function updatePoolWindows(
  ctx: AppContext,
  actor: Actor,
  settings: PoolWindowSettings,
): Promise<PoolWindowSettings> {
  const problems = poolWindowProblems(settings);
  if (problems.length > 0) throw new AppError('POOL_WINDOWS_INVALID', { fields: problems });
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadPoolWindows(tx);
    await settingsRepo.putSetting(tx, POOL_WINDOWS_SETTING, settings);
    await audit(
      tx,
      actor,
      'pool.windows',
      { kind: 'setting', id: POOL_WINDOWS_SETTING },
      before,
      settings,
    );
    return settings;
  });
}
