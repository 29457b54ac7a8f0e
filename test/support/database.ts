import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { appLoginUrl, auditSigningKey, createDataSource } from '../../libs/persistence/src';
import { TEMPLATE_DATABASE, TEST_APP_PASSWORD, type TestAuditKeys, readInfra, withDatabase } from './infra';

export interface TestDatabase {
  /** The owner's (a superuser's) URL: set-up, inspection, and tampering in the audit tests. */
  url: string;
  /** The application's login (pennant_app), as the API and the worker connect. */
  appUrl: string;
  /** Connected as the owner; audit rows appended through it are signed with the run's row key. */
  dataSource: DataSource;
  auditKeys: TestAuditKeys;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test file, cloned from the migrated and seeded
 * template. Only databases whose name says they are for tests are ever dropped.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, auditKeys } = readInfra();
  const name = `pennant_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const dataSource = createDataSource({ url, poolSize: 5, applicationName: 'pennant-test', auditSigningKey: auditSigningKey(auditKeys.rowKey) });
  await dataSource.initialize();
  return {
    url,
    appUrl: appLoginUrl(url, TEST_APP_PASSWORD),
    dataSource,
    auditKeys,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (!name.startsWith('pennant_test_')) throw new Error(`refusing to drop ${name}`);
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
