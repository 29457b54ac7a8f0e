import { execFile } from 'node:child_process';

import path from 'node:path';
import { promisify } from 'node:util';
import { appendAudit, createDataSource, verifyAuditChain } from '../../libs/persistence/src';
import { type TestDatabase, createTestDatabase } from '../support/database';

const run = promisify(execFile);

describe('audit trail', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
  });

  /** A fresh database with `n` audit rows appended as the application would. */
  async function withTrail(n: number): Promise<TestDatabase> {
    const db = await createTestDatabase();
    databases.push(db);
    for (let i = 0; i < n; i++) {
      await db.dataSource.transaction((em) =>
        appendAudit(em, {
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
        }),
      );
    }
    return db;
  }

  /** Tampering needs the append-only triggers off, as an attacker with owner rights would do. */
  async function tamper(db: TestDatabase, sql: string): Promise<void> {
    await db.dataSource.transaction(async (em) => {
      await em.query(`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      await em.query(sql);
      await em.query(`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    });
  }

  it('audit: chains every appended row, and the verifier finds the chain whole', async () => {
    const db = await withTrail(5);
    const rows = await db.dataSource.query(`SELECT seq::int, prev_hash, hash FROM audit_log ORDER BY seq`);
    expect(rows).toHaveLength(5);
    expect(rows[0].prev_hash).toBe('');
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ rows: 5 });
  });

  it('audit: appends once per request id, however often an activity retries', async () => {
    const db = await withTrail(0);
    const entry = { actorId: null, actorName: 'a', actorRole: 'reviewer', organisationId: null, action: 'x', subjectType: 's', subjectId: '1', requestId: 'req-1' };
    await db.dataSource.transaction((em) => appendAudit(em, entry));
    await db.dataSource.transaction((em) => appendAudit(em, entry));
    expect(await db.dataSource.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual([{ n: 1 }]);
  });

  it('audit: keeps one chain under concurrent writers', async () => {
    const db = await withTrail(0);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.dataSource.transaction((em) =>
          appendAudit(em, { actorId: null, actorName: 'w', actorRole: 'r', organisationId: null, action: 'a', subjectType: 's', subjectId: String(i) }),
        ),
      ),
    );
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ rows: 30 });
  });

  it('audit: the application role may read and append but never update or delete; nobody may without disabling the guard', async () => {
    const db = await withTrail(2);
    const app = createDataSource({ url: db.url, poolSize: 1, role: 'pennant_app' });
    await app.initialize();
    try {
      await app.transaction((em) => appendAudit(em, { actorId: null, actorName: 'app', actorRole: 'r', organisationId: null, action: 'a', subjectType: 's', subjectId: 'x' }));
      await expect(app.query(`UPDATE audit_log SET opinion = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
      await expect(app.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.destroy();
    }
    // Even the owner is stopped by the append-only trigger.
    await expect(db.dataSource.query(`UPDATE audit_log SET opinion = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ rows: 3 });
  });

  it('audit: the verifier catches an updated row', async () => {
    const db = await withTrail(5);
    await tamper(db, `UPDATE audit_log SET opinion = '不同意' WHERE seq = (SELECT min(seq) + 2 FROM audit_log)`);
    const seqs = await db.dataSource.query(`SELECT seq::text FROM audit_log ORDER BY seq`);
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ rows: 3, firstBroken: { seq: seqs[2].seq, reason: 'modified' } });
  });

  it('audit: the verifier catches a deleted row', async () => {
    const db = await withTrail(5);
    const seqs = await db.dataSource.query(`SELECT seq::text FROM audit_log ORDER BY seq`);
    await tamper(db, `DELETE FROM audit_log WHERE seq = ${seqs[1].seq}`);
    await expect(verifyAuditChain(db.dataSource)).resolves.toEqual({ rows: 2, firstBroken: { seq: seqs[2].seq, reason: 'link_broken' } });
  });

  it('audit: the verifier catches a reordered pair', async () => {
    const db = await withTrail(5);
    const seqs = (await db.dataSource.query(`SELECT seq::text FROM audit_log ORDER BY seq`)).map((r: { seq: string }) => r.seq);
    await tamper(db, `UPDATE audit_log SET seq = -1 WHERE seq = ${seqs[1]};
                      UPDATE audit_log SET seq = ${seqs[1]} WHERE seq = ${seqs[2]};
                      UPDATE audit_log SET seq = ${seqs[2]} WHERE seq = -1`);
    const result = await verifyAuditChain(db.dataSource);
    expect(result.firstBroken?.seq).toBe(seqs[1]);
  });

  it('audit: the verifier command reports the first broken link and exits non-zero', async () => {
    const db = await withTrail(3);
    const cli = path.resolve(__dirname, '../../dist/tools/verify-audit.js');
    const ok = await run(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: db.url } });
    expect(ok.stdout).toMatch(/intact: 3 rows/);
    await tamper(db, `UPDATE audit_log SET actor_name = '他人' WHERE seq = (SELECT max(seq) FROM audit_log)`);
    const broken = await run(process.execPath, [cli], { env: { ...process.env, DATABASE_URL: db.url } }).then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stdout).toMatch(/broken at seq \d+: its content no longer matches/);
  });
});
