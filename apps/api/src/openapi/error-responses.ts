import { ERRORS, type ErrorCode } from '../../../../libs/contracts/src';

export const API_ERROR_SCHEMA_NAME = 'ApiError';
const API_ERROR_REF = `#/components/schemas/${API_ERROR_SCHEMA_NAME}`;

/** The one shape of every error body (apps/api/src/common/api-error.ts). */
export const apiErrorSchema = {
  type: 'object',
  description: '错误响应：稳定的错误码（code）与中文说明（message）',
  required: ['statusCode', 'code', 'message'],
  additionalProperties: false,
  properties: {
    statusCode: { type: 'integer', description: 'HTTP 状态码' },
    code: { type: 'string', enum: Object.keys(ERRORS), description: '错误码，取值见各操作的响应说明' },
    message: { type: 'string', description: '中文说明，可直接展示给用户' },
    details: { type: 'array', items: { type: 'string' }, description: '逐项说明（如每个未通过校验的字段）' },
  },
} as const;

const retryAfter = { description: '建议多少秒后重试', schema: { type: 'integer' } } as const;

/** Response headers that go with some codes (apps/api/src/common: error.filter.ts, idempotency.ts). */
const CODE_HEADERS: Partial<Record<ErrorCode, Record<string, { description: string; schema: { type: 'integer' } }>>> = {
  DATABASE_UNAVAILABLE: { 'Retry-After': retryAfter },
  SERVICE_UNAVAILABLE: { 'Retry-After': retryAfter },
  IDEMPOTENCY_KEY_IN_USE: { 'Retry-After': retryAfter },
  LOGIN_LOCKED: { 'Retry-After': retryAfter },
  LOGIN_ADDRESS_LOCKED: { 'Retry-After': retryAfter },
  LOGIN_CONCURRENCY_LIMITED: { 'Retry-After': retryAfter },
  LOGIN_BUSY: { 'Retry-After': retryAfter },
};

/** The headers of a status answering with these codes; required where every one of them sends it. */
function headersOf(codes: readonly ErrorCode[]) {
  const names = new Set(codes.flatMap((c) => Object.keys(CODE_HEADERS[c] ?? {})));
  const headers = Object.fromEntries(
    [...names].map((name) => {
      const spec = codes.map((c) => CODE_HEADERS[c]?.[name]).find(Boolean)!;
      return [name, { ...spec, required: codes.every((c) => CODE_HEADERS[c]?.[name]) }];
    }),
  );
  return names.size ? { headers } : {};
}

const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: '请求不符合接口定义',
  401: '未登录、登录已失效或用户名密码错误',
  403: '可以查看但无权执行此操作',
  404: '不存在，或不在本人可见的组织范围内',
  409: '当前状态不允许此操作',
  413: '请求内容过大',
  415: '请求内容类型不受支持',
  422: '请求格式正确，但不符合业务规则',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '依赖的服务暂时不可用，请稍后重试',
};

/** The response object for an error status that answers with the given codes: the shared shape narrowed to them, one example each. */
export function errorResponse(codes: readonly ErrorCode[]) {
  const status = ERRORS[codes[0]!].status;
  return {
    description: `${STATUS_DESCRIPTIONS[status] ?? '请求无法处理'}（错误码：${codes.join('、')}）`,
    ...headersOf(codes),
    content: {
      'application/json': {
        schema: {
          allOf: [
            { $ref: API_ERROR_REF },
            { type: 'object', properties: { statusCode: { type: 'integer', enum: [status] }, code: { type: 'string', enum: [...codes] } } },
          ],
        },
        examples: Object.fromEntries(codes.map((code) => [code, { summary: ERRORS[code].message, value: { statusCode: status, code, message: ERRORS[code].message } }])),
      },
    },
  };
}

/** The codes an error response object documents (read back from its schema). */
export function codesOf(response: unknown): ErrorCode[] | undefined {
  const schema = (response as { content?: Record<string, { schema?: { allOf?: Array<{ properties?: { code?: { enum?: ErrorCode[] } } }> } }> })?.content?.['application/json']?.schema;
  return schema?.allOf?.[1]?.properties?.code?.enum;
}
