import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/app.factory';
import { createLogger, loadApiConfig } from '../../libs/config/src';
import { DEMO_PASSWORD, OrganisationEntity, auditSigningKey, createDataSource } from '../../libs/persistence/src';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

// Real files as far as their bytes go: a PDF, and a 1×1 PNG (a sniffer reads its chunks, not only its signature).
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.\r\n')]);

const SECRETARY = 'tsq-cyjd-b01.secretary';
const REVIEWER = 'tsq-cyjd.reviewer';
const OUTSIDER = 'dyq-zdjd-b21.secretary'; // a branch secretary in another district's subtree
const OUTSIDE_REVIEWER = 'dyq-zdjd.reviewer';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The response body as bytes, whatever its content type. */
const asBytes = (t: request.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/** Attachments on a nomination over HTTP: stored and returned byte for byte; oversized, wrong-type and unauthorised uploads refused with nothing written. */
describe('nomination attachments end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let nominationId: string;
  let taskId: string;

  const db = () => sys.db.dataSource;
  const counts = async () => {
    const [{ rows, files, audits }] = await db().query(
      `SELECT (SELECT count(*)::int FROM attachments) AS rows,
              (SELECT count(*)::int FROM attachments WHERE deleted_at IS NULL) AS files,
              (SELECT count(*)::int FROM audit_log WHERE action LIKE 'attachment.%') AS audits`,
    );
    return { rows, files, audits } as { rows: number; files: number; audits: number };
  };
  // Logged in once, before the tests, so each request below is a plain supertest chain.
  const headers: Record<string, { authorization: string }> = {};
  const upload = (user: string, bytes: Buffer, filename: string, contentType?: string) =>
    sys.http
      .post(`/nominations/${nominationId}/attachments`)
      .set(headers[user]!)
      .attach('file', bytes, { filename, ...(contentType ? { contentType } : {}) });
  const download = (user: string, attachmentId: string) => asBytes(sys.http.get(`/nominations/${nominationId}/attachments/${attachmentId}`).set(headers[user]!));

  beforeAll(async () => {
    sys = system.sys();
    for (const user of [SECRETARY, REVIEWER, OUTSIDER, OUTSIDE_REVIEWER]) headers[user] = await auth(user);
    const branch = await db().getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd-b01' });
    const res = await sys.http.post('/nominations').set(await auth(SECRETARY)).send({ branchId: branch.id, campaignYear: 2031, form: sampleForm() }).expect(201);
    nominationId = res.body.id;
    taskId = res.body.openTasks[0].id;
  });

  let pdfId: string;
  let pngId: string;

  it('stores a PDF and a PNG under Chinese names, lists them (also in the detail) and returns the same bytes', async () => {
    const before = await counts();
    const pdfName = '主要事迹材料（2024年度）.pdf';
    const up = await upload(SECRETARY, PDF, pdfName, 'application/pdf').expect(201);
    expect(up.body).toMatchObject({ filename: pdfName, kind: 'pdf', contentType: 'application/pdf', sizeBytes: PDF.length, sha256: sha256(PDF) });
    pdfId = up.body.id;
    // The declared type does not matter; the bytes do.
    const png = await upload(SECRETARY, PNG, '活动照片.png', 'application/octet-stream').expect(201);
    expect(png.body).toMatchObject({ kind: 'png', contentType: 'image/png', sizeBytes: PNG.length });
    pngId = png.body.id;
    expect(await counts()).toEqual({ rows: before.rows + 2, files: before.files + 2, audits: before.audits + 2 });

    const [row] = await db().query(`SELECT storage, data, sha256, uploaded_by FROM attachments WHERE id = $1`, [pdfId]);
    expect(row.storage).toBe('database');
    expect(Buffer.compare(row.data, PDF)).toBe(0);
    expect(row.sha256).toBe(sha256(PDF));
    const [audit] = await db().query(`SELECT actor_role, after FROM audit_log WHERE action = 'attachment.uploaded' AND subject_id = $1 ORDER BY seq LIMIT 1`, [nominationId]);
    expect(audit).toMatchObject({ actor_role: 'submitter', after: { attachmentId: pdfId, filename: pdfName, sha256: sha256(PDF) } });

    const list = await sys.http.get(`/nominations/${nominationId}/attachments`).set(await auth(REVIEWER)).expect(200);
    expect(list.body).toEqual([
      { id: pdfId, filename: pdfName, kind: 'pdf', contentType: 'application/pdf', sizeBytes: PDF.length, createdAt: expect.any(String) },
      { id: pngId, filename: '活动照片.png', kind: 'png', contentType: 'image/png', sizeBytes: PNG.length, createdAt: expect.any(String) },
    ]);
    const detail = await sys.http.get(`/nominations/${nominationId}`).set(await auth(REVIEWER)).expect(200);
    expect(detail.body.attachments).toEqual([
      { id: pdfId, filename: pdfName, contentType: 'application/pdf', sizeBytes: PDF.length, createdAt: expect.any(String) },
      { id: pngId, filename: '活动照片.png', contentType: 'image/png', sizeBytes: PNG.length, createdAt: expect.any(String) },
    ]);

    const down = await download(REVIEWER, pdfId).expect(200);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-length']).toBe(String(PDF.length));
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(down.headers['content-disposition']).toBe(`attachment; filename="attachment.pdf"; filename*=UTF-8''${encodeURIComponent(pdfName)}`);
    // The Chinese name survives the round trip: decoding filename* gives it back.
    const star = /filename\*=UTF-8''(.+)$/.exec(down.headers['content-disposition'])![1]!;
    expect(decodeURIComponent(star)).toBe(pdfName);
    expect(Buffer.compare((await download(SECRETARY, pngId).expect(200)).body as Buffer, PNG)).toBe(0);
  });

  it('takes a file of exactly ATTACHMENT_MAX_BYTES (10 MiB), far past the 256 KB limit of JSON bodies', async () => {
    const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024 - 16, 0x41), Buffer.from('\n%%EOF\n')]);
    expect(scan.length).toBe(10 * 1024 * 1024);
    const up = await upload(SECRETARY, scan, '扫描件.pdf').expect(201);
    expect(up.body).toMatchObject({ kind: 'pdf', sizeBytes: scan.length });
    expect(Buffer.compare((await download(REVIEWER, up.body.id).expect(200)).body as Buffer, scan)).toBe(0);
  });

  it('refuses an oversized file (413), a wrong type (415) and a missing file (400) in Chinese, writing nothing', async () => {
    const before = await counts();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const tooBig = await upload(SECRETARY, big, '大文件.pdf').expect(413);
    expect(tooBig.body).toEqual({ statusCode: 413, code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过10MB' });

    const exe = await upload(SECRETARY, EXE, '伪装的程序.pdf', 'application/pdf').expect(415);
    expect(exe.body).toMatchObject({ code: 'ATTACHMENT_TYPE', message: expect.stringContaining('文件内容与扩展名“.pdf”不符') });
    expect(exe.body.message).toMatch(/PDF.*JPEG.*PNG.*Word.*Excel/);
    await upload(SECRETARY, Buffer.from('这只是一段文字，不是PDF'), '说明.pdf', 'application/pdf').expect(415);
    await upload(SECRETARY, PNG, '照片.jpg', 'image/jpeg').expect(415);
    const txt = await upload(SECRETARY, Buffer.from('hello'), 'notes.txt').expect(415);
    expect(txt.body.message).toContain('不支持的附件类型，仅可上传');

    const missing = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth(SECRETARY)).field('note', 'x').expect(400);
    expect(missing.body).toMatchObject({ code: 'FILE_REQUIRED', message: expect.stringContaining('请选择要上传的文件') });
    await upload(SECRETARY, Buffer.alloc(0), '空文件.pdf').expect(400);
    const twoFiles = await sys.http
      .post(`/nominations/${nominationId}/attachments`)
      .set(await auth(SECRETARY))
      .attach('file', PDF, 'a.pdf')
      .attach('file', PDF, 'b.pdf')
      .expect(400);
    expect(twoFiles.body.code).toBe('INVALID_UPLOAD');
    await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth(SECRETARY)).send({ file: 'x' }).expect(400);
    expect(await counts()).toEqual(before);
  });

  it('keeps others out: another subtree gets 404, a reviewer who may read gets 403 on changes', async () => {
    const before = await counts();
    await upload(OUTSIDER, PNG, 'x.png').expect(404);
    await sys.http.get(`/nominations/${nominationId}/attachments`).set(await auth(OUTSIDER)).expect(404);
    await sys.http.get(`/nominations/${nominationId}/attachments`).set(await auth(OUTSIDE_REVIEWER)).expect(404);
    expect((await download(OUTSIDER, pdfId).expect(404)).body.toString()).toContain('不存在或您无权查看');
    await sys.http.delete(`/nominations/${nominationId}/attachments/${pdfId}`).set(await auth(OUTSIDER)).expect(404);

    const refused = await upload(REVIEWER, PNG, 'x.png').expect(403);
    expect(refused.body).toMatchObject({ code: 'FORBIDDEN', message: '只有该党支部的申报人可以上传或删除附件' });
    await sys.http.delete(`/nominations/${nominationId}/attachments/${pdfId}`).set(await auth(REVIEWER)).expect(403);
    await download(SECRETARY, '00000000-0000-4000-8000-000000000000').expect(404);
    await sys.http.get(`/nominations/${nominationId}/attachments/not-a-uuid`).set(await auth(SECRETARY)).expect(400);
    await sys.http.get(`/nominations/${nominationId}/attachments`).expect(401);
    expect(await counts()).toEqual(before);
  });

  it('the submitter deletes an attachment: audited, gone from the list, the detail and downloads, the row kept for the record', async () => {
    const before = await counts();
    await sys.http.delete(`/nominations/${nominationId}/attachments/${pngId}`).set(await auth(SECRETARY)).expect(204);
    expect(await counts()).toEqual({ rows: before.rows, files: before.files - 1, audits: before.audits + 1 });
    const [audit] = await db().query(`SELECT actor_role, before FROM audit_log WHERE action = 'attachment.deleted' AND subject_id = $1`, [nominationId]);
    expect(audit).toMatchObject({ actor_role: 'submitter', before: { attachmentId: pngId, filename: '活动照片.png' } });
    const list = await sys.http.get(`/nominations/${nominationId}/attachments`).set(await auth(SECRETARY)).expect(200);
    expect(list.body.map((a: { id: string }) => a.id)).not.toContain(pngId);
    expect(list.body).toHaveLength(2);
    expect((await sys.http.get(`/nominations/${nominationId}`).set(await auth(SECRETARY)).expect(200)).body.attachments).toHaveLength(2);
    await download(SECRETARY, pngId).expect(404);
    await sys.http.delete(`/nominations/${nominationId}/attachments/${pngId}`).set(await auth(SECRETARY)).expect(404);
    expect(await counts()).toEqual({ rows: before.rows, files: before.files - 1, audits: before.audits + 1 });
  });

  it('takes at most 10 attachments per nomination, also when uploads race', async () => {
    const before = await counts();
    expect(before.files).toBe(2);
    const results = await Promise.all(Array.from({ length: 10 }, async (_, i) => (await upload(SECRETARY, PNG, `照片${i + 1}.png`)).status));
    expect(results.filter((s) => s === 201)).toHaveLength(8);
    expect(results.filter((s) => s === 409)).toHaveLength(2);
    const full = await upload(SECRETARY, PDF, '第十一个.pdf').expect(409);
    expect(full.body).toMatchObject({ code: 'TOO_MANY_ATTACHMENTS', message: expect.stringContaining('最多10个附件') });
    expect(await counts()).toEqual({ rows: before.rows + 8, files: 10, audits: before.audits + 8 });
  });

  it('after the review is decided nothing is added or removed (409), and the attachments stay readable', async () => {
    await sys.http.post(`/tasks/${taskId}/decision`).set(await auth(REVIEWER)).send({ decision: 'approve', opinion: '同意推荐' }).expect(200);
    await eventually(
      async () => (await sys.http.get(`/nominations/${nominationId}`).set(await auth(SECRETARY))).body.status,
      (s) => s === 'approved',
    );
    const before = await counts();
    const closed = await upload(SECRETARY, PNG, 'late.png').expect(409);
    expect(closed.body).toMatchObject({ code: 'NOT_EDITABLE', message: expect.stringContaining('不能再上传或删除附件') });
    await sys.http.delete(`/nominations/${nominationId}/attachments/${pdfId}`).set(await auth(SECRETARY)).expect(409);
    expect(await counts()).toEqual(before);
    expect(Buffer.compare((await download(REVIEWER, pdfId).expect(200)).body as Buffer, PDF)).toBe(0);
  });

  describe('kept in ATTACHMENT_DIR, with a smaller limit', () => {
    let dir: string;
    let app: INestApplication;
    let dirHttp: ReturnType<typeof request>;
    let closeDataSource: () => Promise<void>;
    let otherNomination: string;
    let token: string;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'pennant-attachments-e2e-'));
      // A second API on the same database and Temporal, configured as an operator would configure it.
      const config = loadApiConfig({
        NODE_ENV: 'test',
        DATABASE_URL: sys.db.appUrl,
        AUDIT_ROW_KEY: sys.db.auditKeys.rowKey,
        TEMPORAL_ADDRESS: sys.temporal.address,
        TEMPORAL_TASK_QUEUE: 'pennant-e2e',
        JWT_SECRET: 'attachments-dir-secret-attachments-dir-secret',
        LOG_LEVEL: 'silent',
        ATTACHMENT_DIR: path.join(dir, 'files'),
        ATTACHMENT_MAX_BYTES: String(1.5 * 1024 * 1024),
      });
      const ds = createDataSource({ url: sys.db.appUrl, poolSize: 2, auditSigningKey: auditSigningKey(sys.db.auditKeys.rowKey) });
      await ds.initialize();
      closeDataSource = () => ds.destroy();
      app = await createApiApp({ config, dataSource: ds, temporal: { client: sys.temporal.client, connection: sys.temporal.connection }, logger: createLogger('api-dir', 'silent') });
      await app.listen(0, '127.0.0.1');
      dirHttp = request(app.getHttpServer());
      token = (await dirHttp.post('/auth/login').send({ username: 'tsq-cyjd-b02.secretary', password: DEMO_PASSWORD }).expect(200)).body.accessToken;
      const branch = await db().getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd-b02' });
      const res = await dirHttp.post('/nominations').set({ authorization: `Bearer ${token}` }).send({ branchId: branch.id, campaignYear: 2031, form: sampleForm() }).expect(201);
      otherNomination = res.body.id;
    });
    afterAll(async () => {
      await app?.close();
      await closeDataSource?.();
      rmSync(dir, { recursive: true, force: true });
    });

    const put = (bytes: Buffer, filename: string) =>
      dirHttp.post(`/nominations/${otherNomination}/attachments`).set({ authorization: `Bearer ${token}` }).attach('file', bytes, filename);

    it('writes the bytes to a file named by their SHA-256, none to the row, and serves them back', async () => {
      const up = await put(PDF, '事迹材料.pdf').expect(201);
      expect(readdirSync(path.join(dir, 'files'))).toEqual([sha256(PDF)]); // no temporary file left beside it
      expect(readFileSync(path.join(dir, 'files', sha256(PDF)))).toEqual(PDF);
      const [row] = await db().query(`SELECT storage, data, sha256 FROM attachments WHERE id = $1`, [up.body.id]);
      expect(row).toEqual({ storage: 'directory', data: null, sha256: sha256(PDF) });
      const down = await asBytes(dirHttp.get(`/nominations/${otherNomination}/attachments/${up.body.id}`).set({ authorization: `Bearer ${token}` })).expect(200);
      expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
      // The same content again is a second attachment over the same file.
      await put(PDF, '事迹材料（副本）.pdf').expect(201);
      expect(readdirSync(path.join(dir, 'files'))).toEqual([sha256(PDF)]);
    });

    it('refuses past the configured limit, naming it, and writes no file and no row', async () => {
      const before = await counts();
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
      const res = await put(big, '大文件.pdf').expect(413);
      expect(res.body).toEqual({ statusCode: 413, code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过1.5MB' });
      await put(EXE, '伪装.pdf').expect(415);
      expect(readdirSync(path.join(dir, 'files'))).toEqual([sha256(PDF)]);
      expect(await counts()).toEqual(before);
    });
  });
});
