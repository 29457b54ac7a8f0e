import { OrganisationEntity } from '../../libs/persistence/src';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 7)]);

/** Attachments on a nomination over HTTP: stored and returned byte for byte; oversized, wrong-type and unauthorised uploads refused with nothing written. */
describe('nomination attachments end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let nominationId: string;
  let taskId: string;
  const rows = async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM attachments`))[0].n);
  const audit = async () => Number((await sys.db.dataSource.query(`SELECT count(*) AS n FROM audit_log`))[0].n);

  beforeAll(async () => {
    sys = system.sys();
    const branch = await sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code: 'tsq-cyjd-b03' });
    const res = await sys.http.post('/nominations').set(await auth('tsq-cyjd-b03.secretary')).send({ branchId: branch.id, campaignYear: 2031, form: sampleForm() }).expect(201);
    nominationId = res.body.id;
    taskId = res.body.openTasks[0].id;
  });

  it('stores a PDF and a PNG with a Chinese name and returns the same bytes', async () => {
    const up = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).attach('file', PDF, { filename: '主要事迹材料.pdf', contentType: 'application/pdf' }).expect(201);
    expect(up.body).toMatchObject({ filename: '主要事迹材料.pdf', kind: 'pdf', sizeBytes: PDF.length });
    await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).attach('file', PNG, '活动照片.png').expect(201);
    const list = await sys.http.get(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd.reviewer')).expect(200);
    expect(list.body.map((a: { filename: string }) => a.filename)).toEqual(['主要事迹材料.pdf', '活动照片.png']);
    const down = await sys.http
      .get(`/nominations/${nominationId}/attachments/${up.body.id}`)
      .set(await auth('tsq-cyjd.reviewer'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(down.body as Buffer, PDF)).toBe(0);
    expect(down.headers['content-disposition']).toContain(encodeURIComponent('主要事迹材料.pdf'));
  });

  it('refuses an oversized file, a wrong type and a missing file, writing nothing', async () => {
    const [before, auditBefore] = [await rows(), await audit()];
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024, 0x20)]);
    const tooBig = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).attach('file', big, '大文件.pdf').expect(413);
    expect(tooBig.body).toMatchObject({ code: 'ATTACHMENT_TOO_LARGE', message: '附件不能超过10MB' });
    const exe = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).attach('file', Buffer.from('MZ\x90\x00 program'), '伪装.pdf').expect(415);
    expect(exe.body.message).toContain('文件内容与扩展名');
    const txt = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).attach('file', Buffer.from('hello'), 'notes.txt').expect(415);
    expect(txt.body.message).toContain('仅可上传');
    await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).field('note', 'x').expect(400);
    expect([await rows(), await audit()]).toEqual([before, auditBefore]);
  });

  it('keeps others out: another subtree cannot see it, a reviewer cannot add to it, nobody adds after the review', async () => {
    const before = await rows();
    await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('dyq-zdjd-b21.secretary')).attach('file', PNG, 'x.png').expect(404);
    await sys.http.get(`/nominations/${nominationId}/attachments`).set(await auth('dyq-zdjd.reviewer')).expect(404);
    const refused = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd.reviewer')).attach('file', PNG, 'x.png').expect(403);
    expect(refused.body.message).toMatch(/[\u4e00-\u9fa5]/);
    await sys.http.post(`/tasks/${taskId}/decision`).set(await auth('tsq-cyjd.reviewer')).send({ decision: 'approve', opinion: '同意' }).expect(200);
    const closed = await sys.http.post(`/nominations/${nominationId}/attachments`).set(await auth('tsq-cyjd-b03.secretary')).attach('file', PNG, 'late.png').expect(409);
    expect(closed.body.message).toContain('不能再修改附件');
    expect(await rows()).toBe(before);
  });
});
