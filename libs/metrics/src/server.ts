import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServer {
  /** Where Prometheus scrapes it (a wildcard bind address shown as 127.0.0.1). */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  host: string;
  /** 0 picks a free port (tests); the settings use 0 for "no metrics" and never call this with it. */
  port: number;
  /** The setting that chose the port, named when it cannot be bound. */
  setting: string;
  contentType: string;
  /** The exposition text, made at each scrape. */
  render: () => Promise<string>;
}

/** How a metrics endpoint is written in a URL; 0.0.0.0 and :: are reached on loopback from this machine. */
export function metricsUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port}/metrics`;
}

/**
 * A listener of its own for GET /metrics, apart from the API's port, its
 * middleware and its authentication: what it shows is for the operator's
 * Prometheus, reached inside the cluster (or on loopback), never published.
 * Anything else it answers with 404.
 */
export async function startMetricsServer(o: MetricsServerOptions): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics are at GET /metrics\n');
      return;
    }
    o.render().then(
      (body) => {
        res.writeHead(200, { 'content-type': o.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`could not collect the metrics: ${err instanceof Error ? err.message : String(err)}\n`);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(`cannot serve metrics on ${o.host}:${o.port} (${err.code ?? err.message}): free the port or set ${o.setting} (0: no metrics)`, { cause: err })),
    );
    server.listen(o.port, o.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: metricsUrl(o.host, port),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
