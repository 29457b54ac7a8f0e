import type { Pool, PoolClient } from 'pg';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Waits for a pooled connection (seconds): a few hundred microseconds when one is idle, up to the 5 s connect timeout when none is. */
export const POOL_WAIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** pg's pool behind TypeORM's PostgreSQL driver; it exists once the DataSource is initialised. */
function poolOf(dataSource: DataSource): Pool | undefined {
  return (dataSource.driver as unknown as { master?: Pool }).master;
}

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, release: (release?: unknown) => void) => void;

/**
 * The database pool's figures, read from pg's pool at each scrape (`pennant_db_pool_*`):
 * connections open and idle, requests waiting for one, the pool's maximum, and how long
 * each request waited for its connection. The wait is timed by wrapping the pool's
 * `connect` (TypeORM and pg's own `pool.query` both go through it): a clock read and a
 * histogram bucket per checkout, nothing on the query itself.
 */
export function instrumentPool(registry: Registry, dataSource: DataSource): void {
  const pool = poolOf(dataSource);
  if (!pool) throw new Error('instrumentPool: the DataSource has no pool yet (initialise it first)');
  const gauge = (name: string, help: string, read: (p: Pool) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const p = poolOf(dataSource);
        this.set(p ? read(p) : 0);
      },
    });
  gauge('pennant_db_pool_connections', 'Connections the pool holds open to PostgreSQL (idle or in use)', (p) => p.totalCount);
  gauge('pennant_db_pool_idle_connections', 'Open connections no one is using', (p) => p.idleCount);
  gauge('pennant_db_pool_waiting_requests', 'Requests waiting for a connection because every one is in use (the pool is the bottleneck while this stays above 0)', (p) => p.waitingCount);
  gauge('pennant_db_pool_max_connections', 'The most connections the pool opens', (p) => Number((p as unknown as { options: { max?: number } }).options.max ?? 10));
  const wait = new Histogram({
    name: 'pennant_db_pool_acquire_seconds',
    help: 'How long a request waited for a pooled connection (a new connection\'s start-up included)',
    buckets: POOL_WAIT_BUCKETS,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'pennant_db_pool_acquire_failures_total',
    help: 'Requests that got no connection (PostgreSQL unreachable, or none free within the 5 s connect timeout)',
    registers: [registry],
  });

  const connect = pool.connect.bind(pool) as unknown as (cb?: ConnectCallback) => Promise<PoolClient> | undefined;
  const timed = (cb?: ConnectCallback): Promise<PoolClient> | undefined => {
    const done = wait.startTimer();
    if (typeof cb === 'function') {
      return connect((err, client, release) => {
        done();
        if (err) failed.inc();
        cb(err, client, release);
      });
    }
    return connect()!.then(
      (client) => {
        done();
        return client;
      },
      (err: unknown) => {
        done();
        failed.inc();
        throw err;
      },
    );
  };
  (pool as unknown as { connect: typeof timed }).connect = timed;
}
