/**
 * The names members see for the point kinds (SPEC §2: 分红积分名字可自定义). The operator
 * may rename dividend, pool, consumption and digital points; cash (零钱) and shopping gold
 * (购物金) keep their names, and voucher kinds are named with the kind itself.
 */
import { z } from 'zod';
import { ASSET_LABELS } from './labels';

/** The point kinds whose names are operator settings. */
export const NAMEABLE_ASSETS = ['DIVIDEND', 'POOL', 'CONSUMPTION', 'DIGITAL'] as const;
export type NameableAsset = (typeof NAMEABLE_ASSETS)[number];

const assetName = z.string().trim().min(1).max(16);

export const assetNameSchema = z.object({ zh: assetName, en: assetName }).strict();

/** A kind left out keeps its default name. */
export const assetNamesSchema = z
  .object({
    DIVIDEND: assetNameSchema.optional(),
    POOL: assetNameSchema.optional(),
    CONSUMPTION: assetNameSchema.optional(),
    DIGITAL: assetNameSchema.optional(),
  })
  .strict();
export type AssetNames = z.infer<typeof assetNamesSchema>;

/** The effective name of every fixed asset (CASH, GOLD and the point kinds) with `names` applied. */
export function effectiveAssetLabels(
  names: AssetNames = {},
): Record<string, { zh: string; en: string }> {
  return { ...ASSET_LABELS, ...names };
}
