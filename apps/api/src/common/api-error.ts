import { HttpException } from '@nestjs/common';
import { ERRORS, type ErrorCode } from '../../../../libs/contracts/src';

/** The body of every error the API returns: a stable code and a Chinese message. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: string[];
}

/** An error answer; its HTTP status comes from the code (libs/contracts ERRORS), never chosen at the call site. */
export class ApiError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string = ERRORS[code].message,
    details?: string[],
    /** Response headers that go with it (Retry-After, Allow). */
    readonly headers: Record<string, string> = {},
  ) {
    super({ statusCode: ERRORS[code].status, code, message, ...(details ? { details } : {}) } satisfies ApiErrorBody, ERRORS[code].status);
  }
}

export const notFound = (what: string) => new ApiError('NOT_FOUND', `${what}不存在或您无权查看`);
export const forbidden = (message: string) => new ApiError('FORBIDDEN', message);
