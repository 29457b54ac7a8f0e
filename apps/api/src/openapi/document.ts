import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERRORS, type ErrorCode } from '../../../../libs/contracts/src';
import { API_ERROR_SCHEMA_NAME, apiErrorSchema, codesOf, errorResponse } from './error-responses';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const MUTATING = new Set<string>(['put', 'post', 'delete', 'patch']);

/** The header of apps/api/src/common/idempotency.ts, which every mutating operation takes. */
const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: '重试同一请求时携带相同的键（8至100位字母、数字或 ._:-），返回首次的结果而不再执行；24小时内有效',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,100}$' },
} as const;

const REPLAYED_HEADER = { description: '为 true 时，本响应是同一 Idempotency-Key 首次请求的结果', required: false, schema: { type: 'string' as const, enum: ['true'] } };

/**
 * What the rule against unstorable text (apps/api/src/common/validation.ts)
 * refuses in every string of a request: C0/C1 control characters other than
 * tab, line feed and carriage return.
 */
const STORABLE_TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

/** Any JSON value whose texts and property names, however deep, the rule lets through: what a free-form request field (a form's data) may hold. */
const STORABLE_JSON = 'StorableJson';
const STORABLE_JSON_REF = { $ref: `#/components/schemas/${STORABLE_JSON}` };
const storableJsonSchema = {
  description: '任意 JSON 值；其中的文本和属性名均不得含控制字符（制表、换行、回车除外）',
  anyOf: [
    { type: 'string', pattern: STORABLE_TEXT },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: STORABLE_JSON_REF },
    { type: 'object', patternProperties: { [STORABLE_TEXT]: STORABLE_JSON_REF }, additionalProperties: false },
    { type: 'object', nullable: true, enum: [null] },
  ],
};

/** A schema that admits anything (zod's unknown), perhaps with a description. */
const admitsAnything = (s: unknown) => !!s && typeof s === 'object' && !Array.isArray(s) && Object.keys(s).every((k) => k === 'description');

/**
 * Says the rule in every request string that has no pattern, format or enum
 * of its own (which already exclude such text), and in every free-form value,
 * whose nested texts and property names the rule checks too.
 */
function markStorableText(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(markStorableText);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  if (schema.type === 'string' && schema.pattern === undefined && schema.format === undefined && schema.enum === undefined) schema.pattern = STORABLE_TEXT;
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    // A record: its keys are text too. OpenAPI 3.0 has no propertyNames; patternProperties is what generators (Schemathesis) read.
    schema.patternProperties = { [STORABLE_TEXT]: admitsAnything(schema.additionalProperties) ? { ...STORABLE_JSON_REF } : schema.additionalProperties };
    schema.additionalProperties = false;
  }
  if (admitsAnything(schema.items)) schema.items = { ...STORABLE_JSON_REF };
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) schema[key] = list.map((s) => (admitsAnything(s) ? { ...STORABLE_JSON_REF } : s));
  }
  const properties = schema.properties;
  if (properties && typeof properties === 'object') {
    for (const [name, s] of Object.entries(properties)) if (admitsAnything(s)) (properties as Record<string, unknown>)[name] = { ...STORABLE_JSON_REF };
  }
  Object.values(schema).forEach(markStorableText);
}

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
  // The idempotency interceptor: a malformed key, the same key still running, or reused for another request.
  if (MUTATING.has(method)) codes.push('INVALID_IDEMPOTENCY_KEY', 'IDEMPOTENCY_KEY_IN_USE', 'IDEMPOTENCY_KEY_REUSED');
  // A write PostgreSQL refuses for its content rather than its availability.
  if (method !== 'get') codes.push('DATA_REJECTED');
  // The database down: every operation reads it, if only to authenticate (health answers 503 with its own body instead).
  codes.push('DATABASE_UNAVAILABLE');
  return codes;
}

/** The null value alone, as OpenAPI 3.0 can say it. */
const nullOnly = () => ({ type: 'object', nullable: true, enum: [null] });

/**
 * OpenAPI 3.0 reads `nullable` only next to `type`, and an `enum` must list
 * null itself to allow it; zod's conversion leaves both implicit (and puts
 * `nullable` beside a oneOf), so clients and validators would refuse the
 * nulls the API sends.
 */
function normaliseNullable(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(normaliseNullable);
  if (!node || typeof node !== 'object') return;
  const schema = node as Record<string, unknown>;
  Object.values(schema).forEach(normaliseNullable);
  if (schema.nullable !== true) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (schema.type === undefined) {
    // A union or reference that may be null: either it, or null.
    const { nullable: _n, description, ...rest } = schema;
    for (const key of Object.keys(schema)) delete schema[key];
    Object.assign(schema, { ...(description ? { description } : {}), anyOf: [rest, nullOnly()] });
  }
}

/**
 * Adds to every operation the error responses its shape implies, merged with
 * those its @Endpoint lists, and the shared error schema they refer to.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, [API_ERROR_SCHEMA_NAME]: apiErrorSchema as never, [STORABLE_JSON]: storableJsonSchema as never };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = (op.parameters ?? []) as Array<{ in?: string; name?: string }>;
      markStorableText(parameters);
      markStorableText(op.requestBody);
      if (MUTATING.has(method)) {
        op.parameters = [...parameters.filter((p) => !(p.in === 'header' && p.name?.toLowerCase() === 'idempotency-key')), IDEMPOTENCY_KEY_PARAMETER] as typeof op.parameters;
        for (const [status, response] of Object.entries(op.responses)) {
          if (status.startsWith('2') && response && !('$ref' in response)) response.headers = { ...response.headers, 'Idempotent-Replayed': REPLAYED_HEADER };
        }
      }
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
