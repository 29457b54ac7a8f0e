import { existsSync } from 'node:fs';
import path from 'node:path';
import { type LogLevel, type LogMetadata, NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createActivities } from '../../../activities';
import { type Logger, WORKER_SIZING_DEFAULTS, type WorkerConfig } from '../../../libs/config/src';

export interface PennantWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dataSource: DataSource;
  /** A prebuilt bundle (production); otherwise workflows/ is bundled at start. */
  workflowBundlePath?: string;
  /** A suspected deadlock: an activation still running after this long is failed. 0 or absent: no limit. */
  activationTimeoutMs?: number;
  /** Cache and concurrency (libs/config, WORKER_*); absent: the same defaults as production. */
  sizing?: WorkerSizing;
}

/** How much one worker holds and runs at once: WORKER_MAX_CACHED_WORKFLOWS and the WORKER_MAX_CONCURRENT_* settings. */
export type WorkerSizing = Pick<WorkerConfig, keyof typeof WORKER_SIZING_DEFAULTS>;

/** The SDK's names for our sizing settings (SDK 1.24: fixed slot counts; the resource-based `tuner` is not used). */
export function sizingOptions(s: WorkerSizing): Pick<WorkerOptions, 'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions'> {
  return {
    maxCachedWorkflows: s.WORKER_MAX_CACHED_WORKFLOWS,
    maxConcurrentWorkflowTaskExecutions: s.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    maxConcurrentActivityTaskExecutions: s.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentLocalActivityExecutions: s.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES,
  };
}

/** The default prebuilt bundle written by `npm run build`, next to the compiled worker. */
export const DEFAULT_BUNDLE_PATH = path.resolve(__dirname, '../../../workflow-bundle.js');

export async function createPennantWorker(opts: PennantWorkerOptions): Promise<Worker> {
  const bundle = opts.workflowBundlePath ?? (existsSync(DEFAULT_BUNDLE_PATH) ? DEFAULT_BUNDLE_PATH : undefined);
  const options: WorkerOptions = {
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts.dataSource),
    // After a worker dies, its cached workflows move to another worker after this long.
    stickyQueueScheduleToStartTimeout: '3 seconds',
    ...sizingOptions(opts.sizing ?? WORKER_SIZING_DEFAULTS),
    ...activationLimit(opts.activationTimeoutMs ?? 0),
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('../../../workflows') }),
  };
  return Worker.create(options);
}

/**
 * How long one activation may run in the workflow sandbox; 0: no limit. Node
 * enforces a limit with a watchdog thread started and joined on every entry
 * into the sandbox, about ten per activation (nodejs/node#47739); without a
 * limit (0, which our patch of the SDK allows: patches/) none is started. The
 * SDK honours the option without declaring it ("not exposed at the moment").
 */
export const activationLimit = (ms: number): Partial<WorkerOptions> => ({ isolateExecutionTimeout: ms }) as Partial<WorkerOptions>;

/**
 * Routes the Temporal SDK's own logs into our JSON logger and, given an
 * address, has its core record its metrics and serve them there in
 * Prometheus's text format (apps/worker/src/metrics.ts reads them from there).
 * Histograms in milliseconds, the SDK's default, as Temporal's Grafana
 * dashboard for core-based SDKs expects them.
 */
export function installTemporalLogger(logger: Logger, sdkMetricsAddress?: string): void {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = level === 'TRACE' ? 'trace' : level === 'DEBUG' ? 'debug' : level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'info';
    logger[method](meta ?? {}, message);
  };
  Runtime.install({
    logger: {
      log,
      trace: (m, meta) => log('TRACE', m, meta),
      debug: (m, meta) => log('DEBUG', m, meta),
      info: (m, meta) => log('INFO', m, meta),
      warn: (m, meta) => log('WARN', m, meta),
      error: (m, meta) => log('ERROR', m, meta),
    },
    ...(sdkMetricsAddress ? { telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetricsAddress } } } } : {}),
  });
}

export { NativeConnection };
