import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '../../../../libs/config/src';
import type { ApiErrorBody } from './api-error';

/** Chinese messages for errors raised outside our code (body parser, router, Nest). */
const DEFAULT_MESSAGES: Partial<Record<number, [string, string]>> = {
  400: ['BAD_REQUEST', '请求格式不正确'],
  401: ['UNAUTHENTICATED', '未登录或登录已失效，请重新登录'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持该请求方法'],
  413: ['PAYLOAD_TOO_LARGE', '请求内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '请求内容类型不受支持，请使用 application/json'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
  503: ['SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后再试'],
};

/** Turns every error into the one JSON shape with a Chinese message; hides internals on 500. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, method: req.method, url: req.originalUrl }, 'request failed');
    }
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response && 'code' in response && 'message' in response) {
        return response as ApiErrorBody;
      }
      return this.fallback(status);
    }
    // body-parser errors carry their status (400 malformed JSON, 413 too large, 415 charset).
    const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) return this.fallback(status);
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: '服务器内部错误，请稍后再试' };
  }

  private fallback(status: number): ApiErrorBody {
    const [code, message] = DEFAULT_MESSAGES[status] ?? ['ERROR', '请求无法处理'];
    return { statusCode: status, code, message };
  }
}
