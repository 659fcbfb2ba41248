/**
 * The operator's names for the point kinds (SPEC §2: 分红积分名字可自定义), stored as the
 * setting `asset_names`; a kind not named keeps its default (ASSET_LABELS). Read once per
 * request by whatever shows a point kind's name to members.
 */
import { assetNamesSchema, type AssetNames } from '@pingou/contract';
import { settingsRepo, type Tx } from '@pingou/db';

export const ASSET_NAMES_SETTING = 'asset_names';

export async function loadAssetNames(tx: Tx): Promise<AssetNames> {
  const stored = await settingsRepo.getSetting<unknown>(tx, ASSET_NAMES_SETTING);
  // Saved through the same schema; parsing again keeps a hand-edited row from reaching members.
  return stored === undefined ? {} : assetNamesSchema.parse(stored);
}
