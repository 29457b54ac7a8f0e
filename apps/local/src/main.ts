import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  DEMO_PASSWORD,
  createDataSource,
  databaseLoginsFromEnv,
  generateAuditKeyPair,
  provisionAppLogin,
  publicKeyText,
  runMigrations,
  seedCalendarFromLibrary,
  seedDemo,
  seedRubrics,
} from '../../../libs/persistence/src';
import {
  type RunningPostgres,
  devServerArgs,
  ensureTemporalCli,
  maskPassword,
  portInUse,
  startEmbeddedPostgres,
  stderrProgress as say,
  waitFor,
} from '../../../libs/local-infra/src';
import { workerNodeArgs } from '../../worker/src/sizing';
import { type Child, startChild, stopChild } from './children';

/**
 * `npm start`: the whole system on one machine. PostgreSQL (embedded unless
 * DATABASE_OWNER_URL or DATABASE_URL), a Temporal dev server (unless
 * TEMPORAL_ADDRESS), migrations and demo data as the database's owner, the
 * application's login, then the worker and the API logging in with it.
 */
const ROOT = path.resolve(__dirname, '../../../..');
const DIST = path.join(ROOT, 'dist');
const DATA_DIR = path.resolve(process.env.PENNANT_DATA_DIR ?? path.join(ROOT, '.pennant'));
const PORT = Number(process.env.PORT ?? 3000);
const PG_PORT = Number(process.env.PENNANT_PG_PORT ?? 54329);
const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT ?? 7233);
const TEMPORAL_UI_PORT = Number(process.env.TEMPORAL_UI_PORT ?? 8233);

const cleanups: Array<() => Promise<void>> = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say('stopping…');
    for (const cleanup of cleanups.reverse()) await cleanup().catch((err) => say(`while stopping: ${String(err)}`));
    say('stopped');
  }
  process.exit(code);
}

/** A secret from the environment, else made once into the data directory (readable by its owner only) and kept. */
function secret(file: string, make: () => string, variable?: string): string {
  const given = variable && process.env[variable];
  if (given) return given;
  const where = path.join(DATA_DIR, file);
  if (!existsSync(where)) writeFileSync(where, make(), { mode: 0o600 });
  return readFileSync(where, 'utf8').trim();
}

const randomSecret = () => randomBytes(32).toString('base64url');
const privateKey = () => generateAuditKeyPair().privateKey;

/** The owner's URL: migrations and seeds. */
async function postgres(): Promise<string> {
  const { ownerUrl } = databaseLoginsFromEnv(process.env);
  if (ownerUrl) {
    say(`using the PostgreSQL at ${process.env.DATABASE_OWNER_URL ? 'DATABASE_OWNER_URL' : 'DATABASE_URL (as its owner)'}`);
    return ownerUrl;
  }
  const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(DATA_DIR, 'postgres'), port: PG_PORT });
  cleanups.push(() => pg.stop());
  await pg.ensureDatabase('pennant');
  say(`embedded PostgreSQL on 127.0.0.1:${PG_PORT} (data in ${pg.dataDir})`);
  return pg.url('pennant');
}

async function temporal(): Promise<{ address: string; ui: string | null }> {
  if (process.env.TEMPORAL_ADDRESS) {
    say(`using the Temporal server at ${process.env.TEMPORAL_ADDRESS}`);
    return { address: process.env.TEMPORAL_ADDRESS, ui: null };
  }
  const cli = await ensureTemporalCli();
  if (!cli) throw new Error('No Temporal CLI: install Go (for `go install`), put `temporal` on PATH, set TEMPORAL_CLI_PATH, or point TEMPORAL_ADDRESS at a server');
  if (await portInUse(TEMPORAL_PORT)) throw new Error(`port ${TEMPORAL_PORT} is taken: stop what uses it, or set TEMPORAL_PORT / TEMPORAL_ADDRESS`);
  const server = startChild(
    'temporal',
    cli,
    devServerArgs({ port: TEMPORAL_PORT, uiPort: TEMPORAL_UI_PORT, dbFile: path.join(DATA_DIR, 'temporal.sqlite') }),
    process.env,
    path.join(DATA_DIR, 'logs', 'temporal.log'),
  );
  cleanups.push(() => stopChild(server));
  watch(server);
  const address = `127.0.0.1:${TEMPORAL_PORT}`;
  await waitFor('the Temporal dev server', () => portInUse(TEMPORAL_PORT), 60_000);
  say(`Temporal dev server on ${address} (history in ${path.join(DATA_DIR, 'temporal.sqlite')})`);
  return { address, ui: `http://127.0.0.1:${TEMPORAL_UI_PORT}` };
}

