import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { type MetricsServer, createMetricsRegistry, instrumentPool, startMetricsServer } from '../../../../libs/metrics/src';
import type { RouteEntry } from '../http/method-not-allowed';
import { httpMetrics, templatesOf } from './http-metrics';

/** The API's metrics (README, "Metrics"): requests by route, the database pool, Node's own. */
export interface ApiMetrics {
  registry: Registry;
  /** The middleware timing every request (createApiApp puts it first), given the application's routes. */
  middleware(routes: () => RouteEntry[]): RequestHandler;
}

/** Needs the DataSource initialised (its pool is instrumented). */
export function createApiMetrics(dataSource: DataSource): ApiMetrics {
  const registry = createMetricsRegistry();
  instrumentPool(registry, dataSource);
  return { registry, middleware: (routes) => httpMetrics(registry, templatesOf(routes)) };
}

/** GET /metrics on a listener of its own (API_METRICS_PORT, METRICS_HOST), never on the API's port. */
export function serveApiMetrics(metrics: ApiMetrics, where: { host: string; port: number }): Promise<MetricsServer> {
  return startMetricsServer({ ...where, setting: 'API_METRICS_PORT', contentType: metrics.registry.contentType, render: () => metrics.registry.metrics() });
}
