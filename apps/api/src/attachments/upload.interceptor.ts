import { type CallHandler, type ExecutionContext, HttpStatus, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../../../../libs/config/src';
import { ApiError } from '../common/api-error';
import { APP_CONFIG } from '../tokens';

/** Reads one file from a multipart form (field `file`) into memory, refusing it past the configured size with a Chinese message. */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;
  private readonly maxMb: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.ATTACHMENT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 } }).single('file');
    this.maxMb = (config.ATTACHMENT_MAX_BYTES / 1024 / 1024).toFixed(config.ATTACHMENT_MAX_BYTES % (1024 * 1024) ? 1 : 0);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) =>
      this.upload(http.getRequest<Request>(), http.getResponse<Response>(), (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE') {
          return reject(new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, 'ATTACHMENT_TOO_LARGE', `附件不能超过${this.maxMb}MB`));
        }
        reject(new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_UPLOAD', '上传内容不正确：请以 multipart/form-data 提交一个名为 file 的文件'));
      }),
    );
    return next.handle();
  }
}
