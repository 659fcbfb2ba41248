/**
 * Option stock (库存) and virtual-product codes (兑换码), SPEC §3, as the API speaks them.
 * Stock is per activity and option, outside the versioned settings; null = unlimited.
 * A virtual option's stock is the number of codes uploaded for it.
 */
import { z } from 'zod';
import { idSchema } from './schemas';

const int4 = 2_147_483_647;
export const optionIdSchema = z.coerce.number().int().positive().max(int4);
export const activityOptionParamsSchema = z
  .object({ id: idSchema, optionId: optionIdSchema })
  .strict();

export const MAX_CODES_PER_UPLOAD = 1000;
/** One code: printable, no spaces, at most 200 characters. */
export const virtualCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, '兑换码只能含可见 ASCII 字符 / a code is visible ASCII only');

export const setOptionStockBodySchema = z
  .object({ stock: z.number().int().min(0).max(1_000_000_000).nullable() })
  .strict();
export const uploadCodesBodySchema = z
  .object({ codes: z.array(virtualCodeSchema).min(1).max(MAX_CODES_PER_UPLOAD) })
  .strict();

export const optionStockSchema = z.object({
  optionId: z.number(),
  name: z.string(),
  kind: z.enum(['product', 'virtual', 'voucher']),
  /** false for vouchers: they have no stock. */
  hasStock: z.boolean(),
  /** null = unlimited. */
  stock: z.number().nullable(),
  reserved: z.number(),
  sold: z.number(),
  /** null = unlimited. */
  remaining: z.number().nullable(),
  /** Virtual options only: codes not yet given / given to winners. */
  codes: z.object({ available: z.number(), assigned: z.number() }).nullable(),
});
export const activityStockSchema = z.object({
  activityId: z.number(),
  options: z.array(optionStockSchema),
});
export type OptionStock = z.infer<typeof optionStockSchema>;
export type ActivityStock = z.infer<typeof activityStockSchema>;

export const uploadCodesReplySchema = z.object({
  added: z.number(),
  /** Codes already uploaded for this option (or repeated in the request), left out. */
  duplicates: z.number(),
  option: optionStockSchema,
});

export const virtualCodesViewSchema = z.object({
  optionId: z.number(),
  available: z.number(),
  assigned: z.number(),
  /** The latest codes, masked but for their last 4 characters; never the codes in bulk. */
  recent: z.array(
    z.object({
      id: z.number(),
      masked: z.string(),
      isAssigned: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});
export type VirtualCodesView = z.infer<typeof virtualCodesViewSchema>;
