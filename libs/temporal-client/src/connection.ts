import { Client, Connection } from '@temporalio/client';

export interface TemporalClientOptions {
  address: string;
  namespace: string;
}

export interface TemporalHandle {
  client: Client;
  connection: Connection;
}

export async function connectTemporal(opts: TemporalClientOptions): Promise<TemporalHandle> {
  const connection = await Connection.connect({ address: opts.address });
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
