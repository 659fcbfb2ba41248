/**
 * The API client: bearer token, JSON, and the API's error body turned into an
 * ApiError that carries the Chinese and English message (never a stack).
 */
export interface ApiErrorBody {
  code: string;
  message: string;
  messageZh: string;
  messageEn: string;
  requestId?: string;
  fields?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.messageZh || body.message);
  }
  get code() {
    return this.body.code;
  }
}

const TOKEN_KEY = 'pingou.console.token';
export const tokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (t: string) => localStorage.setItem(TOKEN_KEY, t),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(f: () => void) {
  onUnauthorized = f;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, q: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const token = tokenStore.get();
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, {
      code: 'NETWORK',
      message: '网络连接失败',
      messageZh: '网络连接失败，请检查网络后重试',
      messageEn: 'Network error; check the connection and try again',
    });
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (json as { error?: ApiErrorBody } | null)?.error ?? {
      code: 'HTTP_' + res.status,
      message: res.statusText,
      messageZh: `请求失败（${res.status}）`,
      messageEn: `Request failed (${res.status})`,
    };
    if (res.status === 401 && path !== '/admin/auth/login') onUnauthorized();
    throw new ApiError(res.status, err);
  }
  return json as T;
}

export const get = <T>(path: string, q?: Query) => api<T>('GET', withQuery(path, q));
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  api<T>('POST', path, body, headers);
export const put = <T>(path: string, body?: unknown) => api<T>('PUT', path, body);

/** A fresh idempotency key for a request that moves money. */
export function idempotencyKey(prefix = 'console'): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export interface Page<T> {
  items: T[];
  nextBefore: number | null;
}
