import { Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { freePort } from '../../../libs/local-infra/src/ports';
import { type MetricsServer, createMetricsRegistry, instrumentPool, startMetricsServer } from '../../../libs/metrics/src';

/**
 * The worker's metrics on one port (WORKER_METRICS_PORT): its own — Node's,
 * the database pool's — and the Temporal SDK's (`temporal_*`: workflow task,
 * activity and local activity schedule-to-start and execution latencies,
 * sticky cache hits and misses, slots in use).
 *
 * The SDK's metrics are recorded by its Rust core, whose only pull exporter
 * is an HTTP server of its own. It listens on a loopback port chosen at
 * start, and each scrape of WORKER_METRICS_PORT reads it and appends its
 * text (its metrics all start with `temporal_`, ours never do). One port
 * rather than two: one scrape target per pod, one `prometheus.io/port`
 * annotation, one setting, and the core's endpoint never leaves the pod.
 * `pennant_temporal_sdk_metrics_up` says whether a scrape got the SDK's part.
 */
export interface WorkerMetricsOptions {
  dataSource: DataSource;
  host: string;
  port: number;
  /** Where the SDK's core exporter listens (sdkMetricsAddress()). */
  sdkAddress: string;
}

/** A free loopback address for the SDK's core exporter: the OS picks the port, the core binds it right after. */
export async function sdkMetricsAddress(): Promise<string> {
  return `127.0.0.1:${await freePort()}`;
}

/** Reads the SDK core's exposition text; undefined when it does not answer. */
async function sdkText(address: string): Promise<string | undefined> {
  try {
    const res = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? await res.text() : undefined;
  } catch {
    return undefined;
  }
}

export function serveWorkerMetrics(o: WorkerMetricsOptions): Promise<MetricsServer> {
  const registry = createMetricsRegistry();
  instrumentPool(registry, o.dataSource);
  const sdkUp = new Gauge({
    name: 'pennant_temporal_sdk_metrics_up',
    help: '1 when this scrape includes the Temporal SDK\'s own metrics (temporal_*), read from its core on loopback; 0 when they are missing from it',
    registers: [registry],
  });
  return startMetricsServer({
    host: o.host,
    port: o.port,
    setting: 'WORKER_METRICS_PORT',
    contentType: registry.contentType,
    render: async () => {
      const sdk = await sdkText(o.sdkAddress);
      sdkUp.set(sdk === undefined ? 0 : 1);
      const own = await registry.metrics();
      return sdk === undefined ? own : `${own.endsWith('\n') ? own : `${own}\n`}${sdk}`;
    },
  });
}
