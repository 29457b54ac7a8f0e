import { existsSync } from 'node:fs';
import path from 'node:path';
import { cacheDir } from './cache';

/**
 * The Temporal server binary (v1.31.2, `server`), for tests that need a real
 * server rather than the CLI's dev server: TEMPORAL_SERVER_PATH, else
 * TEMPORAL_SERVER_DIR/server, else the machine's cache. Undefined when there is
 * none. A stand-in until ensureTemporalServer() (temporal-server.ts) finds or builds it.
 */
export function locateTemporalServer(): string | undefined {
  const candidates = [
    process.env.TEMPORAL_SERVER_PATH,
    process.env.TEMPORAL_SERVER_DIR && path.join(process.env.TEMPORAL_SERVER_DIR, 'server'),
    path.join(cacheDir(), 'temporal-server-v1.31.2', 'server'),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
