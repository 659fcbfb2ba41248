/**
 * Blind box (盲盒, SPEC §9) as the API speaks it: the operator's prize table and
 * cap, the member's tickets (each with its commitment), opening one with a
 * client seed, and the published result anyone can verify
 * (procedure `pingou-blindbox-v1`, docs/fairness.md).
 */
import { z } from 'zod';
import { fenSchema, pageOf } from './schemas';

export const blindBoxPrizeKindSchema = z.enum(['product', 'cash', 'points', 'gold']);

const hundredthsSchema = z.number().int().min(0).max(10_000_000_000);

export const blindBoxPrizeBodySchema = z
  .object({
    name: z.string().trim().min(1).max(64),
    kind: blindBoxPrizeKindSchema,
    weight: z.number().int().min(1).max(1_000_000),
    stock: z.number().int().min(0).max(10_000_000),
    /** What the prize is worth (fen); a cash prize pays exactly this. At most the cap. */
    valueFen: fenSchema,
    /** Points (consumption points) and gold: hundredths credited. 0 for product and cash. */
    amount: hundredthsSchema.default(0),
  })
  .strict();
/** Editing a prize: everything but its stock (restock moves the stock). */
export const updateBlindBoxPrizeBodySchema = blindBoxPrizeBodySchema.omit({ stock: true }).strict();
export const restockBodySchema = z
  .object({ add: z.number().int().min(1).max(10_000_000) })
  .strict();

export const blindBoxPrizeSchema = z.object({
  id: z.number(),
  activityId: z.number(),
  name: z.string(),
  kind: blindBoxPrizeKindSchema,
  weight: z.number(),
  stock: z.number(),
  valueFen: z.number(),
  amount: z.number(),
  updatedAt: z.string(),
});

export const blindBoxCapSchema = z.object({ capFen: fenSchema }).strict();

export const prizeIdParamsSchema = z
  .object({ prizeId: z.coerce.number().int().positive().max(2_147_483_647) })
  .strict();

export const ticketKeyParamsSchema = z
  .object({ ticketKey: z.string().regex(/^[A-Za-z0-9._~:-]{1,128}$/) })
  .strict();

export const openBlindBoxBodySchema = z
  .object({
    clientSeed: z
      .string()
      .regex(/^[A-Za-z0-9._~-]{0,64}$/, '客户端种子为 0–64 个 A–Z a–z 0–9 . _ ~ - 字符')
      .default(''),
  })
  .strict();

export const publishedBlindBoxSchema = z
  .object({
    version: z.literal('pingou-blindbox-v1'),
    ticketKey: z.string().max(128),
    memberRef: z.string().max(64),
    clientSeed: z.string().max(64),
    commitmentHex: z.string().max(64),
    serverSeedHex: z.string().max(64),
    prizes: z
      .array(
        z
          .object({ id: z.number().int(), weight: z.number().int(), stock: z.number().int() })
          .strict(),
      )
      .max(100),
    randomnessHex: z.string().max(64),
    prizeId: z.number().int(),
  })
  .strict();

export const wonPrizeSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: blindBoxPrizeKindSchema,
  valueFen: z.number(),
  amount: z.number(),
});

export const blindBoxResultSchema = z.object({
  ticketKey: z.string(),
  prize: wonPrizeSchema,
  /** The product order (待填地址) for a product prize. */
  orderNo: z.string().nullable(),
  openedAt: z.string(),
  published: publishedBlindBoxSchema,
});

export const blindBoxTicketSchema = z.object({
  ticketKey: z.string(),
  activityId: z.number(),
  groupId: z.number(),
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  /** SHA-256 of the ticket's secret server seed, fixed before the ticket can be opened. */
  commitment: z.string(),
  result: blindBoxResultSchema.nullable(),
});

export const blindBoxTicketsReplySchema = pageOf(blindBoxTicketSchema);

export const blindBoxVerifyReplySchema = z.object({
  ok: z.boolean(),
  problems: z.array(z.string()),
  published: publishedBlindBoxSchema.optional(),
});
