/**
 * The heap a worker process is started with (README, "Sizing workers"). Node
 * takes the limit from its command line or NODE_OPTIONS only, and V8 applies it
 * to each thread's heap — the SDK's workflow thread, which holds the workflow
 * cache, included. Every command that starts the worker passes
 * workerNodeArgs(): `npm start` and `npm run cluster` (apps/local), the bench, the chaos tool; the
 * systemd unit (deploy/systemd/pennant-worker.service) says the same. A
 * `--max-old-space-size` already in NODE_OPTIONS is left to rule.
 */
export const WORKER_HEAP_MIB = 448;

export function workerNodeArgs(env: NodeJS.ProcessEnv = process.env): string[] {
  return /--max-old-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : [`--max-old-space-size=${WORKER_HEAP_MIB}`];
}

/**
 * The heap (V8's heap_size_limit, MiB) a workflow cache of this size needs:
 * measured about 1–1.4 MiB per cached workflow (each instantiates the
 * bundle's modules) over ~100 MiB for the bundle and the SDK, with room for
 * the collector (bench/README.md, idle).
 */
export const heapNeededMiB = (maxCachedWorkflows: number): number => Math.ceil(128 + 1.5 * maxCachedWorkflows);
