/**
 * The heap a worker process is started with (README, "Sizing workers"). Node
 * reads the limit from its command line only, so every command that starts
 * the worker passes WORKER_NODE_ARGS: `npm start` (apps/local), the bench, the
 * chaos tool and deploy/systemd/pennant-worker.service. With the default
 * WORKER_MAX_CACHED_WORKFLOWS the heap stays well below it and the process
 * under 1 GiB resident (bench/README.md, idle); a larger cache needs a larger
 * heap, given the same way.
 */
export const WORKER_HEAP_MIB = 512;

export const WORKER_NODE_ARGS: readonly string[] = [`--max-old-space-size=${WORKER_HEAP_MIB}`];
