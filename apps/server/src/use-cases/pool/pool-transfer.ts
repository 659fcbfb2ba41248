/**
 * What a pool transfer (积分池转入 / 转出) books, and the steps both directions
 * share. Dividend points and pool points are two assets, and an entry balances
 * per asset, so value passes through the platform's `issuance` account of each:
 * in = member DIVIDEND → issuance DIVIDEND and issuance POOL → member POOL;
 * out is the reverse. Issuance nets to zero over the pair of assets.
 */
import { AppError } from '@pingou/contract';
import {
  memberAccount,
  platformAccount,
  poolWindowAt,
  transfer,
  type JournalEntry,
  type PoolWindow,
  type PoolWindowSettings,
} from '@pingou/engine';
import { ledgerRepo, membersRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { idempotent } from '../idempotent';
import { loadPoolWindows } from './pool-windows';

export type PoolDirection = 'in' | 'out';

export function poolTransferEntry(
  memberId: number,
  direction: PoolDirection,
  amount: number,
  key: string,
): JournalEntry {
  const into = [
    ...transfer(
      memberAccount(memberId, 'DIVIDEND'),
      platformAccount('issuance', 'DIVIDEND'),
      amount,
    ),
    ...transfer(platformAccount('issuance', 'POOL'), memberAccount(memberId, 'POOL'), amount),
  ];
  return {
    idempotencyKey: `pool:${memberId}:${key}`,
    kind: 'pool_transfer',
    memo: direction === 'in' ? '转入积分池' : '转出积分池',
    ref: { memberId, direction },
    postings: direction === 'in' ? into : into.map((p) => ({ ...p, amount: -p.amount })),
  };
}

export interface PoolTransferReply {
  direction: PoolDirection;
  amount: number;
  dividend: number;
  pool: number;
  createdAt: string;
}

/**
 * One effect per Idempotency-Key (one scope for both directions): the member row
 * lock serializes this member's transfers, then `check` decides with the window
 * of now and the balance the amount leaves from.
 */
export function runPoolTransfer(
  ctx: AppContext,
  memberId: number,
  direction: PoolDirection,
  amount: number,
  idempotencyKey: string,
  check: (window: PoolWindow, settings: PoolWindowSettings) => void,
) {
  return idempotent(
    ctx,
    `member:${memberId}:pool-transfer`,
    idempotencyKey,
    { direction, amount },
    201,
    async (tx): Promise<PoolTransferReply> => {
      const member = await membersRepo.findMemberById(tx, memberId, { forUpdate: true });
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      if (member.isFrozen) throw new AppError('MEMBER_FROZEN');
      const now = ctx.clock.now();
      const settings = await loadPoolWindows(tx);
      check(poolWindowAt(now, ctx.config.timeZone, settings), settings);
      const source = direction === 'in' ? 'DIVIDEND' : 'POOL';
      if ((await ledgerRepo.memberBalance(tx, memberId, source)) < amount)
        throw new AppError('INSUFFICIENT_BALANCE');
      await ledgerRepo.postEntries(tx, [
        poolTransferEntry(memberId, direction, amount, idempotencyKey),
      ]);
      return {
        direction,
        amount,
        ...(await poolBalances(tx, memberId)),
        createdAt: now.toISOString(),
      };
    },
  );
}

export async function poolBalances(tx: Tx, memberId: number) {
  return {
    dividend: await ledgerRepo.memberBalance(tx, memberId, 'DIVIDEND'),
    pool: await ledgerRepo.memberBalance(tx, memberId, 'POOL'),
  };
}

/** The refusal, with what the calendar allows in its fields. */
export function windowClosed(
  window: PoolWindow,
  settings: PoolWindowSettings,
  direction: PoolDirection,
): AppError {
  const message =
    direction === 'in'
      ? `transfers in are open on days 1–${settings.inOnlyUntilDay}; the pool is ${window.phase} until ${window.phaseEndsAt}`
      : `transfers out are open on days 1–${settings.inOutUntilDay}; the pool is ${window.phase} until ${window.phaseEndsAt}`;
  return new AppError('POOL_WINDOW_CLOSED', { fields: [{ path: 'direction', message }] });
}
