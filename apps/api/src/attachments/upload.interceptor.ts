import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../../../../libs/config/src';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../tokens';

/** "10MB", "1.5MB": the limit as a refusal names it. */
export const megabytes = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))}MB`;

const ACCEPTS_UPLOAD = 'pennant:acceptsUpload';
/** Marks a route that takes one file as multipart/form-data (field `file`). */
export const AcceptsUpload = () => SetMetadata(ACCEPTS_UPLOAD, true);

/**
 * On routes marked @AcceptsUpload(), reads one file from a multipart form (field `file`) into memory, refusing it
 * past ATTACHMENT_MAX_BYTES with a Chinese message.
 *
 * This is what @nestjs/platform-express's FileInterceptor does (multer, memory
 * storage, a size limit), but with the limit read from the configuration at
 * start-up rather than fixed in a decorator, and multer's refusals turned into
 * our error codes instead of Nest's English ones. The JSON body limit
 * (BODY_LIMIT_BYTES) does not apply: the app registers only a JSON parser, and
 * multer reads multipart bodies on marked routes alone. It runs as a global
 * interceptor, after the auth guard and before the idempotency interceptor,
 * which counts the file as part of the request.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;
  private readonly maxBytes: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reflector: Reflector,
  ) {
    this.maxBytes = config.ATTACHMENT_MAX_BYTES;
    this.upload = multer({
      storage: multer.memoryStorage(),
      // Names sent as raw UTF-8 (what browsers do) come out as written, e.g. Chinese.
      defParamCharset: 'utf8',
      limits: { fileSize: this.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (!this.reflector.getAllAndOverride<boolean>(ACCEPTS_UPLOAD, [context.getHandler(), context.getClass()])) return next.handle();
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      this.upload(http.getRequest<Request>(), http.getResponse<Response>(), (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          return reject(new ApiError('ATTACHMENT_TOO_LARGE', `附件不能超过${megabytes(this.maxBytes)}`));
        }
        if (err instanceof multer.MulterError && (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT')) {
          return reject(new ApiError('INVALID_UPLOAD', '每次只能上传一个文件，表单字段名须为 file'));
        }
        reject(new ApiError('INVALID_UPLOAD', '上传内容不正确：请以 multipart/form-data 提交一个名为 file 的文件'));
      }),
    );
    return next.handle();
  }
}
