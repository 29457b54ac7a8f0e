import { type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import type { Logger } from '../../../libs/config/src';
import { AppModule, type ApiDependencies } from './app.module';
import { ErrorFilter } from './common/error.filter';
import { StorableTextPipe, createValidationPipe } from './common/validation';
import { expressRoutes, methodNotAllowed } from './http/method-not-allowed';
import { buildOpenApiDocument } from './openapi/document';
import { serveWebApp } from './web/web-app';

/** Nest's own log lines, as JSON through our logger. */
function nestLogger(logger: Logger): LoggerService {
  return {
    log: (m, ctx) => logger.info({ context: ctx }, String(m)),
    error: (m, trace, ctx) => logger.error({ context: ctx, trace }, String(m)),
    warn: (m, ctx) => logger.warn({ context: ctx }, String(m)),
    debug: (m, ctx) => logger.debug({ context: ctx }, String(m)),
    verbose: (m, ctx) => logger.trace({ context: ctx }, String(m)),
  };
}

/** One JSON line per request: method, path, status and duration. */
function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}

/** Builds the HTTP application: limits, validation, errors, auth, OpenAPI at /docs. */
export async function createApiApp(deps: ApiDependencies): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(deps), {
    bodyParser: false,
    logger: nestLogger(deps.logger),
  });
  // First: every request is timed, refusals by the router, authentication and validation included.
  if (deps.metrics) app.use(deps.metrics.middleware(() => expressRoutes(app.getHttpAdapter().getInstance())));
  app.use(requestLog(deps.logger));
  app.use(methodNotAllowed(() => expressRoutes(app.getHttpAdapter().getInstance())));
  app.useBodyParser('json', { limit: deps.config.BODY_LIMIT_BYTES });
  app.disable('x-powered-by');
  // Off by default: X-Forwarded-For names the client only when it comes from a proxy named in TRUST_PROXY.
  if (deps.config.TRUST_PROXY !== false) app.set('trust proxy', deps.config.TRUST_PROXY);
  app.useGlobalPipes(new StorableTextPipe(), createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(deps.logger));
  app.enableShutdownHooks();
  if (deps.config.WEB_DIR) serveWebApp(app, deps.config.WEB_DIR);

  // Built on the first request for it, not at boot: walking every route's metadata takes over a second.
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
