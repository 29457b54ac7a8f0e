import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { createApiApp } from '../apps/api/src/app.factory';
import { buildOpenApiDocument } from '../apps/api/src/openapi/document';
import { createLogger, loadApiConfig } from '../libs/config/src';
import { createDataSource } from '../libs/persistence/src';

/**
 * Prints the OpenAPI document, as the API serves it at /docs/openapi.json,
 * without a database or Temporal (nothing connects): for generating clients.
 * `npm run -s openapi > openapi.json`
 */
async function main(): Promise<void> {
  // Settings the document does not depend on; nothing here connects or signs.
  const config = loadApiConfig({
    DATABASE_URL: 'postgres://openapi@127.0.0.1:9/none',
    JWT_SECRET: 'openapi-document-only-never-signs-a-token',
    AUDIT_ROW_KEY: randomBytes(32).toString('base64url'),
    LOG_LEVEL: 'silent',
  });
  const connection = Connection.lazy({ address: '127.0.0.1:9' });
  const app = await createApiApp({
    config,
    dataSource: createDataSource({ url: config.DATABASE_URL }),
    temporal: { connection, client: new Client({ connection }) },
    logger: createLogger('openapi', 'silent'),
  });
  await app.init();
  process.stdout.write(`${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
