import v8 from 'node:v8';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLogger, loadWorkerConfig } from '../../../libs/config/src';
import { describeTemporalConnection, temporalConnectionOptions } from '../../../libs/temporal-client/src';
import { assertApplicationLogin, auditSigningKey, createDataSource } from '../../../libs/persistence/src';
import { AuditAnchoring } from './audit-anchoring';
import { NotificationDelivery, configuredChannels } from './notifications/delivery';
import { sdkMetricsAddress, serveWorkerMetrics } from './metrics';
import { heapNeededMiB } from './sizing';
import { createPennantWorker, installTemporalLogger } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  // No metrics port: the SDK's core records none either.
  const sdkMetrics = config.WORKER_METRICS_PORT > 0 ? await sdkMetricsAddress() : undefined;
  installTemporalLogger(logger, sdkMetrics);
  // The core starts now, its metrics exporter with it: a failure to bind stops the start here.
  Runtime.instance();

  const dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: 10, applicationName: 'pennant-worker', auditSigningKey: auditSigningKey(config.AUDIT_ROW_KEY) });
  await dataSource.initialize();
  const connectionOptions = temporalConnectionOptions(config);
  logger.info({ temporal: describeTemporalConnection(connectionOptions), namespace: config.TEMPORAL_NAMESPACE }, 'connecting to Temporal');
  const connection = await NativeConnection.connect(connectionOptions);
  try {
    await assertApplicationLogin(dataSource);
    const anchoring =
      config.AUDIT_ANCHOR_INTERVAL_SECONDS > 0
        ? new AuditAnchoring({
            dataSource,
            file: config.AUDIT_ANCHOR_FILE!,
            key: auditSigningKey(config.AUDIT_ANCHOR_KEY!),
            intervalMs: config.AUDIT_ANCHOR_INTERVAL_SECONDS * 1000,
            logger,
          })
        : undefined;
    await anchoring?.start();
    const delivery =
      config.NOTIFY_POLL_MS > 0 ? new NotificationDelivery({ dataSource, settings: config, channels: configuredChannels(config), logger: logger.child({ component: 'notifications' }) }) : undefined;
    delivery?.start(config.NOTIFY_POLL_MS);
    const worker = await createPennantWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataSource,
      workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
      activationTimeoutMs: config.WORKFLOW_ACTIVATION_TIMEOUT_MS,
      sizing: config,
    });
    const metrics = sdkMetrics ? await serveWorkerMetrics({ dataSource, host: config.METRICS_HOST, port: config.WORKER_METRICS_PORT, sdkAddress: sdkMetrics }) : undefined;
    const heapLimitMiB = Math.round(v8.getHeapStatistics().heap_size_limit / 1048576);
    if (heapLimitMiB < heapNeededMiB(config.WORKER_MAX_CACHED_WORKFLOWS)) {
      // The workflow thread would run out of heap once the cache fills, and the worker would stop.
      logger.warn(
        { heapLimitMiB, maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS, heapNeededMiB: heapNeededMiB(config.WORKER_MAX_CACHED_WORKFLOWS) },
        'the heap is too small for WORKER_MAX_CACHED_WORKFLOWS: raise node --max-old-space-size or lower the cache (README, "Sizing workers")',
      );
    }
    logger.info(
      {
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        address: config.TEMPORAL_ADDRESS,
        auditAnchorFile: anchoring ? config.AUDIT_ANCHOR_FILE : null,
        maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
        heapLimitMiB,
        metrics: metrics?.url ?? null,
      },
      'worker started',
    );
    // Resolves after SIGINT/SIGTERM once in-flight tasks have drained (the SDK installs the handlers).
    await worker.run().finally(() => metrics?.close());
    await delivery?.stop();
    // The last anchor covers everything the drained tasks appended.
    await anchoring?.stop();
    logger.info('worker stopped');
  } finally {
    await connection.close();
    await dataSource.destroy();
  }
}

main().catch((err) => {
  createLogger('worker').fatal({ err }, 'worker failed');
  process.exit(1);
});
