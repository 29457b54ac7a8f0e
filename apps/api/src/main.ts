import { createLogger, loadApiConfig } from '../../../libs/config/src';
import { assertApplicationLogin, auditSigningKey, createDataSource } from '../../../libs/persistence/src';
import { connectTemporal, describeTemporalConnection, temporalConnectionOptions } from '../../../libs/temporal-client/src';
import { createApiApp } from './app.factory';
import { createApiMetrics, serveApiMetrics } from './metrics/api-metrics';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const logger = createLogger('api', config.LOG_LEVEL);
  const dataSource = createDataSource({ url: config.DATABASE_URL, poolSize: 20, applicationName: 'pennant-api', auditSigningKey: auditSigningKey(config.AUDIT_ROW_KEY) });
  await dataSource.initialize();
  await assertApplicationLogin(dataSource);
  const connection = temporalConnectionOptions(config);
  logger.info({ temporal: describeTemporalConnection(connection), namespace: config.TEMPORAL_NAMESPACE }, 'connecting to Temporal');
  const temporal = await connectTemporal({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const metrics = config.API_METRICS_PORT > 0 ? createApiMetrics(dataSource) : undefined;
  const app = await createApiApp({ config, dataSource, temporal, logger, metrics });
  // Before the API's port: a metrics port that cannot be bound stops the start, as a bad setting does.
  const metricsServer = metrics ? await serveApiMetrics(metrics, { host: config.METRICS_HOST, port: config.API_METRICS_PORT }) : undefined;
  await app.listen(config.PORT, config.HOST);
  logger.info({ port: config.PORT, host: config.HOST, metrics: metricsServer?.url ?? null }, 'api listening');

  const stop = async (signal: string) => {
    logger.info({ signal }, 'api stopping');
    await metricsServer?.close();
    await app.close();
    await temporal.connection.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  createLogger('api').fatal({ err }, 'api failed to start');
  process.exit(1);
});
