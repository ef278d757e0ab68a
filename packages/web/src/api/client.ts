import type { FieldIssue, RowIssue } from '@qingfeng/core';

/** An error answered by the API: a stable code and a Chinese message to show as it is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly rows: RowIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

let csrfToken: string | null = null;
/** The session's anti-forgery token; every non-GET request sends it as X-CSRF-Token. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Handler = (err: ApiError) => void;
let onUnauthenticated: Handler = () => {
  if (!window.location.pathname.startsWith('/login')) {
    const next = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(next)}`);
  }
};
let onEnrollmentRequired: Handler = () => window.location.assign('/totp-enrolment');

/** The auth context replaces the default full-page redirects with router navigation. */
export function setAuthHandlers(h: { unauthenticated?: Handler; enrollmentRequired?: Handler }) {
  if (h.unauthenticated) onUnauthenticated = h.unauthenticated;
  if (h.enrollmentRequired) onEnrollmentRequired = h.enrollmentRequired;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Login answers 401 for a wrong password: the caller handles it, no redirect. */
  noAuthRedirect?: boolean;
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body; // the browser sets the multipart boundary
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;

  const e = (data as { error?: { code?: string; message?: string; issues?: FieldIssue[]; rows?: RowIssue[] } } | undefined)?.error;
  const err = new ApiError(
    res.status,
    e?.code ?? `http.${res.status}`,
    e?.message ?? `请求失败（HTTP ${res.status}）`,
    e?.issues ?? [],
    e?.rows ?? [],
  );
  if (res.status === 401 && err.code === 'auth.unauthenticated' && !opts.noAuthRedirect) onUnauthenticated(err);
  if (res.status === 403 && err.code === 'auth.totp_enrollment_required') onEnrollmentRequired(err);
  throw err;
}

/** The file name in a Content-Disposition header (RFC 5987 `filename*` first). */
function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? null;
}

/** Downloads a file answered by the API and hands it to the browser's save dialog. */
async function download(path: string, fallbackName: string, query?: Query): Promise<void> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
  }
  if (!res.ok) {
    const data = (await res.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    const err = new ApiError(res.status, data?.error?.code ?? `http.${res.status}`, data?.error?.message ?? `下载失败（HTTP ${res.status}）`);
    if (res.status === 401) onUnauthenticated(err);
    throw err;
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(res.headers.get('content-disposition')) ?? fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  download,
  get: <T>(path: string, query?: Query, opts?: Omit<RequestOptions, 'query' | 'body'>) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error) return err.message;
  return '操作失败，请稍后再试';
}
