import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, readSession } from '../session/session';
import type { paths } from './schema';

/** Raised for every answer that is not 2xx, with the server's Chinese message. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Fired when the server no longer accepts the session: the app returns to sign-in, then back here. */
export const SESSION_EXPIRED = 'pennant:session-expired';

const auth: Middleware = {
  onRequest({ request }) {
    const s = readSession();
    if (s) request.headers.set('authorization', `Bearer ${s.token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/auth/login')) {
      clearSession();
      window.dispatchEvent(new Event(SESSION_EXPIRED));
    }
    return response;
  },
};

/** The typed client, generated from the API's OpenAPI document (src/api/schema.d.ts). */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

interface ErrorBody {
  code?: string;
  message?: string;
  details?: unknown;
}

const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/**
 * Unwraps an openapi-fetch answer: its data, or an ApiFailure carrying the server's message.
 * `await unwrap(api.GET('/tasks'))`
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, 'NETWORK', NETWORK_MESSAGE);
  }
  const { data, error, response } = result;
  if (response.ok) return data as T;
  const body = (error ?? {}) as ErrorBody;
  const fallback = response.status >= 500 ? `服务器暂时无法处理（${response.status}），请稍后重试` : `请求未被受理（${response.status}）`;
  throw new ApiFailure(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? fallback, body.details);
}

/** A user-facing message for anything thrown by a query or mutation. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  return NETWORK_MESSAGE;
}

/** A fresh Idempotency-Key, so a retried click never does the work twice. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}
