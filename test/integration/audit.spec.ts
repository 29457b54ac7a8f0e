import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { AuditAnchoring } from '../../apps/worker/src/audit-anchoring';
import {
  type AuditBreak,
  anchorAuditHead,
  appendAudit,
  assertApplicationLogin,
  auditPublicKeys,
  auditSigningKey,
  createDataSource,
  readAnchorFile,
  verifyAuditChain,
} from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';

const run = promisify(execFile);
const DIST_TOOLS = path.resolve(__dirname, '../../dist/tools');

/**
 * The audit trail on PostgreSQL: the application appends and signs through its
 * own login, which can neither change the trail nor become its owner; the
 * owner (a superuser here) is the attacker, and every way it can rewrite the
 * trail is caught by `verifyAuditChain` and by the real `audit:verify` command,
 * naming the row and exiting non-zero.
 */
describe('audit trail', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-audit-'));
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  interface Trail {
    db: TestDatabase;
    /** Connected as the application's login, signing with the run's row key. */
    app: DataSource;
    anchorFile: string;
    /** The rows' seqs in order: the migration's marker first, then the application's rows. */
    seqs: string[];
  }

  const entry = (i: number) => ({
    actorId: null,
    actorName: `审核人${i}`,
    actorRole: 'reviewer',
    organisationId: null,
    action: 'task.decided',
    subjectType: 'task',
    subjectId: `t-${i}`,
    opinion: i % 2 ? '同意|推荐' : '',
    before: { status: 'open' },
    after: { status: 'completed', n: i },
  });

  /** A fresh database with `n` rows appended by the application, and its head anchored. */
  async function withTrail(n: number, opts: { anchor?: boolean } = {}): Promise<Trail> {
    const db = await createTestDatabase();
    cleanups.push(() => db.drop());
    const app = createDataSource({ url: db.appUrl, poolSize: 2, applicationName: 'pennant-test-app', auditSigningKey: auditSigningKey(db.auditKeys.rowKey) });
    await app.initialize();
    cleanups.push(() => app.destroy());
    for (let i = 0; i < n; i++) await app.transaction((em) => appendAudit(em, entry(i)));
    const anchorFile = path.join(dir, `${path.basename(new URL(db.url).pathname)}.jsonl`);
    if (opts.anchor ?? true) await anchorAuditHead(app, anchorFile, auditSigningKey(db.auditKeys.anchorKey));
    const seqs = (await db.dataSource.query(`SELECT seq::text FROM audit_log ORDER BY audit_log.seq`)).map((r: { seq: string }) => r.seq);
    return { db, app, anchorFile, seqs };
  }

  /** Everything the verifier is given: the public keys and the anchors. */
  async function verify(t: Trail, only: { rows?: boolean; anchors?: boolean } = { rows: true, anchors: true }) {
    return verifyAuditChain(t.db.dataSource, {
      ...(only.rows ? { rowKeys: auditPublicKeys([t.db.auditKeys.rowPublicKey]) } : {}),
      ...(only.anchors ? { anchors: (await readAnchorFile(t.anchorFile, auditPublicKeys([t.db.auditKeys.anchorPublicKey]))).anchors } : {}),
    });
  }

  /** The real `audit:verify`, as an operator runs it: the application's login and the public keys only. */
  function verifyCommand(t: Trail): Promise<{ code: number; stdout: string }> {
    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: t.db.appUrl,
      AUDIT_ANCHOR_FILE: t.anchorFile,
      AUDIT_ROW_PUBLIC_KEY: t.db.auditKeys.rowPublicKey,
      AUDIT_ANCHOR_PUBLIC_KEY: t.db.auditKeys.anchorPublicKey,
    };
    return run(process.execPath, [path.join(DIST_TOOLS, 'verify-audit.js')], { env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
  }

  /**
   * What an attacker with the owner's rights does: switch the triggers (append-only, chaining, foreign keys) off
   * for one transaction to rewrite rows; to insert, it needs no such thing: the trigger chains what it inserts.
   */
  async function tamper(t: Trail, sql: string, triggers: 'off' | 'on' = 'off'): Promise<void> {
    await t.db.dataSource.transaction(async (em) => {
      if (triggers === 'off') await em.query(`SET LOCAL session_replication_role = replica`);
      await em.query(sql);
    });
  }

  it('audit: the application appends linked, signed rows, and the verifier finds them whole against the anchor', async () => {
    const t = await withTrail(5);
    const rows = await t.db.dataSource.query(`SELECT a.seq::text, a.action, a.prev_hash, a.hash, s.key_id FROM audit_log a LEFT JOIN audit_log_signatures s USING (seq) ORDER BY a.seq`);
    expect(rows).toHaveLength(6);
    // The migration's marker: from here on every row is signed.
    expect(rows[0]).toMatchObject({ action: 'audit.signatures_required', prev_hash: '', key_id: null });
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
      expect(rows[i].key_id).toBe(auditSigningKey(t.db.auditKeys.rowKey).keyId);
    }
    await expect(verify(t)).resolves.toEqual({ rows: 6, signaturesChecked: 5, anchorsChecked: 1, head: { seq: t.seqs[5], hash: rows[5].hash } });
    const cli = await verifyCommand(t);
    expect(cli).toEqual({ code: 0, stdout: expect.stringMatching(/audit trail intact: 6 rows, 5 signatures, 1 anchors checked; latest anchor seq \d+/) });
  });

  it('audit: anchors the newest row, by number, past the ninth', async () => {
    const t = await withTrail(12);
    const [line] = readFileSync(t.anchorFile, 'utf8').trim().split('\n');
    expect(JSON.parse(line!).seq).toBe(t.seqs.at(-1));
    expect(Number(t.seqs.at(-1))).toBeGreaterThan(9);
  });

  it('audit: appends once per request id, however often an activity retries', async () => {
    const t = await withTrail(0, { anchor: false });
    const once = { ...entry(1), requestId: 'req-1' };
    await t.app.transaction((em) => appendAudit(em, once));
    await t.app.transaction((em) => appendAudit(em, once));
    expect(await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE request_id = 'req-1'`)).toEqual([{ n: 1 }]);
    expect(await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log_signatures`)).toEqual([{ n: 1 }]);
  });

  it('audit: keeps one signed chain under concurrent writers', async () => {
    const t = await withTrail(0, { anchor: false });
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.app.transaction((em) => appendAudit(em, entry(i)))));
    await expect(verify(t, { rows: true })).resolves.toMatchObject({ rows: 31, signaturesChecked: 30 });
    expect((await verify(t, { rows: true })).firstBroken).toBeUndefined();
  });

  it('audit: refuses to append an unsigned row', async () => {
    const t = await withTrail(0, { anchor: false });
    const unsigned = createDataSource({ url: t.db.appUrl, poolSize: 1 });
    await unsigned.initialize();
    cleanups.push(() => unsigned.destroy());
    await expect(unsigned.transaction((em) => appendAudit(em, entry(1)))).rejects.toThrow(/must be signed/);
    expect(await t.db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual([{ n: 1 }]);
  });

  it("audit: the application's login may read and append but cannot change the trail, switch off its triggers or become its owner", async () => {
    const t = await withTrail(2);
    const { app } = t;
    const [{ owner }] = await t.db.dataSource.query(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'audit_log'::regclass`);
    await expect(assertApplicationLogin(app)).resolves.toBeUndefined();
    await expect(app.query(`SELECT count(*) FROM audit_log`)).resolves.toEqual([{ count: '3' }]);
    for (const table of ['audit_log', 'audit_log_signatures']) {
      await expect(app.query(`UPDATE ${table} SET seq = seq`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
    }
    await expect(app.query(`SET ROLE ${owner}`)).rejects.toThrow(/permission denied to set role/);
    await expect(app.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
    // The owner may do all of it, so the API and the worker refuse to start on the owner's login.
    await expect(assertApplicationLogin(t.db.dataSource)).rejects.toThrow(/is a superuser.*must log in as the application role pennant_app/);
    // Even the owner is stopped by the append-only triggers until it switches them off.
    await expect(t.db.dataSource.query(`UPDATE audit_log SET opinion = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.dataSource.query(`DELETE FROM audit_log_signatures`)).rejects.toThrow(/audit_log_signatures is append-only/);
    expect((await verify(t)).firstBroken).toBeUndefined();
  });

  /** Rows r1…r5 are the application's (seqs[1…5]); the anchor holds r5. */
  const recompute = (fromSeq: string) => `
    DO $$
    DECLARE r audit_log; prev text := (SELECT hash FROM audit_log WHERE seq < ${fromSeq} ORDER BY seq DESC LIMIT 1);
    BEGIN
      FOR r IN SELECT * FROM audit_log WHERE seq >= ${fromSeq} ORDER BY seq LOOP
        r.prev_hash := prev;
        r.hash := encode(sha256(convert_to(audit_canonical(r), 'UTF8')), 'hex');
        UPDATE audit_log SET prev_hash = r.prev_hash, hash = r.hash WHERE seq = r.seq;
        prev := r.hash;
      END LOOP;
    END $$`;

  /** `byChainAlone`: whether the hash chain by itself (all the verifier had before signatures and anchors) sees it. */
  const tamperings: Array<{
    name: string;
    sql: (s: string[]) => string;
    triggers?: 'on';
    byChainAlone: boolean;
    caught: (s: string[]) => { seq: string; reason: AuditBreak };
  }> = [
    {
      name: 'an updated row',
      byChainAlone: true,
      sql: (s) => `UPDATE audit_log SET opinion = '不同意' WHERE seq = ${s[3]}`,
      caught: (s) => ({ seq: s[3]!, reason: 'modified' }),
    },
    {
      name: 'a row deleted in the middle',
      byChainAlone: true,
      sql: (s) => `DELETE FROM audit_log_signatures WHERE seq = ${s[3]}; DELETE FROM audit_log WHERE seq = ${s[3]}`,
      caught: (s) => ({ seq: s[4]!, reason: 'link_broken' }),
    },
    {
      name: 'the tail deleted',
      byChainAlone: false,
      sql: (s) => `DELETE FROM audit_log_signatures WHERE seq >= ${s[4]}; DELETE FROM audit_log WHERE seq >= ${s[4]}`,
      caught: (s) => ({ seq: s[5]!, reason: 'anchored_row_missing' }),
    },
    {
      name: 'the table truncated',
      byChainAlone: false,
      sql: () => `TRUNCATE audit_log_signatures, audit_log`,
      caught: (s) => ({ seq: s[5]!, reason: 'anchored_row_missing' }),
    },
    {
      name: 'two rows reordered',
      byChainAlone: true,
      sql: (s) => `UPDATE audit_log SET seq = -1 WHERE seq = ${s[2]}; UPDATE audit_log SET seq = ${s[2]} WHERE seq = ${s[3]}; UPDATE audit_log SET seq = ${s[3]} WHERE seq = -1`,
      caught: (s) => ({ seq: s[2]!, reason: 'link_broken' }),
    },
    {
      name: 'a row changed and every hash after it recomputed',
      byChainAlone: false,
      sql: (s) => `UPDATE audit_log SET opinion = '不同意' WHERE seq = ${s[2]}; ${recompute(s[2]!)}`,
      caught: (s) => ({ seq: s[2]!, reason: 'bad_signature' }),
    },
    {
      name: 'a row forged after the anchor without the key',
      byChainAlone: false,
      sql: () => `INSERT INTO audit_log (actor_name, actor_role, action, subject_type, subject_id) VALUES ('他人', 'administrator', 'task.decided', 'task', 't-x')`,
      triggers: 'on',
      caught: (s) => ({ seq: String(BigInt(s[5]!) + 1n), reason: 'unsigned' }),
    },
    {
      name: 'a row forged with a made-up signature',
      byChainAlone: false,
      sql: (s) => `
        INSERT INTO audit_log (actor_name, actor_role, action, subject_type, subject_id) VALUES ('他人', 'administrator', 'task.decided', 'task', 't-x');
        INSERT INTO audit_log_signatures (seq, key_id, signature)
          SELECT max(seq), (SELECT key_id FROM audit_log_signatures WHERE seq = ${s[5]}), (SELECT signature FROM audit_log_signatures WHERE seq = ${s[5]}) FROM audit_log`,
      triggers: 'on',
      caught: (s) => ({ seq: String(BigInt(s[5]!) + 1n), reason: 'bad_signature' }),
    },
  ];

  it.each(tamperings)('audit: the verifier catches $name, naming the row, and the command exits 1', async ({ sql, triggers, byChainAlone, caught }) => {
    const t = await withTrail(5);
    await tamper(t, sql(t.seqs), triggers);
    expect((await verify(t, {})).firstBroken !== undefined).toBe(byChainAlone);
    const expected = caught(t.seqs);
    expect((await verify(t)).firstBroken).toEqual(expected);
    const cli = await verifyCommand(t);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`audit trail broken at seq ${expected.seq} (${expected.reason})`);
  });

  it('audit: a recomputed chain is caught by the anchor alone, without the row signatures', async () => {
    const t = await withTrail(5);
    await tamper(t, `UPDATE audit_log SET opinion = '不同意' WHERE seq = ${t.seqs[2]}; ${recompute(t.seqs[2]!)}`);
    await expect(verify(t, { rows: false, anchors: false })).resolves.not.toHaveProperty('firstBroken');
    expect((await verify(t, { anchors: true })).firstBroken).toEqual({ seq: t.seqs[5], reason: 'anchor_mismatch' });
  });

  it('audit: the anchor command signs the head; an edited or missing anchor file fails verification', async () => {
    const t = await withTrail(3, { anchor: false });
    const env = { PATH: process.env.PATH, DATABASE_URL: t.db.appUrl, AUDIT_ANCHOR_FILE: t.anchorFile, AUDIT_ANCHOR_KEY: t.db.auditKeys.anchorKey };
    const missing = await verifyCommand(t);
    expect(missing).toEqual({ code: 1, stdout: expect.stringContaining('does not exist') });

    const anchored = await run(process.execPath, [path.join(DIST_TOOLS, 'anchor-audit.js')], { env });
    expect(anchored.stdout).toContain(`anchored seq ${t.seqs[3]}`);
    expect((await verifyCommand(t)).code).toBe(0);

    // An anchor moved back to an earlier head (to hide a deleted tail) no longer carries a valid signature.
    const [line] = readFileSync(t.anchorFile, 'utf8').trim().split('\n');
    const edited = { ...JSON.parse(line!), seq: t.seqs[1], hash: (await t.db.dataSource.query(`SELECT hash FROM audit_log WHERE seq = $1`, [t.seqs[1]]))[0].hash };
    writeFileSync(t.anchorFile, `${JSON.stringify(edited)}\n`);
    const cli = await verifyCommand(t);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`anchor file line 1 (seq ${t.seqs[1]}): its signature does not verify`);
  });

  it("audit: the worker's anchoring notices at its next anchor that an anchored row is gone, and the anchors still prove it", async () => {
    const t = await withTrail(3, { anchor: false });
    const logged: Array<{ level: number; msg: string; seq?: string }> = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logged.push(JSON.parse(chunk.toString())), done()) });
    const anchoring = new AuditAnchoring({
      dataSource: t.app,
      file: t.anchorFile,
      key: auditSigningKey(t.db.auditKeys.anchorKey),
      intervalMs: 3_600_000,
      logger: pino({ level: 'debug' }, sink),
    });
    await anchoring.start();
    await tamper(t, `DELETE FROM audit_log_signatures WHERE seq = ${t.seqs[3]}; DELETE FROM audit_log WHERE seq = ${t.seqs[3]}`);
    await anchoring.stop();
    expect(logged.filter((l) => l.level >= 50)).toEqual([expect.objectContaining({ msg: 'audit trail tampered with: an anchored row is gone or changed', seq: t.seqs[3] })]);
    // The stop anchored the shortened head too; the earlier anchor still holds the deleted row.
    expect(readFileSync(t.anchorFile, 'utf8').trim().split('\n')).toHaveLength(2);
    expect((await verify(t)).firstBroken).toEqual({ seq: t.seqs[3], reason: 'anchored_row_missing' });
  });

  it('audit: the commands refuse to run unconfigured, with exit 2', async () => {
    const err = await run(process.execPath, [path.join(DIST_TOOLS, 'verify-audit.js')], { env: { PATH: process.env.PATH } }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(2);
    for (const name of ['DATABASE_URL', 'AUDIT_ANCHOR_FILE', 'AUDIT_ROW_PUBLIC_KEY', 'AUDIT_ANCHOR_PUBLIC_KEY']) expect(err?.stderr).toContain(name);
  });
});
