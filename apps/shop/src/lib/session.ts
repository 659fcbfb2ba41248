/** The signed-in member: token (lib/api.ts) and profile. */
import { useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, getToken, onTokenChange } from './api';
import type { Profile } from './types';

export function useToken(): string | null {
  return useSyncExternalStore(onTokenChange, getToken, getToken);
}

export function useMe() {
  const token = useToken();
  return useQuery({
    queryKey: ['me', token],
    queryFn: () => api<Profile>('/me'),
    enabled: token !== null,
  });
}
