/**
 * Journal entries as plain data. An entry is postings that balance to zero per
 * asset; the engine builds them, the database layer writes them. Helpers here
 * never touch storage, so settlements can be checked exhaustively in memory.
 */
import { accountKey, type AccountRef, type Asset } from './assets';
import { assertMinor } from './money';

/** Why value moved; each has a readable label in the contract. */
export const ENTRY_KINDS = [
  'recharge',
  'recharge_refund',
  'join',
  'refund',
  'sale',
  'loser_bonus',
  'release',
  'upline_release',
  'static_release',
  'gold_credit',
  'dividend_points',
  'consumption_points',
  'voucher_credit',
  'referral_commission',
  'team_commission',
  'regional_commission',
  'pool_contribution',
  'daily_dividend',
  'monthly_dividend',
  'pool_transfer',
  'withdrawal_hold',
  'withdrawal_release',
  'withdrawal_payout',
  'withdrawal_fee',
  'mall_redeem',
  'blind_box_prize',
  'bridge_out',
  'bridge_in',
  'bridge_reverse',
  'adjustment',
  'reversal',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface Posting {
  account: AccountRef;
  /** Positive = debit into the account's balance, negative = out of it. */
  amount: number;
}

export interface JournalEntry {
  /** Unique across the ledger: writing the same key twice has one effect. */
  idempotencyKey: string;
  kind: EntryKind;
  memo?: string;
  /** What the entry is about, for history and drill-down. */
  ref?: Record<string, string | number>;
  postings: Posting[];
}

export class UnbalancedEntryError extends Error {
  override name = 'UnbalancedEntryError';
}

/** A transfer of `amount` of one asset from one account to another. */
export function transfer(from: AccountRef, to: AccountRef, amount: number): Posting[] {
  assertMinor(amount);
  if (amount < 0) throw new UnbalancedEntryError('transfer amount must be >= 0');
  if (from.asset !== to.asset) throw new UnbalancedEntryError('transfer across assets');
  if (amount === 0) return [];
  return [
    { account: from, amount: -amount },
    { account: to, amount },
  ];
}

/** Sum per asset; every sum must be zero for a valid entry. */
export function sumsByAsset(postings: readonly Posting[]): Map<Asset, number> {
  const sums = new Map<Asset, number>();
  for (const p of postings) sums.set(p.account.asset, (sums.get(p.account.asset) ?? 0) + p.amount);
  return sums;
}

export function assertBalanced(entry: JournalEntry): void {
  if (entry.postings.length === 0)
    throw new UnbalancedEntryError(`entry ${entry.idempotencyKey} has no postings`);
  for (const p of entry.postings) assertMinor(p.amount, 'posting amount');
  for (const [asset, sum] of sumsByAsset(entry.postings)) {
    if (sum !== 0) {
      throw new UnbalancedEntryError(`entry ${entry.idempotencyKey} is off by ${sum} in ${asset}`);
    }
  }
}

/** Merge postings to the same account and drop zeros: fewer rows, same meaning. */
export function compactPostings(postings: readonly Posting[]): Posting[] {
  const byKey = new Map<string, Posting>();
  for (const p of postings) {
    const k = accountKey(p.account);
    const cur = byKey.get(k);
    if (cur) cur.amount += p.amount;
    else byKey.set(k, { account: p.account, amount: p.amount });
  }
  return [...byKey.values()].filter((p) => p.amount !== 0);
}

/** Net effect of entries on each account, keyed by accountKey. */
export function netEffect(
  entries: readonly JournalEntry[],
): Map<string, { account: AccountRef; delta: number }> {
  const out = new Map<string, { account: AccountRef; delta: number }>();
  for (const e of entries)
    for (const p of e.postings) {
      const k = accountKey(p.account);
      const cur = out.get(k);
      if (cur) cur.delta += p.amount;
      else out.set(k, { account: p.account, delta: p.amount });
    }
  return out;
}
