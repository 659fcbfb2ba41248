/**
 * The points mall (积分商城) and the voucher mall (购物券专区), SPEC §9, as the API
 * speaks them. Points prices are hundredths of consumption points (points mall)
 * or of the item's voucher kind (voucher mall); cash prices are fen.
 */
import { z } from 'zod';
import { fenSchema, idSchema, pageQuerySchema, pageOf } from './schemas';

/** points: consumption points (积分商城); voucher: a voucher kind (购物券专区); dividend: dividend points, days 1–5 only (SPEC §7). */
export const mallSchema = z.enum(['points', 'voucher', 'dividend']);
export const mallItemKindSchema = z.enum(['product', 'virtual']);

/** Hundredths, positive, below the same ceiling as fen. */
const pointsPriceSchema = z.number().int().min(1).max(10_000_000_000);
const stockSchema = z.number().int().min(0).max(1_000_000_000);
const itemName = z.string().trim().min(1).max(64);
const description = z.string().trim().max(2000);
const imageUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/\S+$/, '图片地址必须是 http(s) 链接 / image URL must be http(s)')
  .nullable();
const voucherKindName = z.string().trim().min(1).max(32);

// ---- voucher kinds

export const voucherKindSchema = z.object({
  id: z.number(),
  /** The ledger asset of this kind's balances. */
  asset: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const createVoucherKindBodySchema = z
  .object({ name: voucherKindName, isActive: z.boolean().default(true) })
  .strict();
export const updateVoucherKindBodySchema = z
  .object({ name: voucherKindName.optional(), isActive: z.boolean().optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.isActive !== undefined, {
    message: '至少修改一项 / change at least one field',
  });

// ---- items

/** What every item has, whichever mall it is in. */
const itemFields = {
  name: itemName,
  description: description.default(''),
  imageUrl: imageUrl.default(null),
  kind: mallItemKindSchema,
  pointsPrice: pointsPriceSchema,
  cashPriceFen: fenSchema.default(0),
  stock: stockSchema,
  isActive: z.boolean().default(true),
};

export const createMallItemBodySchema = z.discriminatedUnion('mall', [
  z
    .object({
      mall: z.literal('points'),
      ...itemFields,
    })
    .strict(),
  z
    .object({
      mall: z.literal('dividend'),
      ...itemFields,
    })
    .strict(),
  z
    .object({
      mall: z.literal('voucher'),
      voucherKindId: z.number().int().positive(),
      ...itemFields,
    })
    .strict(),
]);
/** The mall and voucher kind of an item are fixed at creation; stock changes by restocking. */
export const updateMallItemBodySchema = z
  .object({
    name: itemName.optional(),
    description: description.optional(),
    imageUrl: imageUrl.optional(),
    kind: mallItemKindSchema.optional(),
    pointsPrice: pointsPriceSchema.optional(),
    cashPriceFen: fenSchema.optional(),
    isActive: z.boolean().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    message: '至少修改一项 / change at least one field',
  });
export const restockMallItemBodySchema = z
  .object({ quantity: z.number().int().min(1).max(1_000_000) })
  .strict();

export const mallItemSchema = z.object({
  id: z.number(),
  mall: mallSchema,
  voucherKindId: z.number().nullable(),
  voucherKindName: z.string().nullable(),
  /** The ledger asset paid with: CONSUMPTION or VOUCHER:<kind>. */
  asset: z.string(),
  name: z.string(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  kind: mallItemKindSchema,
  pointsPrice: z.number(),
  cashPriceFen: z.number(),
  stock: z.number(),
  isActive: z.boolean(),
});
export const adminMallItemSchema = mallItemSchema.extend({
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const mallItemsPageSchema = pageOf(mallItemSchema);
export const adminMallItemsPageSchema = pageOf(adminMallItemSchema);

export const mallParamsSchema = z.object({ mall: mallSchema }).strict();
export const mallItemsQuerySchema = pageQuerySchema
  .extend({ voucherKindId: idSchema.optional() })
  .strict();
export const adminMallItemsQuerySchema = pageQuerySchema
  .extend({
    mall: mallSchema.optional(),
    voucherKindId: idSchema.optional(),
    isActive: z.enum(['true', 'false']).optional(),
  })
  .strict();

// ---- redemptions

export const redeemBodySchema = z
  .object({
    itemId: z.number().int().positive(),
    quantity: z.number().int().min(1).max(99).default(1),
  })
  .strict();
export const redemptionSchema = z.object({
  orderNo: z.string(),
  itemId: z.number(),
  itemName: z.string(),
  mall: mallSchema,
  quantity: z.number(),
  asset: z.string(),
  pointsPaid: z.number(),
  cashPaidFen: z.number(),
  /** The delivery state of the order: awaiting_address for products, completed for virtual items. */
  orderStatus: z.string(),
  createdAt: z.string(),
});
