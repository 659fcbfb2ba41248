import { describe, expect, it } from 'vitest';
import { memberAccount, platformAccount } from '../src/assets';
import { assertBalanced, compactPostings, transfer } from '../src/ledger';

describe('journal entries', () => {
  const cash = memberAccount(1, 'CASH');
  const escrow = platformAccount('escrow', 'CASH');
  it('a transfer balances', () => {
    expect(() =>
      assertBalanced({ idempotencyKey: 'k', kind: 'join', postings: transfer(cash, escrow, 100) }),
    ).not.toThrow();
  });
  it('an unbalanced entry is refused', () => {
    expect(() =>
      assertBalanced({
        idempotencyKey: 'k',
        kind: 'join',
        postings: [
          { account: cash, amount: -100 },
          { account: escrow, amount: 99 },
        ],
      }),
    ).toThrow(/off by -1 in CASH/);
  });
  it('a transfer across assets is refused', () => {
    expect(() => transfer(cash, platformAccount('issuance', 'GOLD'), 1)).toThrow();
  });
  it('compacting merges and drops zeros', () => {
    const p = compactPostings([...transfer(cash, escrow, 100), ...transfer(escrow, cash, 100)]);
    expect(p).toEqual([]);
  });
});
