/** What the stock routes show: an activity's options with their stock, codes and what is left. */
import type { OptionStock } from '@pingou/contract';
import { AppError } from '@pingou/contract';
import type { ActivityOption, ActivitySettings } from '@pingou/engine';
import { groupBuyRepo, stockRepo, type Tx } from '@pingou/db';
import type { AppContext } from '../../context';
import { settingsOfVersion } from '../group-buy/version-settings';

/**
 * The options an operator can stock: the draft's (being edited, so the latest names and kinds)
 * and any option only the published version still has (its open groups may still draw it).
 */
export async function optionsOfActivity(ctx: AppContext, tx: Tx, activityId: number) {
  const a = await groupBuyRepo.findActivity(tx, activityId);
  if (!a) throw new AppError('ACTIVITY_NOT_FOUND');
  const draft = (a.draft as Partial<ActivitySettings>).options ?? [];
  const published =
    a.currentVersionId === null
      ? []
      : (await settingsOfVersion(ctx, tx, a.currentVersionId)).options;
  const byId = new Map<number, ActivityOption>();
  for (const o of [...published, ...draft]) byId.set(o.id, o);
  return { activity: a, options: [...byId.values()].sort((x, y) => x.id - y.id) };
}

export async function findOption(ctx: AppContext, tx: Tx, activityId: number, optionId: number) {
  const { options } = await optionsOfActivity(ctx, tx, activityId);
  const option = options.find((o) => o.id === optionId);
  if (!option) throw new AppError('OPTION_NOT_FOUND');
  return option;
}

export function remainingOf(row: stockRepo.StockRow | undefined): number | null {
  if (!row || row.stock === null) return null;
  return Math.max(0, row.stock - row.reserved - row.sold);
}

export function optionStockView(
  o: Pick<ActivityOption, 'id' | 'name' | 'kind'>,
  row: stockRepo.StockRow | undefined,
  codes: { available: number; assigned: number } | undefined,
): OptionStock {
  return {
    optionId: o.id,
    name: o.name,
    kind: o.kind,
    hasStock: o.kind !== 'voucher',
    stock: row?.stock ?? null,
    reserved: row?.reserved ?? 0,
    sold: row?.sold ?? 0,
    remaining: remainingOf(row),
    codes: o.kind === 'virtual' ? (codes ?? { available: 0, assigned: 0 }) : null,
  };
}
