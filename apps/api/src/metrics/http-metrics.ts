import type { NextFunction, Request, Response } from 'express';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { type RouteEntry, RouteTable } from '../http/method-not-allowed';

/**
 * Request latency buckets (seconds), finer where the benchmark's targets are:
 * inbox and dashboard p99 ≤ 20 ms, approval p99 ≤ 150 ms (bench/README.md).
 */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.02, 0.035, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The label of a request no route answered (404s of any path, 405s, OPTIONS): one label, however many paths are tried. */
export const UNMATCHED = 'unmatched';

/** Served by middleware rather than routes: a label each, whatever file is asked for. */
const MOUNTED = ['/app', '/docs'];

/** What routeLabel reads of a request: Express's matched route and the path as it arrived. */
export interface RoutedRequest {
  route?: { path?: unknown };
  baseUrl?: string;
  originalUrl?: string;
  url?: string;
}

/** The template of a known route that a path fits, for requests refused before routing; undefined when none does. */
export type TemplateOf = (path: string) => string | undefined;

/** Looks paths up among the application's routes (read once, at the first request that needs them: Nest adds them at init). */
export function templatesOf(routes: () => RouteEntry[]): TemplateOf {
  let table: RouteTable | undefined;
  return (path) => {
    table ??= new RouteTable(routes());
    return table.matching(path)[0]?.path;
  };
}

/**
 * The `route` label of a request: the template of the route that answered it
 * (`/tasks/:id/decision`), never the path with its ids, so that the label has
 * as many values as the API has routes. Express keeps the matched route on
 * `req.route`. A request refused before routing (a malformed JSON body, a
 * method the path does not take) gets the template its path fits; one under
 * the web application or the API documents `/app/*` or `/docs/*`; any other
 * `unmatched`.
 */
export function routeLabel(req: RoutedRequest, templateOf: TemplateOf = () => undefined): string {
  const template = req.route?.path;
  if (typeof template === 'string') return `${req.baseUrl ?? ''}${template}` || '/';
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0]!;
  const known = templateOf(path);
  if (known) return known;
  const mount = MOUNTED.find((m) => path === m || path.startsWith(`${m}/`));
  return mount ? `${mount}/*` : UNMATCHED;
}

/** `2xx` … `5xx`; `aborted` when the client left before the answer was sent. */
export function statusClass(res: Pick<Response, 'statusCode' | 'writableFinished'>): string {
  return res.writableFinished ? `${Math.floor(res.statusCode / 100)}xx` : 'aborted';
}

/**
 * Express middleware timing every request from its arrival to the last byte
 * of its answer (`pennant_http_request_duration_seconds`, by method, route
 * template and status class) and counting those in progress
 * (`pennant_http_requests_in_flight`). First in the chain, so that refusals by
 * authentication, validation and the router are timed too.
 */
export function httpMetrics(registry: Registry, templateOf?: TemplateOf): (req: Request, res: Response, next: NextFunction) => void {
  const duration = new Histogram({
    name: 'pennant_http_request_duration_seconds',
    help: 'Time from a request\'s arrival to the last byte of its answer, by method, route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({ name: 'pennant_http_requests_in_flight', help: 'Requests arrived and not yet answered', registers: [registry] });
  return (req, res, next) => {
    const done = duration.startTimer();
    inFlight.inc();
    res.once('close', () => {
      inFlight.dec();
      done({ method: req.method, route: routeLabel(req, templateOf), status_class: statusClass(res) });
    });
    next();
  };
}
