import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The metrics of one process, starting with Node's own (prom-client's default
 * metrics): event-loop lag (`nodejs_eventloop_lag_*`), heap
 * (`nodejs_heap_size_*`), garbage collection (`nodejs_gc_duration_seconds`),
 * CPU (`process_cpu_*`), resident memory, handles. A registry of its own, not
 * prom-client's global one, so that a test can hold several side by side.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}
