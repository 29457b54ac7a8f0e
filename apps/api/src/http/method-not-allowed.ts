import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '../common/api-error';

/** A route as Express holds it: its path template and the methods it answers. */
export interface RouteEntry {
  path: string;
  methods: string[];
}

interface ExpressLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** The routes registered on an Express application (Nest adds them at init, after this middleware). */
export function expressRoutes(instance: unknown): RouteEntry[] {
  const stack = (instance as { router?: { stack: ExpressLayer[] } }).router?.stack ?? [];
  return stack.flatMap((layer) => {
    const route = layer.route;
    if (!route || typeof route.path !== 'string') return [];
    return [{ path: route.path, methods: Object.keys(route.methods).filter((m) => route.methods[m]).map((m) => m.toUpperCase()) }];
  });
}

/** A path's segments as Express compares them: no leading or trailing slash, an empty segment inside kept (it matches nothing). */
function segmentsOf(path: string): string[] {
  return path.split('/').filter((s, i, all) => s !== '' || (i > 0 && i < all.length - 1));
}

/**
 * The application's routes, looked up by path. Nest's routes use only literal
 * and `:name` segments; Express matches them case-insensitively, a trailing
 * slash allowed. Indexed by segment count: a request's path is split once and
 * compared only with the templates as long as it (every request is looked up;
 * split again for each of the API's ~100 routes, it made some 200 arrays a
 * request, 6% of what a dashboard read allocated).
 */
export class RouteTable {
  private readonly byLength = new Map<number, Array<RouteEntry & { segments: string[] }>>();

  constructor(routes: readonly RouteEntry[]) {
    for (const r of routes) {
      const segments = r.path.split('/').filter(Boolean).map((seg) => (seg.startsWith(':') ? seg : seg.toLowerCase()));
      this.byLength.set(segments.length, [...(this.byLength.get(segments.length) ?? []), { ...r, segments }]);
    }
  }

  /** The routes whose template the path fits, in registration order. */
  matching(path: string): RouteEntry[] {
    const actual = segmentsOf(path);
    const candidates = this.byLength.get(actual.length) ?? [];
    return candidates.filter((r) => r.segments.every((seg, i) => (seg.startsWith(':') ? actual[i] !== '' : seg === actual[i]!.toLowerCase())));
  }
}

/**
 * Answers a request for a known path with a method none of its routes takes
 * (TRACE, PATCH, …) with 405, the methods it does take in `Allow` and the
 * usual Chinese error body; OPTIONS gets 204 with the same `Allow`. Unknown
 * paths fall through to the 404 of the router. Runs before authentication, as
 * routing does: the methods of a path are no secret.
 */
export function methodNotAllowed(routes: () => RouteEntry[]) {
  let table: RouteTable | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    table ??= new RouteTable(routes());
    const found = new Set(table.matching(req.path).flatMap((r) => r.methods));
    if (found.size === 0 || found.has(req.method)) return next();
    if (found.has('GET')) found.add('HEAD');
    if (req.method === 'HEAD' && found.has('HEAD')) return next();
    found.add('OPTIONS');
    const methods = [...found].sort();
    const allow = methods.join(', ');
    res.setHeader('Allow', allow);
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    const body: ApiErrorBody = { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: `该地址不支持 ${req.method} 请求方法，支持的方法：${methods.join('、')}` };
    res.status(405).json(body);
  };
}
