/** Platform settings the shop formats with (GET /api/v1/shop/config). */
import { useQuery } from '@tanstack/react-query';
import type { ShopConfig } from './types';
import { api } from './api';

const FALLBACK: ShopConfig = {
  timeZone: 'Asia/Shanghai',
  today: '',
  rechargeProviders: ['sandbox'],
};

export function useShopConfig(): ShopConfig {
  const q = useQuery({
    queryKey: ['shop-config'],
    queryFn: () => api<ShopConfig>('/shop/config'),
    staleTime: 5 * 60_000,
  });
  return q.data ?? FALLBACK;
}
