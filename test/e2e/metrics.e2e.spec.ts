import { randomUUID } from 'node:crypto';
import { startApprovalTask } from '../support/approval-task';
import { actorAt } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

/** One series of Prometheus's text format: its name, labels and value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of every series of `name` whose labels include `labels`; undefined when there is none. */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = parse(text).filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.length ? found.reduce((sum, s) => sum + s.value, 0) : undefined;
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** Every metric family is declared once: the worker's own text and the SDK's, joined, still parse as one exposition. */
function expectOneDeclarationEach(text: string): void {
  const types = [...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!);
  expect(types.length).toBeGreaterThan(0);
  expect(types.filter((t, i) => types.indexOf(t) !== i)).toEqual([]);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/**
 * What an operator's Prometheus scrapes (README, "Metrics"): the API's requests
 * by route template, its database pool and Node's own figures; the worker's
 * Temporal SDK metrics, its pool and Node's. Each on a listener of its own,
 * never on the API's port.
 */
describe('Prometheus metrics of the API and the worker', () => {
  const system = useSystem({ metrics: true });
  const { auth } = system;
  let sys: TestSystem;
  beforeAll(() => {
    sys = system.sys();
  });

  it('counts the API\'s requests by route template, method and status class, never by their ids', async () => {
    const reviewer = await auth('tsq-cyjd.reviewer');
    const before = await scrape(sys.metrics!.api);
    const decisions = { method: 'POST', route: '/tasks/:id/decision', status_class: '4xx' };
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await sys.http.post(`/tasks/${id}/decision`).set(reviewer).send({ decision: 'approve', opinion: '同意' }).expect(404);
    // Refused by the body parser before routing: counted under the template all the same.
    await sys.http.post(`/tasks/${ids[0]}/decision`).set(reviewer).set('content-type', 'application/json').send('{"decision": ').expect(400);
    await sys.http.get('/tasks').set(reviewer).expect(200);
    await sys.http.get(`/no-such-page/${ids[0]}`).expect(404);

    const text = await scrape(sys.metrics!.api);
    expect((value(text, 'pennant_http_request_duration_seconds_count', decisions) ?? 0) - (value(before, 'pennant_http_request_duration_seconds_count', decisions) ?? 0)).toBe(4);
    expect(value(text, 'pennant_http_request_duration_seconds_bucket', { ...decisions, le: '+Inf' })).toBe(value(text, 'pennant_http_request_duration_seconds_count', decisions));
    expect(value(text, 'pennant_http_request_duration_seconds_count', { method: 'GET', route: '/tasks', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'pennant_http_request_duration_seconds_count', { method: 'POST', route: '/auth/login', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'pennant_http_request_duration_seconds_count', { route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    // No path with an id became a label: the labels are as many as the routes.
    expect(text).not.toMatch(UUID);
    expect(value(text, 'pennant_http_requests_in_flight')).toBe(0);
  });

  it('shows the API\'s database pool and Node\'s own figures', async () => {
    await sys.http.get('/health').expect(200);
    const text = await scrape(sys.metrics!.api);
    // The tests' API pool holds 5 (test/support/system.ts).
    expect(value(text, 'pennant_db_pool_max_connections')).toBe(5);
    expect(value(text, 'pennant_db_pool_connections')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'pennant_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'pennant_db_pool_waiting_requests')).toBe(0);
    expect(value(text, 'pennant_db_pool_acquire_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'pennant_db_pool_acquire_failures_total')).toBe(0);
    for (const name of ['nodejs_heap_size_used_bytes', 'process_cpu_seconds_total', 'process_resident_memory_bytes']) expect(value(text, name)).toBeGreaterThan(0);
    // Reset at each scrape: present, whatever its value.
    expect(value(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^# TYPE nodejs_gc_duration_seconds histogram$/m);
    expectOneDeclarationEach(text);
  });

  it('serves them apart from the API: its own port answers nothing at /metrics', async () => {
    await sys.http.get('/metrics').expect(404);
    expect(new URL(sys.metrics!.api).port).not.toBe(new URL(sys.baseUrl).port);
    const elsewhere = await fetch(sys.metrics!.api.replace(/\/metrics$/, '/health'));
    expect(elsewhere.status).toBe(404);
  });

  it('shows the Temporal SDK\'s metrics once a workflow ran on the worker, with its pool and Node\'s', async () => {
    const actor = await actorAt(sys.db.dataSource, 'tsq-cyjd.reviewer', 'reviewer');
    const reviewer = await auth('tsq-cyjd.reviewer');
    const row = await startApprovalTask(sys, { organisationId: actor.organisationId, title: `指标 ${randomUUID()}`, inboxAuth: reviewer });
    await sys.http.post(`/tasks/${row.id}/decision`).set(reviewer).send({ decision: 'approve', opinion: '同意' }).expect(200);

    // The SDK records a workflow task's latencies when it completes: wait for them rather than for a time.
    const text = await eventually(
      () => scrape(sys.metrics!.worker),
      (t) => (value(t, 'temporal_workflow_task_execution_latency_count') ?? 0) >= 2 && (value(t, 'temporal_workflow_completed') ?? 0) >= 1,
    );
    expect(value(text, 'pennant_temporal_sdk_metrics_up')).toBe(1);
    expect(value(text, 'temporal_workflow_task_schedule_to_start_latency_count')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'temporal_workflow_task_execution_latency_count', { task_queue: 'pennant-e2e' })).toBeGreaterThanOrEqual(2);
    expect(value(text, 'temporal_workflow_endtoend_latency_count', { workflow_type: 'humanTask' })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'temporal_worker_task_slots_available')).toBeGreaterThan(0);
    expect(value(text, 'temporal_sticky_cache_size')).toBeDefined();
    // The worker's own: its pool (10, apps/worker/src/main.ts) and Node's.
    expect(value(text, 'pennant_db_pool_max_connections')).toBe(10);
    expect(value(text, 'pennant_db_pool_acquire_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(value(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expectOneDeclarationEach(text);
  });
});
