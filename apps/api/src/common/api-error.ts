import { HttpException, HttpStatus } from '@nestjs/common';

/** The body of every error the API returns: a stable code and a Chinese message. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: string[];
}

export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, details?: string[]) {
    super({ statusCode: status, code, message, ...(details ? { details } : {}) } satisfies ApiErrorBody, status);
  }
}

export const notFound = (what: string) => new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what}不存在或您无权查看`);
export const forbidden = (message: string) => new ApiError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
export const conflict = (code: string, message: string) => new ApiError(HttpStatus.CONFLICT, code, message);
export const unprocessable = (code: string, message: string) => new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
