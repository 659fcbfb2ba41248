/**
 * The API client: bearer token from the session, JSON in and out, errors as
 * ApiError with the server's code and both languages of its message, and an
 * Idempotency-Key for requests that move money.
 */
import { useRef } from 'react';

const TOKEN_KEY = 'pingou.shop.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly fields: { path: string; message: string }[] = [],
  ) {
    super(messageZh || code);
  }
}

let token: string | null =
  typeof localStorage === 'undefined' ? null : localStorage.getItem(TOKEN_KEY);
const listeners = new Set<() => void>();

export function getToken() {
  return token;
}

export function setToken(t: string | null) {
  token = t;
  if (t) localStorage.setItem(TOKEN_KEY, t);
  else localStorage.removeItem(TOKEN_KEY);
  for (const fn of listeners) fn();
}

export function onTokenChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** A fresh key per user action; a retry of the same action reuses it. */
export function newIdempotencyKey(prefix: string): string {
  const b = new Uint8Array(12);
  crypto.getRandomValues(b);
  return `${prefix}-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export async function api<T>(
  path: string,
  opts: { method?: string; body?: unknown; idempotencyKey?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请稍后再试', 'Network error, please try again');
  }
  if (res.status === 204) return null as T;
  const data = (await res.json().catch(() => null)) as
    | (T & { error?: undefined })
    | {
        error?: {
          code: string;
          messageZh?: string;
          messageEn?: string;
          message?: string;
          fields?: { path: string; message: string }[];
        };
      }
    | null;
  if (!res.ok) {
    const e = (data as { error?: Record<string, unknown> } | null)?.error as
      | { code: string; messageZh?: string; messageEn?: string; message?: string; fields?: [] }
      | undefined;
    if (res.status === 401 && token) setToken(null);
    throw new ApiError(
      res.status,
      e?.code ?? 'HTTP_' + res.status,
      e?.messageZh ?? e?.message ?? '请求失败',
      e?.messageEn ?? e?.message ?? 'Request failed',
      e?.fields ?? [],
    );
  }
  return data as T;
}

/**
 * One Idempotency-Key per user action. Tapping again after an error sends the same
 * request with the same key, so a reply lost on the way cannot move money twice;
 * a different request (another amount, direction or item) or a success starts a
 * fresh key.
 */
export function useIdempotencyKey(prefix: string) {
  const current = useRef<{ request: string; key: string } | null>(null);
  return {
    for(request: unknown): string {
      const r = JSON.stringify(request);
      if (current.current?.request !== r)
        current.current = { request: r, key: newIdempotencyKey(prefix) };
      return current.current.key;
    },
    succeeded(): void {
      current.current = null;
    },
  };
}