/** A process that dies on its own takes the whole system down, loudly. */
function watch(child: Child): void {
  void child.exited.then((code) => {
    if (stopping) return;
    say(`${child.name} exited unexpectedly (code ${code}); see ${path.join(DATA_DIR, 'logs', `${child.name}.log`)}`);
    void shutdown(1);
  });
}

async function main(): Promise<void> {
  process.once('SIGHUP', () => void shutdown(0));
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  mkdirSync(path.join(DATA_DIR, 'logs'), { recursive: true });
  if (await portInUse(PORT)) throw new Error(`port ${PORT} is taken: stop what uses it or set PORT`);

  const ownerUrl = await postgres();
  const applied = await runMigrations(ownerUrl);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  // The worker and the API log in as the application role, never as the owner; its password lives in the data directory.
  const appUrl = databaseLoginsFromEnv(process.env).appUrl ?? (await provisionAppLogin(ownerUrl, secret('db-app-password', randomSecret)));
  const ds = createDataSource({ url: ownerUrl, poolSize: 1 });
  await ds.initialize();
  const calendarYears = await seedCalendarFromLibrary(ds);
  if (calendarYears.length) say(`working-day calendar loaded for ${calendarYears[0]}–${calendarYears.at(-1)}`);
  await seedRubrics(ds);
  const seed = await seedDemo(ds).finally(() => ds.destroy());
  say(seed.seeded ? `demo data seeded: ${seed.organisations} organisations, ${seed.users} users` : `existing data kept: ${seed.organisations} organisations, ${seed.users} users`);

  const t = await temporal();
  const audit = {
    AUDIT_ROW_KEY: secret('audit-row-key', privateKey, 'AUDIT_ROW_KEY'),
    AUDIT_ANCHOR_KEY: secret('audit-anchor-key', privateKey, 'AUDIT_ANCHOR_KEY'),
    AUDIT_ANCHOR_FILE: process.env.AUDIT_ANCHOR_FILE ?? path.join(DATA_DIR, 'audit-anchors.jsonl'),
  };
  // What `npm run audit:verify` and `audit:anchor` need against this system, for `set -a; . .pennant/audit.env`.
  const auditEnv = path.join(DATA_DIR, 'audit.env');
  writeFileSync(
    auditEnv,
    [
      `DATABASE_URL=${appUrl}`,
      `AUDIT_ANCHOR_FILE=${audit.AUDIT_ANCHOR_FILE}`,
      `AUDIT_ANCHOR_KEY=${audit.AUDIT_ANCHOR_KEY}`,
      `AUDIT_ROW_PUBLIC_KEY=${publicKeyText(audit.AUDIT_ROW_KEY)}`,
      `AUDIT_ANCHOR_PUBLIC_KEY=${publicKeyText(audit.AUDIT_ANCHOR_KEY)}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: appUrl,
    ...audit,
    TEMPORAL_ADDRESS: t.address,
    JWT_SECRET: secret('jwt-secret', randomSecret, 'JWT_SECRET'),
    PORT: String(PORT),
    WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
    WEB_DIR: process.env.WEB_DIR ?? path.join(DIST, 'web'),
  };
  // The owner's login stays here: the worker and the API never see it.
  delete env.DATABASE_OWNER_URL;
  const worker = startChild('worker', process.execPath, [...workerNodeArgs(), path.join(DIST, 'apps/worker/src/main.js')], env, path.join(DATA_DIR, 'logs', 'worker.log'));
  cleanups.push(() => stopChild(worker));
  watch(worker);
  const api = startChild('api', process.execPath, [path.join(DIST, 'apps/api/src/main.js')], env, path.join(DATA_DIR, 'logs', 'api.log'));
  cleanups.push(() => stopChild(api));
  watch(api);

  const base = `http://127.0.0.1:${PORT}`;
  await waitFor('the API to report healthy', async () => (await fetch(`${base}/health`)).ok, 120_000, 300);

  console.log(`
Pennant is running.  Ctrl-C stops everything; data stays in ${DATA_DIR}.

  Web app      ${base}/app/
  API          ${base}
  API docs     ${base}/docs
  Health       ${base}/health
  Temporal UI  ${t.ui ?? '(external server)'}
  Database     ${maskPassword(appUrl)}${databaseLoginsFromEnv(process.env).appUrl ? '' : `  (password in ${path.join(DATA_DIR, 'db-app-password')})`}
  Logs         ${path.join(DATA_DIR, 'logs')}/{api,worker,temporal}.log
  Audit        anchors in ${audit.AUDIT_ANCHOR_FILE}
               check: (set -a; . ${auditEnv}; npm run audit:verify)

Demo logins (password for all: ${DEMO_PASSWORD}):
  admin                          组织部管理员 (administrator)
  head                           组织部部长 (department_head, whole city)
  zzb.reviewer                   组织部审核人 (reviewer)
  tsq.reviewer, tsq.head         泰山区委 审核人 / 组织部部长
  tsq-cyjd.reviewer              财源街道党工委 审核人 (grassroots reviewer)
  tsq-cyjd-b01.secretary         东关村党支部书记 (submitter)
  taian-agency-court.contact     法院联络人 (agency_consultee)
  Hefei (合肥市司法局, a second tree):
  hf-zzb.admin, hf-zzb.reviewer  局政治部 管理员 / 审核人
  hf.head, hf.reviewer           局党委 主要负责人 / 专项督查组
  hf-lsxh.staff, hf-lsxh.reviewer  市律师协会党委 党务工作者 / 审核人
  hf-lsxh-ls07.secretary         律师事务所党支部书记 (2 members)
  Wujin (武进区, a third tree):
  wj-zzb.admin, wj-zzb.reviewer  区委组织部 管理员 / 组织科（审核、验收评定）
  wj-zzb.head                    区委组织部部长 (department_head)
  wj-ht.staff, wj-ht.reviewer    湖塘镇党委 党务工作者 / 考核人
  wj-ht-c1.secretary             马杭村党支部书记 (submitter)
  Zibo (淄博市科技局, a fourth tree):
  zb-jgdw.admin                  局机关党委办公室 管理员（启动年度过硬支部建设）
  zb.reviewer, zb.head           局党委 考评组（备案、审核、验收、考评、评选） / 书记
  zb-bgs.secretary               局办公室党支部书记 (submitter)
  Liangshan (凉山州, a fifth tree):
  ls-zzb.admin, ls-zzb.head      州委组织部 管理员（责任清单、开始年度）/ 部长 (department_head)
  ls-zzgw.head, ls-zzgw.reviewer  州直机关工委 书记 (department_head) / 组织委员（逾期告知）
  ls-zzgw-kx.staff               州科协党支部组织委员（责任人, submitter）
  ls-zzgw-kx.secretary, ls-zzgw-kx.leader  支部书记 / 党组书记（责任领导）

Try it:
  curl -s -X POST ${base}/auth/login -H 'content-type: application/json' \\
       -d '{"username":"tsq-cyjd-b01.secretary","password":"${DEMO_PASSWORD}"}'
`);
}

main().catch(async (err) => {
  say(`failed to start: ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
