import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { setAuditSigningKey } from './audit';
import type { AuditSigningKey } from './audit-keys';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; the worker and the API size it for their load. */
  poolSize?: number;
  applicationName?: string;
  /**
   * Signs every audit row appended through this data source; without it
   * `appendAudit` refuses. The API and the worker log in as the application
   * role (see app-login.ts); migrations and seeds run as the owner.
   */
  auditSigningKey?: AuditSigningKey;
}

/** Schema changes only ever come from migrations, never from `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const ds = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize ?? 10,
      // An unreachable server fails a request within seconds (answered 503) instead of holding it.
      connectionTimeoutMillis: 5000,
      application_name: options.applicationName ?? 'pennant',
    },
  });
  if (options.auditSigningKey) setAuditSigningKey(ds, options.auditSigningKey);
  return ds;
}

export async function runMigrations(url: string): Promise<string[]> {
  const ds = createDataSource({ url, poolSize: 1, applicationName: 'pennant-migrate' });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
