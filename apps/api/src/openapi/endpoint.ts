import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { ZodType } from 'zod';
import { ERRORS, type ErrorCode } from '../../../../libs/contracts/src';
import { errorResponse } from './error-responses';

/** A header sent with a response, as OpenAPI documents it. */
export interface ResponseHeader {
  description: string;
  required?: boolean;
  schema: { type: 'string' | 'integer' };
}

interface SuccessBase {
  /** 503 only where the operation's answer is itself the news that something is down (health). */
  status: 200 | 201 | 202 | 204 | 503;
  description: string;
  headers?: Record<string, ResponseHeader>;
}

/** A JSON body: its schema (converted with zod's output view) and a real-looking example. */
export interface JsonSuccess<T = unknown> extends SuccessBase {
  schema: ZodType<T>;
  example: NoInfer<T>;
}

/** A file: its possible content types; the bytes are binary. */
export interface FileSuccess extends SuccessBase {
  files: readonly string[];
}

export type Success = JsonSuccess | FileSuccess | (SuccessBase & { status: 204 });

export interface EndpointSpec {
  summary: string;
  description?: string;
  ok: Success | readonly Success[];
  /**
   * What this operation's own logic can refuse, by code. Refusals that follow
   * from its shape (401 when secured, 400/413/415 for a body, 503 when the
   * database is down) are added to every operation by completeDocument.
   */
  errors?: readonly ErrorCode[];
}

/** The codes that mean "Temporal did not answer in time / is down": every operation that talks to a workflow can give them. */
export const WORKFLOW_UNAVAILABLE = ['WORKFLOW_BUSY', 'SERVICE_UNAVAILABLE'] as const satisfies readonly ErrorCode[];

function successResponse(s: Success) {
  const headers = s.headers ? { headers: s.headers } : {};
  if ('schema' in s) return ApiResponse({ status: s.status, description: s.description, standardSchema: s.schema, example: s.example, ...headers });
  if ('files' in s) {
    const content = Object.fromEntries(s.files.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]));
    return ApiResponse({ status: s.status, description: s.description, content, ...headers });
  }
  return ApiResponse({ status: s.status, description: s.description, ...headers });
}

/**
 * Documents one operation whole: its summary, each success response with a
 * schema and an example, and each error status with the error shape and the
 * codes this operation can answer with at that status.
 */
export function Endpoint(spec: EndpointSpec): MethodDecorator {
  const oks = (Array.isArray(spec.ok) ? spec.ok : [spec.ok]) as readonly Success[];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(spec.errors ?? [])) {
    const status = ERRORS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiOperation({ summary: spec.summary, ...(spec.description ? { description: spec.description } : {}) }),
    ...oks.map(successResponse),
    ...[...byStatus].map(([status, codes]) => ApiResponse({ status, ...errorResponse(codes) })),
  );
}
