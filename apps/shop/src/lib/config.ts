/** Platform settings the shop formats with (GET /api/v1/shop/config). */
import { useQuery } from '@tanstack/react-query';
import type { ShopConfig } from './types';
import { api } from './api';

const FALLBACK: ShopConfig = {
  timeZone: 'Asia/Shanghai',
  today: '',
  rechargeProviders: ['sandbox'],
  // the contract's default ASSET_LABELS, copied: the bundle takes no runtime code from the contract
  assetNames: {
    CASH: { zh: '零钱', en: 'Cash' },
    GOLD: { zh: '购物金', en: 'Shopping gold' },
    DIVIDEND: { zh: '分红积分', en: 'Dividend points' },
    POOL: { zh: '积分池', en: 'Pool points' },
    CONSUMPTION: { zh: '消费积分', en: 'Consumption points' },
    DIGITAL: { zh: '数字积分', en: 'Digital points' },
  },
};

export function useShopConfig(): ShopConfig {
  const q = useQuery({
    queryKey: ['shop-config'],
    queryFn: () => api<ShopConfig>('/shop/config'),
    staleTime: 5 * 60_000,
  });
  return q.data ?? FALLBACK;
}

/** The name members see for an asset kind (operator setting, SPEC §2), as a {zh, en} label for `pick`. */
export function useAssetName(): (asset: string) => { zh: string; en: string } {
  const { assetNames } = useShopConfig();
  return (asset) => assetNames[asset] ?? FALLBACK.assetNames[asset] ?? { zh: asset, en: asset };
}
