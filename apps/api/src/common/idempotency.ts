import { ApiError } from './api-error';

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * The optional Idempotency-Key header: a client that retries a request with the
 * same key gets the first result instead of a second effect.
 */
export function idempotencyKey(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!KEY.test(raw)) {
    throw new ApiError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key 须为8至100位字母、数字或 ._:- 字符');
  }
  return raw;
}
