/** Items of a mall, newest first and paged: members see what is on sale, operators everything. */
import { mallsRepo, type Tx } from '@pingou/db';
import { paged } from '../../paging';
import { adminMallItemView, mallItemView } from './mall-views';

export async function listMallItems(
  tx: Tx,
  q: {
    mall: mallsRepo.Mall;
    voucherKindId?: number | undefined;
    before?: number | undefined;
    limit: number;
  },
) {
  const rows = await listRows(tx, { ...q, isActive: true });
  return paged(rows, q.limit, (r) => r.id, mallItemView);
}

export async function listMallItemsForOperator(
  tx: Tx,
  q: {
    mall?: mallsRepo.Mall | undefined;
    voucherKindId?: number | undefined;
    isActive?: 'true' | 'false' | undefined;
    before?: number | undefined;
    limit: number;
  },
) {
  const rows = await listRows(tx, {
    ...q,
    isActive: q.isActive === undefined ? undefined : q.isActive === 'true',
  });
  return paged(rows, q.limit, (r) => r.id, adminMallItemView);
}

async function listRows(
  tx: Tx,
  q: {
    mall?: mallsRepo.Mall | undefined;
    voucherKindId?: number | undefined;
    isActive?: boolean | undefined;
    before?: number | undefined;
    limit: number;
  },
) {
  return mallsRepo.listItems(tx, {
    ...(q.mall ? { mall: q.mall } : {}),
    ...(q.voucherKindId ? { voucherKindId: q.voucherKindId } : {}),
    ...(q.isActive !== undefined ? { isActive: q.isActive } : {}),
    ...(q.before ? { before: q.before } : {}),
    limit: q.limit + 1,
  });
}
