import { NativeConnection } from '@temporalio/worker';
import { createLogger, loadWorkerConfig } from '../../../libs/config/src';
import { createDataSource } from '../../../libs/persistence/src';
import { createPennantWorker, installTemporalLogger } from './worker';

async function main(): Promise<void> {
  const config = loadWorkerConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  installTemporalLogger(logger);

  const dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: 10, applicationName: 'pennant-worker', role: config.DATABASE_ROLE || undefined });
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const worker = await createPennantWorker({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataSource,
      workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
    });
    logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS }, 'worker started');
    // Resolves after SIGINT/SIGTERM once in-flight tasks have drained (the SDK installs the handlers).
    await worker.run();
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
