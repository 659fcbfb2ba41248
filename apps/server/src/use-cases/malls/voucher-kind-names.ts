/**
 * Voucher kinds live in `voucher_kinds`; the wallet and the ledger labels read their
 * names from the `voucher_kind_names` setting (asset → name). Every voucher-kind write
 * rebuilds that setting from the table in the same transaction, under the voucher-kind
 * lock, so the two never disagree.
 */
import { mallsRepo, settingsRepo, type Tx } from '@pingou/db';
import { voucherAsset } from '@pingou/engine';
import { VOUCHER_NAMES_SETTING } from '../wallet/view-wallet';

export async function syncVoucherKindNames(tx: Tx): Promise<void> {
  const kinds = await mallsRepo.listVoucherKinds(tx);
  const names = Object.fromEntries(kinds.map((k) => [voucherAsset(k.id), k.name]));
  await settingsRepo.putSetting(tx, VOUCHER_NAMES_SETTING, names);
}
