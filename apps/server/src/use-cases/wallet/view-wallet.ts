/** The member's wallet: every balance of SPEC §2 and its posting history with readable reasons. */
import { assetLabel, entryKindLabel } from '@pingou/contract';
import { ledgerRepo, settingsRepo, type Tx } from '@pingou/db';
import { paged } from '../../paging';
import { loadAssetNames } from './asset-names';

export const VOUCHER_NAMES_SETTING = 'voucher_kind_names';

export async function walletBalances(tx: Tx, memberId: number) {
  const rows = await ledgerRepo.memberBalances(tx, memberId);
  const names =
    (await settingsRepo.getSetting<Record<string, string>>(tx, VOUCHER_NAMES_SETTING)) ?? {};
  const pointNames = await loadAssetNames(tx);
  return rows.map((r) => ({
    asset: r.asset,
    balance: r.balance,
    unit: r.asset === 'CASH' ? ('fen' as const) : ('hundredths' as const),
    label: assetLabel(r.asset, names, pointNames),
  }));
}

export async function walletHistory(
  tx: Tx,
  memberId: number,
  q: { asset?: string | undefined; before?: number | undefined; limit: number },
) {
  const rows = await ledgerRepo.memberHistory(tx, memberId, {
    asset: q.asset,
    before: q.before,
    limit: q.limit + 1,
  });
  // the names are read once for the page, not per row
  const voucherNames =
    (await settingsRepo.getSetting<Record<string, string>>(tx, VOUCHER_NAMES_SETTING)) ?? {};
  const pointNames = await loadAssetNames(tx);
  return paged(
    rows,
    q.limit,
    (r) => r.postingId,
    (r) => ({
      id: r.postingId,
      entryId: r.entryId,
      kind: r.kind,
      reason: entryKindLabel(r.kind),
      memo: r.memo,
      asset: r.asset,
      label: assetLabel(r.asset, voucherNames, pointNames),
      amount: r.amount,
      createdAt: r.createdAt.toISOString(),
    }),
  );
}
