import { NativeConnection, Worker } from '@temporalio/worker';

/**
 * A bare Temporal worker for the baseline: the SDK's defaults, a trivial
 * activity, no database. Same machine and server as the engine's worker.
 */
async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BASELINE_TASK_QUEUE ?? 'bench-baseline',
    workflowsPath: require.resolve('./workflows'),
    activities: { touch: async () => undefined },
  });
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
