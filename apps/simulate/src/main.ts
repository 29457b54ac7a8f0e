import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseLoginsFromEnv, provisionAppLogin, runMigrations } from '../../../libs/persistence/src';
import { ensureTimeSkippingServer, freePort, startEmbeddedPostgres } from '../../../libs/local-infra/src';
import { runTaianSimulation } from './taian/simulation';

const USAGE =
  'usage: npm run simulate -- taian [--branches N] [--seed S] [--quota Q]   (DATABASE_OWNER_URL and DATABASE_URL: an empty database, as its owner and as pennant_app, to use instead of a throw-away embedded one)';

/**
 * `npm run simulate -- taian --branches N --seed S`: a whole campaign year in
 * minutes. Progress goes to stderr; the last line on stdout is the summary as JSON.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { branches: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, quota: { type: 'string' } },
  });
  const [process_] = positionals;
  const branches = Number(values.branches);
  const seed = Number(values.seed);
  const quota = values.quota === undefined ? undefined : Number(values.quota);
  if (process_ !== 'taian' || !Number.isInteger(branches) || branches < 20 || !Number.isInteger(seed) || (quota !== undefined && (!Number.isInteger(quota) || quota < 1))) {
    console.error(USAGE);
    console.error('（目前可模拟的流程：taian；党支部数至少20个，种子与名额须为整数）');
    process.exitCode = 2;
    return;
  }
  const say = (m: string) => process.stderr.write(`simulate: ${m}\n`);
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const logins = databaseLoginsFromEnv(process.env);
    let url = logins.ownerUrl;
    if (!url) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-simulation-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort(), progress: say });
      // The cluster may live outside the temporary folder (see startEmbeddedPostgres); it goes once the server has stopped.
      cleanups.push(async () => rmSync(pg.dataDir, { recursive: true, force: true }));
      cleanups.push(() => pg.stop());
      await pg.ensureDatabase('simulation');
      url = pg.url('simulation');
    }
    await runMigrations(url);
    // Without the application's login given, this run sets pennant_app's password (a role of the whole server).
    const appUrl = logins.appUrl ?? (await provisionAppLogin(url, randomBytes(24).toString('base64url')));
    const server = await ensureTimeSkippingServer(say);
    const summary = await runTaianSimulation({ branches, seed, quota, databaseUrl: url, appDatabaseUrl: appUrl, timeSkippingServer: server, progress: say });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
