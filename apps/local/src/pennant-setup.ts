import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
import { stderrProgress as say } from '../../../libs/local-infra/src';

/**
 * What `npm start` and `npm run cluster` both do to Pennant itself: its
 * database made ready as the owner, and the settings its workers and APIs share.
 */
export const DIST = path.resolve(__dirname, '../../..');

/** A secret from the environment, else made once into the data directory (readable by its owner only) and kept. */
export function secretIn(dataDir: string) {
  return (file: string, make: () => string, variable?: string): string => {
    const given = variable && process.env[variable];
    if (given) return given;
    const where = path.join(dataDir, file);
    if (!existsSync(where)) writeFileSync(where, make(), { mode: 0o600 });
    return readFileSync(where, 'utf8').trim();
  };
}

const randomSecret = () => randomBytes(32).toString('base64url');
const privateKey = () => generateAuditKeyPair().privateKey;

/** Migrations, the application's login, the calendar, rubrics and demo data, as the owner; returns the application's URL. */
export async function preparePennantDatabase(ownerUrl: string, dataDir: string): Promise<string> {
  const applied = await runMigrations(ownerUrl);
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
  // The workers and the APIs log in as the application role, never as the owner; its password lives in the data directory.
  const appUrl = databaseLoginsFromEnv(process.env).appUrl ?? (await provisionAppLogin(ownerUrl, secretIn(dataDir)('db-app-password', randomSecret)));
  const ds = createDataSource({ url: ownerUrl, poolSize: 1 });
  await ds.initialize();
  const calendarYears = await seedCalendarFromLibrary(ds);
  if (calendarYears.length) say(`working-day calendar loaded for ${calendarYears[0]}–${calendarYears.at(-1)}`);
  await seedRubrics(ds);
  const seed = await seedDemo(ds).finally(() => ds.destroy());
  say(seed.seeded ? `demo data seeded: ${seed.organisations} organisations, ${seed.users} users` : `existing data kept: ${seed.organisations} organisations, ${seed.users} users`);
  return appUrl;
}

export interface PennantEnv {
  env: NodeJS.ProcessEnv;
  /** For `set -a; . <file>` before `npm run audit:verify`. */
  auditEnvFile: string;
  auditAnchorFile: string;
}

/**
 * The settings every worker and API replica of one system shares (the same
 * JWT secret and audit keys), with secrets kept in the data directory.
 */
export function pennantEnv(dataDir: string, appUrl: string, temporalAddress: string): PennantEnv {
  const secret = secretIn(dataDir);
  const auditAnchorFile = process.env.AUDIT_ANCHOR_FILE ?? path.join(dataDir, 'audit-anchors.jsonl');
  const audit = {
    AUDIT_ROW_KEY: secret('audit-row-key', privateKey, 'AUDIT_ROW_KEY'),
    AUDIT_ANCHOR_KEY: secret('audit-anchor-key', privateKey, 'AUDIT_ANCHOR_KEY'),
    AUDIT_ANCHOR_FILE: auditAnchorFile,
  };
  // What `npm run audit:verify` and `audit:anchor` need against this system, for `set -a; . <dataDir>/audit.env`.
  const auditEnvFile = path.join(dataDir, 'audit.env');
  writeFileSync(
    auditEnvFile,
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
    TEMPORAL_ADDRESS: temporalAddress,
    JWT_SECRET: secret('jwt-secret', randomSecret, 'JWT_SECRET'),
    WORKFLOW_BUNDLE_PATH: path.join(DIST, 'workflow-bundle.js'),
    WEB_DIR: process.env.WEB_DIR ?? path.join(DIST, 'web'),
  };
  // The owner's login stays with the starter: the workers and the APIs never see it.
  delete env.DATABASE_OWNER_URL;
  return { env, auditEnvFile, auditAnchorFile };
}

export const workerMain = path.join(DIST, 'apps/worker/src/main.js');
export const apiMain = path.join(DIST, 'apps/api/src/main.js');

/** The demo logins and a first request, printed once the system is up. */
export const demoLogins = (base: string): string => `Demo logins (password for all: ${DEMO_PASSWORD}):
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
`;
