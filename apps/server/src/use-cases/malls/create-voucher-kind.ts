/** An operator creates a voucher kind (购物券种类) with its name; audited. Its balances are `VOUCHER:<id>`. */
import { AppError } from '@pingou/contract';
import { inTransaction, mallsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { voucherKindView } from './mall-views';
import { syncVoucherKindNames } from './voucher-kind-names';

export async function createVoucherKind(
  ctx: AppContext,
  actor: Actor,
  input: { name: string; isActive: boolean },
) {
  return inTransaction(ctx.db, async (tx) => {
    await mallsRepo.lockVoucherKinds(tx);
    const existing = await mallsRepo.listVoucherKinds(tx);
    if (existing.some((k) => k.name === input.name)) throw new AppError('VOUCHER_KIND_NAME_TAKEN');
    const kind = await mallsRepo.insertVoucherKind(tx, input);
    await syncVoucherKindNames(tx);
    const view = voucherKindView(kind);
    await audit(
      tx,
      actor,
      'voucher_kind.create',
      { kind: 'voucher_kind', id: kind.id },
      null,
      view,
    );
    return view;
  });
}
