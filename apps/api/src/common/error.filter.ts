import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ERRORS, type ErrorCode } from '../../../../libs/contracts/src';
import type { Logger } from '../../../../libs/config/src';
import { databaseErrorKind } from '../../../../libs/persistence/src';
import { isTemporalUnavailable } from '../../../../libs/temporal-client/src';
import { ApiError, type ApiErrorBody } from './api-error';

/** Seconds a client should wait before retrying when a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

/** Codes for the statuses of errors raised outside our code (body parser, router, Nest, throttler). */
const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

export interface ErrorAnswer {
  body: ApiErrorBody;
  headers: Record<string, string>;
}

/** Turns every error into the one JSON shape with a Chinese message; hides internals on 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const { body, headers } = errorAnswer(exception);
    if (body.statusCode >= 500) {
      this.logger[body.statusCode === 503 ? 'warn' : 'error']({ err: exception, method: req.method, url: req.originalUrl, code: body.code }, 'request failed');
    }
    res.status(body.statusCode).set(headers).json(body);
  }
}

/** The answer to any error: the one body shape, its status from the code, and headers such as Retry-After. */
export function errorAnswer(exception: unknown): ErrorAnswer {
  if (exception instanceof ApiError) return { body: exception.getResponse() as ApiErrorBody, headers: exception.headers };
  if (exception instanceof HttpException) {
    const response = exception.getResponse();
    if (typeof response === 'object' && response && 'code' in response && 'message' in response) return { body: response as ApiErrorBody, headers: {} };
    return byStatus(exception.getStatus());
  }
  const dbKind = databaseErrorKind(exception);
  if (dbKind === 'transient' || isTemporalUnavailable(exception)) {
    const code: ErrorCode = dbKind === 'transient' ? 'DATABASE_UNAVAILABLE' : 'SERVICE_UNAVAILABLE';
    return { body: { statusCode: 503, code, message: ERRORS[code].message }, headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } };
  }
  if (dbKind === 'permanent') return { body: { statusCode: 422, code: 'DATA_REJECTED', message: ERRORS.DATA_REJECTED.message }, headers: {} };
  // body-parser errors carry their status (400 malformed JSON, 413 too large, 415 charset).
  const status = (exception as { status?: number; statusCode?: number } | null)?.status ?? (exception as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return byStatus(status);
  return { body: { statusCode: 500, code: 'INTERNAL', message: ERRORS.INTERNAL.message }, headers: {} };
}

function byStatus(status: number): ErrorAnswer {
  const code = CODE_BY_STATUS[status];
  if (!code) return { body: { statusCode: 500, code: 'INTERNAL', message: ERRORS.INTERNAL.message }, headers: {} };
  return { body: { statusCode: status, code, message: ERRORS[code].message }, headers: status === 503 ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {} };
}
