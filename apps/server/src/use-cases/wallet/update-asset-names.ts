/** An operator renames point kinds (SPEC §2); audited. Members see the new names on their next request. */
import type { AssetNames } from '@pingou/contract';
import { inTransaction, settingsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { ASSET_NAMES_SETTING, loadAssetNames } from './asset-names';

export async function updateAssetNames(
  ctx: AppContext,
  actor: Actor,
  names: AssetNames,
): Promise<AssetNames> {
  return inTransaction(ctx.db, async (tx) => {
    const before = await loadAssetNames(tx);
    await settingsRepo.putSetting(tx, ASSET_NAMES_SETTING, names);
    await audit(
      tx,
      actor,
      'settings.asset_names',
      { kind: 'setting', id: ASSET_NAMES_SETTING },
      before,
      names,
    );
    return names;
  });
}
