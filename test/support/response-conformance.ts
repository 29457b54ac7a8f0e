import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';
import type { PrecompiledDocument } from './infra';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- shared with global setup's compiler, a plain script
const { AJV_OPTIONS, answerKey, schemaPointer } = require('./response-validators.cjs') as {
  AJV_OPTIONS: Record<string, unknown>;
  answerKey(method: string, openApiPath: string, status: string | number): string;
  schemaPointer(method: string, openApiPath: string, status: string | number): string;
};

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>>;
}

/**
 * Checks every JSON answer the API gives during an end-to-end test file against
 * the OpenAPI document it serves: the status must be documented for the
 * operation, and the body must match that status's schema. Success paths with
 * real data (which a fuzzer rarely reaches) and every refusal the tests provoke
 * are thereby held to the document.
 */
export class ResponseConformance {
  readonly violations: string[] = [];
  private document?: OpenApiDocument;
  private ajv?: Ajv;
  private readonly validators = new Map<string, ValidateFunction | null>();

  /** Express middleware: watches res.json of every request that matched a route. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        try {
          if (this.document && req.route) this.check(req.method.toLowerCase(), String(req.route.path), res.statusCode, body);
        } catch (err) {
          this.violations.push(`${req.method} ${req.originalUrl}: could not check the answer: ${String(err)}`);
        }
        return json(body);
      };
      next();
    };
  }

  /** Checks against `document`, compiling each answer's validator when it is first needed. */
  use(document: OpenApiDocument): void {
    this.document = document;
    this.ajv = new Ajv(AJV_OPTIONS);
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi');
  }

  /** Checks against the run's document with the validators compiled for it once (the API builds the same document from the same code). */
  usePrecompiled(files: PrecompiledDocument): void {
    this.document = JSON.parse(readFileSync(files.document, 'utf8')) as OpenApiDocument;
    const code = readFileSync(files.validators, 'utf8');
    const module = { exports: {} as Record<string, ValidateFunction> };
    // Its requires (ajv's runtime, ajv-formats) resolve from here, not from the temporary directory it was written to.
    new Function('require', 'module', 'exports', code)(require, module, module.exports);
    const keys = JSON.parse(readFileSync(files.keys, 'utf8')) as Record<string, string>;
    for (const [key, name] of Object.entries(keys)) this.validators.set(key, module.exports[name]!);
  }

  private check(method: string, routePath: string, status: number, body: unknown): void {
    const openApiPath = routePath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = this.document!.paths[openApiPath]?.[method];
    if (!operation) return; // not a documented route (e.g. /docs)
    const label = `${method.toUpperCase()} ${openApiPath} → ${status}`;
    const response = operation.responses[String(status)];
    if (!response) {
      this.violations.push(`${label}: status not documented (${JSON.stringify(body).slice(0, 300)})`);
      return;
    }
    const key = answerKey(method, openApiPath, status);
    if (!this.validators.has(key)) {
      const hasSchema = !!response.content?.['application/json']?.schema;
      this.validators.set(key, hasSchema && this.ajv ? this.ajv.compile({ $ref: schemaPointer(method, openApiPath, status) }) : null);
    }
    const validate = this.validators.get(key);
    if (!validate) {
      this.violations.push(`${label}: JSON body where the document has none`);
      return;
    }
    const wire = JSON.parse(JSON.stringify(body ?? null));
    if (!validate(wire)) {
      const errors = (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
      this.violations.push(`${label}: body does not match the document: ${errors.join('; ')} — ${JSON.stringify(wire).slice(0, 400)}`);
    }
  }
}
