/** The points and voucher malls (SPEC §9): voucher kinds, items and their stock, redemptions. */
import { and, desc, eq, getTableColumns, lt, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { mallItems, mallRedemptions, voucherKinds } from '../schema-malls';

export type VoucherKindRow = typeof voucherKinds.$inferSelect;
export type MallItemRow = typeof mallItems.$inferSelect;
export type MallRedemptionRow = typeof mallRedemptions.$inferSelect;
export type Mall = MallItemRow['mall'];
/** An item with the name of its voucher kind (null in the points mall). */
export type MallItemView = MallItemRow & { voucherKindName: string | null };

// ---- voucher kinds

/** Serializes voucher-kind writers so the names setting rebuilt from the table is never stale. */
export async function lockVoucherKinds(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('pingou:voucher_kinds'))`);
}

export async function insertVoucherKind(
  tx: Tx,
  v: { name: string; isActive: boolean },
): Promise<VoucherKindRow> {
  const [row] = await tx.insert(voucherKinds).values(v).returning();
  return row!;
}

export async function findVoucherKind(
  tx: Tx,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<VoucherKindRow | undefined> {
  const q = tx.select().from(voucherKinds).where(eq(voucherKinds.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateVoucherKind(
  tx: Tx,
  id: number,
  patch: Partial<Pick<VoucherKindRow, 'name' | 'isActive'>>,
): Promise<VoucherKindRow> {
  const [row] = await tx
    .update(voucherKinds)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(voucherKinds.id, id))
    .returning();
  return row!;
}

export async function listVoucherKinds(tx: Tx): Promise<VoucherKindRow[]> {
  return tx.select().from(voucherKinds).orderBy(voucherKinds.id);
}

// ---- items

export async function insertItem(
  tx: Tx,
  v: Omit<typeof mallItems.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<MallItemRow> {
  const [row] = await tx.insert(mallItems).values(v).returning();
  return row!;
}

export async function findItem(
  tx: Tx,
  id: number,
  opts: { forUpdate?: boolean } = {},
): Promise<MallItemRow | undefined> {
  const q = tx.select().from(mallItems).where(eq(mallItems.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateItem(
  tx: Tx,
  id: number,
  patch: Partial<
    Pick<
      MallItemRow,
      'name' | 'description' | 'imageUrl' | 'kind' | 'pointsPrice' | 'cashPriceFen' | 'isActive'
    >
  >,
): Promise<MallItemRow> {
  const [row] = await tx
    .update(mallItems)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(mallItems.id, id))
    .returning();
  return row!;
}

/** Adds stock in one statement (no read-modify-write), so it never loses a concurrent redemption. */
export async function addStock(
  tx: Tx,
  id: number,
  quantity: number,
): Promise<MallItemRow | undefined> {
  const [row] = await tx
    .update(mallItems)
    .set({ stock: sql`${mallItems.stock} + ${quantity}`, updatedAt: new Date() })
    .where(eq(mallItems.id, id))
    .returning();
  return row;
}

/**
 * Takes `quantity` from the stock only if that much is left (guarded UPDATE): concurrent
 * redemptions wait on the row and re-check the guard, so the stock never goes below zero.
 * Returns the item as it is now, or undefined when there was not enough.
 */
export async function takeStock(
  tx: Tx,
  id: number,
  quantity: number,
): Promise<MallItemRow | undefined> {
  const [row] = await tx
    .update(mallItems)
    .set({ stock: sql`${mallItems.stock} - ${quantity}` })
    .where(and(eq(mallItems.id, id), sql`${mallItems.stock} >= ${quantity}`))
    .returning();
  return row;
}

/** Items newest first, keyset-paged by id, with the voucher kind's name. */
export async function listItems(
  tx: Tx,
  f: {
    mall?: Mall;
    voucherKindId?: number;
    isActive?: boolean;
    before?: number;
    limit: number;
  },
): Promise<MallItemView[]> {
  const where = [];
  if (f.mall) where.push(eq(mallItems.mall, f.mall));
  if (f.voucherKindId) where.push(eq(mallItems.voucherKindId, f.voucherKindId));
  if (f.isActive !== undefined) where.push(eq(mallItems.isActive, f.isActive));
  if (f.before) where.push(lt(mallItems.id, f.before));
  return tx
    .select({ ...getTableColumns(mallItems), voucherKindName: voucherKinds.name })
    .from(mallItems)
    .leftJoin(voucherKinds, eq(voucherKinds.id, mallItems.voucherKindId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(mallItems.id))
    .limit(f.limit);
}

// ---- redemptions

export async function insertRedemption(
  tx: Tx,
  v: Omit<typeof mallRedemptions.$inferInsert, 'id' | 'createdAt'> & { createdAt: Date },
): Promise<MallRedemptionRow> {
  const [row] = await tx.insert(mallRedemptions).values(v).returning();
  return row!;
}
