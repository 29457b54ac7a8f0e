import { createHash, randomUUID } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type Observable, catchError, from, mergeMap, of } from 'rxjs';
import { DataSource } from 'typeorm';
import { type StoredAnswer, IdempotencyStore, deterministicUuid } from '../../../../libs/persistence/src';
import type { Principal } from '../auth/principal';
import { ApiError } from './api-error';
import { errorAnswer } from './error.filter';

const KEY = /^[A-Za-z0-9._:-]{8,100}$/;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Longer than the slowest request (a workflow answer waits up to 20 s), short enough that a crashed process frees the key soon. */
const LEASE_SECONDS = 30;
/** How long a first answer is kept for retries. */
const TTL_SECONDS = 24 * 3600;

/**
 * Answers that are final and kept for the key: success (not 202 "accepted",
 * whose outcome is still open) and the refusals of a state or a rule (409,
 * 422). Malformed requests, authentication, authorisation, rate limits and
 * outages are not kept: a corrected or later retry with the same key runs.
 */
const isFinal = (status: number) => (status >= 200 && status < 300 && status !== 202) || status === 409 || status === 422;

const WITHOUT_IDEMPOTENCY = 'pennant:withoutIdempotency';
/** A POST that changes nothing and whose answer must not be kept (logging in: the answer is a token). */
export const WithoutIdempotency = () => SetMetadata(WITHOUT_IDEMPOTENCY, true);

interface IdempotentRequest extends Request {
  principal?: Principal;
  idempotency?: { scope: string; key: string; requestId: string };
}

/** The request's id for the engine: the same for every retry with one Idempotency-Key, otherwise new. */
export const RequestId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  return ctx.switchToHttp().getRequest<IdempotentRequest>().idempotency?.requestId ?? randomUUID();
});

/** JSON with object keys sorted, so the same body always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(req: IdempotentRequest): string {
  const file = req.file ? { name: req.file.originalname, sha256: createHash('sha256').update(req.file.buffer).digest('hex') } : null;
  return createHash('sha256').update(canonical({ method: req.method, path: req.originalUrl, body: req.body ?? null, file })).digest('hex');
}

/**
 * Idempotency-Key on every POST, PUT, PATCH and DELETE: the first final answer
 * is kept per caller and key; a retry with the same key and request gets that
 * answer again (status, Location and body) whatever the state is now; the same
 * key on a different request is refused (422); a retry while the first is
 * still running is told to wait (409 with Retry-After). Runs after the auth
 * guard (the key is scoped to the caller) and after an upload is read (the
 * file is part of the request).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyStore;

  constructor(
    ds: DataSource,
    private readonly reflector: Reflector,
  ) {
    this.store = new IdempotencyStore(ds);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const req = http.getRequest<IdempotentRequest>();
    const res = http.getResponse<Response>();
    const raw = req.headers['idempotency-key'];
    if (!MUTATING.has(req.method) || raw === undefined) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(WITHOUT_IDEMPOTENCY, [context.getHandler(), context.getClass()])) return next.handle();
    if (typeof raw !== 'string' || !KEY.test(raw)) throw new ApiError('INVALID_IDEMPOTENCY_KEY');

    // Anonymous callers (public objections) are told apart by their address.
    const scope = req.principal ? `user:${req.principal.userId}` : `client:${createHash('sha256').update(req.ip ?? '').digest('hex').slice(0, 24)}`;
    const key = raw;
    req.idempotency = { scope, key, requestId: deterministicUuid(`request:${scope}:${key}`) };

    const claim = await this.store.claim({ scope, key, fingerprint: fingerprint(req), method: req.method, path: req.originalUrl, leaseSeconds: LEASE_SECONDS, ttlSeconds: TTL_SECONDS });
    switch (claim.outcome) {
      case 'mismatch':
        throw new ApiError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key「${key}」已用于内容不同的请求，请为新请求使用新的键`);
      case 'in_progress':
        throw new ApiError('IDEMPOTENCY_KEY_IN_USE', undefined, undefined, { 'Retry-After': '1' });
      case 'replay':
        return of(this.replay(res, claim.answer));
      case 'claimed':
        return next.handle().pipe(
          mergeMap((body: unknown) => from(this.settle(scope, key, { statusCode: res.statusCode, location: (res.getHeader('location') as string | undefined) ?? null, body }).then(() => body))),
          catchError((err: unknown) => {
            const { body } = errorAnswer(err);
            return from(
              this.settle(scope, key, { statusCode: body.statusCode, location: null, body }).then(() => {
                throw err;
              }),
            );
          }),
        );
    }
  }

  private async settle(scope: string, key: string, answer: StoredAnswer): Promise<void> {
    if (isFinal(answer.statusCode)) await this.store.complete(scope, key, answer);
    // Not final: free the key so a retry runs again; if even that fails, the lease frees it.
    else await this.store.release(scope, key).catch(() => undefined);
  }

  private replay(res: Response, answer: StoredAnswer): unknown {
    res.setHeader('Idempotent-Replayed', 'true');
    // A refusal goes out through the error filter, as it did the first time.
    if (answer.statusCode >= 400) throw new HttpException(answer.body as Record<string, unknown>, answer.statusCode);
    res.status(answer.statusCode);
    if (answer.location) res.setHeader('Location', answer.location);
    return answer.body ?? undefined;
  }
}
