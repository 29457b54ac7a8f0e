import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseLoginsFromEnv, provisionAppLogin, runMigrations } from '../../../libs/persistence/src';
import { ensureTimeSkippingServer, freePort, startEmbeddedPostgres } from '../../../libs/local-infra/src';
import { SIMULATIONS } from './simulations';

const USAGE = `usage: npm run simulate -- <${Object.keys(SIMULATIONS).join('|')}> [--branches N] [--seed S] ${Object.entries(SIMULATIONS)
  .map(([id, s]) => `(${id}: ${s.options})`)
  .join(' ')}   (DATABASE_OWNER_URL and DATABASE_URL: an empty database, as its owner and as pennant_app, to use instead of a throw-away embedded one)`;

/**
 * `npm run simulate -- <process> --branches N --seed S`: a whole year of a
 * process in minutes. Progress goes to stderr; the last line on stdout is the
 * summary as JSON.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { branches: { type: 'string', default: '300' }, seed: { type: 'string', default: '1' }, quota: { type: 'string' }, laggard: { type: 'boolean' } },
  });
  const [id] = positionals;
  const simulation = id ? SIMULATIONS[id] : undefined;
  const branches = Number(values.branches);
  const seed = Number(values.seed);
  const extra = { quota: values.quota, laggard: values.laggard ? 'yes' : undefined };
  const problem = !simulation
    ? `可模拟的流程：${Object.keys(SIMULATIONS).join('、')}`
    : !Number.isInteger(branches) || branches < simulation.minBranches
      ? `党支部数至少${simulation.minBranches}个`
      : !Number.isInteger(seed)
        ? '种子须为整数'
        : simulation.check(extra);
  if (problem || !simulation) {
    console.error(USAGE);
    console.error(`（${problem}）`);
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
    const summary = await simulation.run({ branches, seed, extra, databaseUrl: url, appDatabaseUrl: appUrl, timeSkippingServer: server, progress: say });
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
