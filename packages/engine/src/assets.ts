/**
 * The assets of the member wallet (SPEC §2) and the platform's accounts.
 * Cash is in fen; every other asset is in hundredths of its unit.
 */

export const FIXED_ASSETS = ['CASH', 'GOLD', 'DIVIDEND', 'POOL', 'CONSUMPTION', 'DIGITAL'] as const;
export type FixedAsset = (typeof FIXED_ASSETS)[number];
/** One voucher balance per voucher kind: `VOUCHER:<kind id>`. */
export type VoucherAsset = `VOUCHER:${number}`;
export type Asset = FixedAsset | VoucherAsset;

export function voucherAsset(kindId: number): VoucherAsset {
  if (!Number.isSafeInteger(kindId) || kindId <= 0) throw new Error(`bad voucher kind ${kindId}`);
  return `VOUCHER:${kindId}`;
}

export function isAsset(value: string): value is Asset {
  return (FIXED_ASSETS as readonly string[]).includes(value) || /^VOUCHER:[1-9]\d*$/.test(value);
}

/**
 * Platform accounts by purpose. Each exists per asset on demand.
 * - `issuance`: the counterparty of value the platform creates (points, gold,
 *   vouchers) — its balance is minus what is outstanding, so it may go negative.
 * - `payment_clearing`: money at payment providers; recharges debit it.
 */
export const PLATFORM_PURPOSES = [
  'escrow',
  'sales',
  'rewards_expense',
  'commissions_expense',
  'release_expense',
  'pool_monthly',
  'pool_daily',
  'payment_clearing',
  'payout_clearing',
  'withdrawals_pending',
  'fees',
  'issuance',
  'bridge_pending',
] as const;
export type PlatformPurpose = (typeof PLATFORM_PURPOSES)[number];

/** Platform accounts that are allowed to go below zero (they stand for the outside world). */
export const NEGATIVE_ALLOWED: ReadonlySet<PlatformPurpose> = new Set([
  'payment_clearing',
  'payout_clearing',
  'issuance',
  'rewards_expense',
  'commissions_expense',
  'release_expense',
]);

export type AccountRef =
  | { owner: 'member'; memberId: number; asset: Asset }
  | { owner: 'platform'; purpose: PlatformPurpose; asset: Asset };

export const memberAccount = (memberId: number, asset: Asset): AccountRef => ({
  owner: 'member',
  memberId,
  asset,
});
export const platformAccount = (purpose: PlatformPurpose, asset: Asset): AccountRef => ({
  owner: 'platform',
  purpose,
  asset,
});

export function accountKey(ref: AccountRef): string {
  return ref.owner === 'member'
    ? `m:${ref.memberId}:${ref.asset}`
    : `p:${ref.purpose}:${ref.asset}`;
}
