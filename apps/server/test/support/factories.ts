/** Typed factories for tests: members, operators and cash, made through the real use cases. */
import { randomInt } from 'node:crypto';
import { authRepo } from '@pingou/db';
import type { AppContext } from '../../src/context';
import type { OperatorRole } from '../../src/http/access';
import { isSandboxProvider } from '../../src/payments/sandbox-provider';
import { createOperator } from '../../src/use-cases/auth/create-operator';
import { issueToken } from '../../src/use-cases/auth/sessions';
import { registerMember } from '../../src/use-cases/members/register-member';
import { createRecharge } from '../../src/use-cases/recharge/create-recharge';
import { handleNotification } from '../../src/use-cases/recharge/handle-notification';

let phoneSeq = randomInt(10_000_000);
export function newPhone(): string {
  phoneSeq = (phoneSeq + 1) % 100_000_000;
  return `139${String(phoneSeq).padStart(8, '0')}`;
}

export async function newMember(
  ctx: AppContext,
  opts: { inviteCode?: string; password?: string } = {},
) {
  const phone = newPhone();
  const password = opts.password ?? 'password-123';
  const r = await registerMember(ctx, { phone, password, inviteCode: opts.inviteCode });
  return {
    id: r.member.id,
    phone,
    password,
    inviteCode: r.member.inviteCode,
    token: r.token,
    auth: { authorization: `Bearer ${r.token}` },
  };
}

export async function newOperator(ctx: AppContext, role: OperatorRole) {
  const username = `op_${role}_${randomInt(1e9)}`;
  const op = await createOperator(ctx, null, { username, password: 'operator-pass', role });
  const t = await ctx.db.transaction((tx) => issueToken(ctx, tx, 'operator', op.id));
  return {
    id: op.id,
    username,
    role,
    token: t.token,
    auth: { authorization: `Bearer ${t.token}` },
  };
}

/** Cash through the real path: order, signed sandbox notification, credit. */
export async function rechargeCash(ctx: AppContext, memberId: number, amountFen: number) {
  const r = await createRecharge(
    ctx,
    memberId,
    { amountFen, provider: 'sandbox' },
    `factory-${randomInt(1e12)}`,
  );
  const sandbox = ctx.providers.get('sandbox')!;
  if (!isSandboxProvider(sandbox)) throw new Error('no sandbox');
  const n = sandbox.simulatePayment(r.body.outTradeNo);
  const outcome = await handleNotification(ctx, 'sandbox', n.headers, n.rawBody);
  if (outcome !== 'credited') throw new Error(`recharge not credited: ${outcome}`);
  return r.body.outTradeNo;
}

export { authRepo };

/** Many members quickly (no password hashing, cash credited directly): for concurrency and load tests. */
export async function newMembersWithCash(
  ctx: AppContext,
  count: number,
  cashFen: number,
  opts: { uplineId?: number } = {},
) {
  const { inTransaction, ledgerRepo, membersRepo } = await import('@pingou/db');
  const { memberAccount, platformAccount, transfer } = await import('@pingou/engine');
  return inTransaction(ctx.db, async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) {
      const m = await membersRepo.insertMember(tx, {
        phone: newPhone(),
        passwordHash: 'x',
        nickname: 'bulk',
        inviteCode: `B${randomInt(1e10).toString(36).toUpperCase()}`.slice(0, 12),
        uplineId: opts.uplineId ?? null,
      });
      await ledgerRepo.createMemberAccounts(tx, m.id);
      ids.push(m.id);
    }
    if (cashFen > 0) {
      await ledgerRepo.postEntries(
        tx,
        ids.map((id) => ({
          idempotencyKey: `bulk-cash:${id}`,
          kind: 'adjustment' as const,
          postings: transfer(
            platformAccount('payment_clearing', 'CASH'),
            memberAccount(id, 'CASH'),
            cashFen,
          ),
        })),
      );
    }
    return ids;
  });
}

/**
 * A balance of any asset created by the platform (shopping gold, points, vouchers):
 * one entry from `issuance` of that asset to the member, e.g. gold held before a draw.
 */
export async function creditAsset(
  ctx: AppContext,
  memberId: number,
  asset: import('@pingou/engine').Asset,
  amount: number,
) {
  const { inTransaction, ledgerRepo } = await import('@pingou/db');
  const { memberAccount, platformAccount, transfer } = await import('@pingou/engine');
  await inTransaction(ctx.db, (tx) =>
    ledgerRepo.postEntries(tx, [
      {
        idempotencyKey: `factory-credit:${memberId}:${asset}:${randomInt(1e12)}`,
        kind: 'adjustment',
        postings: transfer(
          platformAccount('issuance', asset),
          memberAccount(memberId, asset),
          amount,
        ),
      },
    ]),
  );
}
