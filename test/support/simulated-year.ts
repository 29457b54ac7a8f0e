import { Client } from 'pg';
import type { StackOptions } from '../../apps/simulate/src/stack';
import { appLoginUrl, runMigrations } from '../../libs/persistence/src';
import { TEST_APP_PASSWORD, type TestAuditKeys, readInfra, withDatabase } from './infra';

export interface SimulatedYearDatabase {
  /** The owner's URL: the figures are read back through it. */
  url: string;
  auditKeys: TestAuditKeys;
  /** What every simulation on this database starts with, besides its size, seed and reader. */
  simulation: Pick<StackOptions, 'databaseUrl' | 'appDatabaseUrl' | 'auditRowKey' | 'timeSkippingServer' | 'workflowBundlePath'>;
  /** Creates the database empty and migrates it: the simulation seeds its own tree. */
  create(): Promise<void>;
  /**
   * A copy of the database as it stands (nobody may be connected to it then), named `pennant_test_<label>_…`:
   * rows can be broken there, and committed for another process to read, without touching the year itself.
   */
  copy(label: string): Promise<{ url: string; drop(): Promise<void> }>;
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A database of its own for one simulated year, named `pennant_test_<label>_…` so that only test databases are dropped. */
export function simulatedYearDatabase(label: string): SimulatedYearDatabase {
  const { adminUrl, timeSkippingServer, auditKeys, workflowBundle } = readInfra();
  const name = `pennant_test_${label}_${Date.now().toString(36)}`;
  const url = withDatabase(adminUrl, name);
  return {
    url,
    auditKeys,
    simulation: { databaseUrl: url, appDatabaseUrl: appLoginUrl(url, TEST_APP_PASSWORD), auditRowKey: auditKeys.rowKey, timeSkippingServer, workflowBundlePath: workflowBundle },
    async create() {
      await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
      await runMigrations(url);
    },
    async copy(copyLabel) {
      const copyName = `pennant_test_${copyLabel}_${Date.now().toString(36)}`;
      await asAdmin(adminUrl, `CREATE DATABASE ${copyName} TEMPLATE ${name}`);
      return {
        url: withDatabase(adminUrl, copyName),
        drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`),
      };
    },
    drop: () => asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
