/**
 * An operator renames a voucher kind or turns it on or off; audited. Members keep
 * their balances of an inactive kind and may still spend them; only new voucher-mall
 * items need an active kind.
 */
import { AppError } from '@pingou/contract';
import { inTransaction, mallsRepo } from '@pingou/db';
import type { Actor, AppContext } from '../../context';
import { audit } from '../audit';
import { voucherKindView } from './mall-views';
import { syncVoucherKindNames } from './voucher-kind-names';

export async function updateVoucherKind(
  ctx: AppContext,
  actor: Actor,
  id: number,
  patch: { name?: string | undefined; isActive?: boolean | undefined },
) {
  return inTransaction(ctx.db, async (tx) => {
    await mallsRepo.lockVoucherKinds(tx);
    const kinds = await mallsRepo.listVoucherKinds(tx);
    const before = kinds.find((k) => k.id === id);
    if (!before) throw new AppError('VOUCHER_KIND_NOT_FOUND');
    if (patch.name !== undefined && kinds.some((k) => k.id !== id && k.name === patch.name))
      throw new AppError('VOUCHER_KIND_NAME_TAKEN');
    const after = await mallsRepo.updateVoucherKind(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    });
    await syncVoucherKindNames(tx);
    await audit(
      tx,
      actor,
      'voucher_kind.update',
      { kind: 'voucher_kind', id },
      { name: before.name, isActive: before.isActive },
      { name: after.name, isActive: after.isActive },
    );
    return voucherKindView(after);
  });
}
