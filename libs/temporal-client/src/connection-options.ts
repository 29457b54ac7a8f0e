import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { type TemporalConnectionConfig, temporalTlsOn } from '../../config/src';

/**
 * What both connections to Temporal are made with: the client's
 * `Connection.connect` (API) and the worker's `NativeConnection.connect`.
 * The two SDK option types agree on these four fields (SDK 1.24: `tls` a
 * TLSConfig or false, `apiKey` a string, `metadata` string headers).
 */
export interface TemporalConnectionOptions {
  address: string;
  /** false: plain TCP. */
  tls: TLSConfig | false;
  /** Sent as `Authorization: Bearer …` on every call. */
  apiKey?: string;
  metadata?: Record<string, string>;
}

/**
 * The connection options for validated settings (libs/config checked that the
 * files exist and hold PEM; they are read here, at connection time).
 */
export function temporalConnectionOptions(c: TemporalConnectionConfig): TemporalConnectionOptions {
  if (!temporalTlsOn(c)) return { address: c.TEMPORAL_ADDRESS, tls: false };
  const tls: TLSConfig = {};
  if (c.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = c.TEMPORAL_TLS_SERVER_NAME;
  if (c.TEMPORAL_TLS_CA_FILE) tls.serverRootCACertificate = readFileSync(c.TEMPORAL_TLS_CA_FILE);
  if (c.TEMPORAL_TLS_CERT_FILE && c.TEMPORAL_TLS_KEY_FILE) {
    tls.clientCertPair = { crt: readFileSync(c.TEMPORAL_TLS_CERT_FILE), key: readFileSync(c.TEMPORAL_TLS_KEY_FILE) };
  }
  const options: TemporalConnectionOptions = { address: c.TEMPORAL_ADDRESS, tls };
  if (c.TEMPORAL_API_KEY) {
    options.apiKey = c.TEMPORAL_API_KEY;
    // Temporal Cloud routes an API-key call by this header when the address is a regional endpoint rather than the namespace's own.
    options.metadata = { 'temporal-namespace': c.TEMPORAL_NAMESPACE };
  }
  return options;
}

/** The options with the secrets left out, for a log line. */
export function describeTemporalConnection(o: TemporalConnectionOptions): Record<string, unknown> {
  return {
    address: o.address,
    tls: o.tls === false ? 'off' : { serverName: o.tls.serverNameOverride ?? null, ca: o.tls.serverRootCACertificate ? 'file' : 'system roots', clientCertificate: !!o.tls.clientCertPair },
    apiKey: o.apiKey ? 'set' : 'none',
  };
}
