import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DataSourceOptions {
  url: string;
  /** Connections in the pool; the worker and the API size it for their load. */
  poolSize?: number;
  applicationName?: string;
  /**
   * The role every connection assumes (SET ROLE at connect): the application
   * runs as `pennant_app`, which may read and append the audit trail but never
   * change it; migrations run as the owner.
   */
  role?: string;
}

/** Schema changes only ever come from migrations, never from `synchronize`. */
export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
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
      ...(options.role ? { options: `-c role=${options.role}` } : {}),
    },
  });
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
