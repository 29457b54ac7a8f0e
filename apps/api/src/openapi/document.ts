import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERRORS, type ErrorCode } from '../../../../libs/contracts/src';
import { API_ERROR_SCHEMA_NAME, apiErrorSchema, codesOf, errorResponse } from './error-responses';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** Refusals that follow from an operation's shape, the same for every operation of that shape. */
function shapeErrors(method: (typeof METHODS)[number], op: Operation): ErrorCode[] {
  const codes: ErrorCode[] = [];
  const parameters = (op.parameters ?? []) as Array<{ in?: string; name?: string }>;
  const body = op.requestBody && 'content' in op.requestBody ? op.requestBody.content : undefined;
  // The global guard: every operation not marked public needs a valid token.
  if (op.security?.length) codes.push('UNAUTHENTICATED');
  // The validation pipe (and the rule against unstorable text) checks every declared path, query and body input.
  if (parameters.some((p) => p.in === 'path' || p.in === 'query') || body) codes.push('VALIDATION_FAILED');
  // The JSON body parser: malformed JSON, BODY_LIMIT_BYTES, a charset it cannot read.
  if (body?.['application/json']) codes.push('BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (parameters.some((p) => p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key')) codes.push('INVALID_IDEMPOTENCY_KEY');
  // A write PostgreSQL refuses for its content rather than its availability.
  if (method !== 'get') codes.push('DATA_REJECTED');
  // The database down: every operation reads it, if only to authenticate (health answers 503 with its own body instead).
  codes.push('DATABASE_UNAVAILABLE');
  return codes;
}

/**
 * OpenAPI 3.0 reads `nullable` only next to `type`, and an `enum` must list
 * null itself to allow it; zod's conversion leaves both implicit, so clients
 * and validators would refuse the nulls the API sends.
 */
function normaliseNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(normaliseNullable);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.nullable === true) {
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (schema.type === undefined) {
      const branches = (schema.anyOf ?? schema.oneOf) as Array<{ type?: unknown }> | undefined;
      const types = new Set(branches?.map((b) => b.type));
      if (types.size !== 1 || [...types][0] === undefined) throw new Error(`nullable schema without one type: ${JSON.stringify(schema).slice(0, 200)}`);
      schema.type = [...types][0];
    }
  }
  Object.values(schema).forEach(normaliseNullable);
}

/**
 * Adds to every operation the error responses its shape implies, merged with
 * those its @Endpoint lists, and the shared error schema they refer to.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, [API_ERROR_SCHEMA_NAME]: apiErrorSchema as never };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const byStatus = new Map<string, ErrorCode[]>();
      for (const code of shapeErrors(method, op)) {
        const status = String(ERRORS[code].status);
        byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
      }
      for (const [status, codes] of byStatus) {
        const existing = op.responses[status];
        if (existing && !codesOf(existing)) continue; // a non-error answer at this status (health's 503)
        op.responses[status] = errorResponse([...new Set([...(codesOf(existing) ?? []), ...codes])]);
      }
      op.responses = Object.fromEntries(Object.entries(op.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  normaliseNullable(document);
  return document;
}

/** The OpenAPI document of the whole API, as served at /docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pennant 党支部建设工作流 API')
      .setDescription(
        '推荐申报、审核任务、组织树与运行状态。所有错误均返回 { statusCode, code, message, details? }，message 为中文；每个操作列出其可能的错误码。' +
          '已知路径不支持的请求方法返回 405 并在 Allow 头中列出支持的方法。',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  return completeDocument(document);
}
