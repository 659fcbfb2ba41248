/**
 * The signed-in operator and what their role may do. The API enforces every
 * permission (apps/server/src/http/access.ts); the console mirrors it to hide or
 * disable what the role cannot do.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, get, post, setUnauthorizedHandler, tokenStore } from './api';

export type Role = 'super_admin' | 'operator' | 'finance' | 'auditor';
/** Who may act: operator work (activities, groups, members, malls, settings), finance work, super admin only. */
export type Capability = 'operate' | 'finance' | 'admin';

export function roleCan(role: Role | undefined, c: Capability): boolean {
  if (!role) return false;
  if (role === 'super_admin') return true;
  if (c === 'operate') return role === 'operator';
  if (c === 'finance') return role === 'finance';
  return false;
}

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  super_admin: { zh: '超级管理员', en: 'Super admin' },
  operator: { zh: '运营', en: 'Operator' },
  finance: { zh: '财务', en: 'Finance' },
  auditor: { zh: '只读审计', en: 'Read-only auditor' },
};

export interface Me {
  id: number;
  username: string;
  role: Role;
}

interface Auth {
  me: Me | null;
  isLoading: boolean;
  can: (c: Capability) => boolean;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const [me, setMe] = useState<Me | null>(null);
  const [isLoading, setLoading] = useState(() => tokenStore.get() !== null);

  const signOutLocally = useCallback(() => {
    tokenStore.clear();
    setMe(null);
    qc.clear();
  }, [qc]);

  useEffect(() => {
    setUnauthorizedHandler(signOutLocally);
    if (!tokenStore.get()) return;
    get<Me>('/admin/me')
      .then(setMe)
      .catch(() => signOutLocally())
      .finally(() => setLoading(false));
  }, [signOutLocally]);

  const value: Auth = {
    me,
    isLoading,
    can: (c) => roleCan(me?.role, c),
    login: async (username, password) => {
      const r = await post<{ token: string }>('/admin/auth/login', { username, password });
      tokenStore.set(r.token);
      setMe(await get<Me>('/admin/me'));
    },
    logout: async () => {
      await api('POST', '/auth/logout').catch(() => undefined);
      signOutLocally();
    },
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(Ctx);
  if (!v) throw new Error('AuthProvider missing');
  return v;
}
