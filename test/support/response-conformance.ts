import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { NextFunction, Request, Response } from 'express';

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

  use(document: OpenApiDocument): void {
    this.document = document;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema(document, 'openapi');
  }

  private check(method: string, routePath: string, status: number, body: unknown): void {
    const path = routePath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const operation = this.document!.paths[path]?.[method];
    if (!operation) return; // not a documented route (e.g. /docs)
    const label = `${method.toUpperCase()} ${path} → ${status}`;
    const response = operation.responses[String(status)];
    if (!response) {
      this.violations.push(`${label}: status not documented (${JSON.stringify(body).slice(0, 300)})`);
      return;
    }
    const key = `${method} ${path} ${status}`;
    if (!this.validators.has(key)) {
      const hasSchema = !!response.content?.['application/json']?.schema;
      const pointer = `openapi#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`;
      this.validators.set(key, hasSchema ? this.ajv!.compile({ $ref: pointer }) : null);
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
