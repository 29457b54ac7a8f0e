import { type ArgumentMetadata, type PipeTransform, StandardSchemaValidationPipe } from '@nestjs/common';
import { z } from 'zod';
import { UNSTORABLE_TEXT_LABELS, findUnstorableText } from '../../../../libs/domain/src';
import { ApiError } from './api-error';

// Every validation message a user reads is Chinese.
z.config(z.locales.zhCN());

const MAX_DETAILS = 20;

const pathOf = (path: ReadonlyArray<PropertyKey | { key: PropertyKey }>) =>
  path.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.');

/**
 * One rule for every text a request carries (body, query, path; values and
 * property names): what PostgreSQL cannot store is refused here with 400,
 * before any field's own schema, so no such text ever reaches a workflow.
 */
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query' && metadata.type !== 'param') return value;
    const found = findUnstorableText(value, metadata.data ? [metadata.data] : []);
    if (found.length) {
      throw new ApiError(
        'VALIDATION_FAILED',
        undefined,
        found.slice(0, MAX_DETAILS).map((f) => (f.path.length ? `${pathOf(f.path)}：${UNSTORABLE_TEXT_LABELS[f.reason]}` : UNSTORABLE_TEXT_LABELS[f.reason])),
      );
    }
    return value;
  }
}

/** Validates every @Body/@Query/@Param that declares a schema; issues become one 400 in Chinese. */
export function createValidationPipe(): StandardSchemaValidationPipe {
  return new StandardSchemaValidationPipe({
    exceptionFactory: (issues) =>
      new ApiError(
        'VALIDATION_FAILED',
        undefined,
        issues.slice(0, MAX_DETAILS).map((i) => {
          const path = pathOf(i.path ?? []);
          return path ? `${path}：${i.message}` : i.message;
        }),
      ),
  });
}

export const uuidParam = z.uuid({ error: '编号格式不正确' });
