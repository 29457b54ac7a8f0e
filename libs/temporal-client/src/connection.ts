import { Client, Connection, isGrpcServiceError } from '@temporalio/client';
import type { TemporalConnectionOptions } from './connection-options';

export interface TemporalClientOptions {
  /** From temporalConnectionOptions(config): address, TLS, API key. */
  connection: TemporalConnectionOptions;
  namespace: string;
  /** Give up the first connection after this long (the SDK's default: 10 s). */
  connectTimeoutMs?: number;
}

export interface TemporalHandle {
  client: Client;
  connection: Connection;
}

export async function connectTemporal(opts: TemporalClientOptions): Promise<TemporalHandle> {
  const connection = await Connection.connect({ ...opts.connection, ...(opts.connectTimeoutMs ? { connectTimeout: opts.connectTimeoutMs } : {}) });
  return { connection, client: new Client({ connection, namespace: opts.namespace }) };
}

/** True when the frontend answers a cheap call within the deadline. */
export async function temporalReachable(handle: TemporalHandle, namespace: string, timeoutMs = 2000): Promise<boolean> {
  try {
    await handle.connection.withDeadline(Date.now() + timeoutMs, () =>
      handle.connection.workflowService.describeNamespace({ namespace }),
    );
    return true;
  } catch {
    return false;
  }
}

/** gRPC's UNAVAILABLE and DEADLINE_EXCEEDED: the server is restarting, unreachable or overloaded. */
const UNAVAILABLE_CODES = [14, 4];

/** True when a Temporal call failed because the server could not be reached (a retry later may succeed). */
export function isTemporalUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isGrpcServiceError(e) && UNAVAILABLE_CODES.includes(e.code)) return true;
  }
  return false;
}
