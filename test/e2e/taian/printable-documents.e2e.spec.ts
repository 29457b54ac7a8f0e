import { execFileSync } from 'node:child_process';
import type request from 'supertest';
import { OrganisationEntity } from '../../../libs/persistence/src';
import { ensureCalendarYear, sampleForm } from '../../support/fixtures';
import { type TestSystem, useSystem } from '../../support/system';
import { eventually } from '../../support/workflow-harness';

const asBytes = (t: request.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/** The PDF's text as poppler reads it back, in drawing order, whitespace removed. */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-raw', '-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, '');

/**
 * The printable (PDF) siblings of Tai'an's 附件3 and 附件1 over HTTP: the same
 * tables as the .xlsx, A4 with the organisation and the print time, named in
 * Chinese, and refused exactly where the .xlsx is.
 */
describe("Tai'an documents as printable PDFs end to end", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  const year = 2032;
  let campaignId: string;
  let nominationId: string;
  const org = (code: string) => sys.db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code });

  beforeAll(async () => {
    sys = system.sys();
    await ensureCalendarYear(sys.db.dataSource, year);
    campaignId = (await sys.http.post('/campaigns').set(await auth('admin')).send({ process: 'taian', year, parameters: { quota: 3 } }).expect(201)).body.id;
    // Applications from now on rather than from the planned opening day years ahead.
    await sys.db.dataSource.query(`UPDATE campaigns SET params = params - 'applicationOpens' WHERE id = $1`, [campaignId]);
    await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth('admin')).expect(200);
    await eventually(
      () => sys.db.dataSource.query(`SELECT count(*)::int AS n FROM campaign_stages WHERE campaign_id = $1`, [campaignId]),
      (rows: Array<{ n: number }>) => rows[0]!.n > 0,
    );
    const branch = await org('tsq-cyjd-b01');
    const submitted = await sys.http
      .post('/nominations')
      .set(await auth('tsq-cyjd-b01.secretary'))
      .send({ branchId: branch.id, campaignYear: year, form: sampleForm({ mainDeeds: '带领群众发展特色产业，集体收入三年翻番。' }) })
      .expect(201);
    nominationId = submitted.body.id;
    // The grassroots committee's opinion on the form, as its report at the end of the stage records it (recordOpinions).
    const committee = await org('tsq-cyjd');
    const [reviewer] = (await sys.db.dataSource.query(`SELECT id, display_name FROM users WHERE username = 'tsq-cyjd.reviewer'`)) as Array<{ id: string; display_name: string }>;
    await sys.db.dataSource.query(
      `INSERT INTO nomination_steps (id, nomination_id, step, action, opinion, organisation_id, organisation_name, actor_id, actor_name, actor_role, idempotency_key, created_at)
       VALUES (gen_random_uuid(), $1, 'grassroots_opinion', 'opinion', '同意推荐该党支部', $2, $3, $4, $5, 'reviewer', $6, now())`,
      [nominationId, committee.id, committee.name, reviewer!.id, reviewer!.display_name, `printable-test:${nominationId}`],
    );
  });

  it('附件3: the nomination’s form as an A4 PDF with the branch, the organisation, the print time and the grassroots opinion', async () => {
    const branch = await org('tsq-cyjd-b01');
    const res = await asBytes(sys.http.get(`/nominations/${nominationId}/form.pdf`).set(await auth('tsq-cyjd-b01.secretary'))).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="document.pdf"; filename*=UTF-8''${encodeURIComponent(`推荐审批表-${branch.name}`)}.pdf`);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]'); // A4 portrait
    const text = pdfText(pdf);
    expect(text).toContain('“泰山先锋”红旗党支部推荐审批表');
    expect(text).toContain(branch.name);
    expect(text).toContain(`填报单位：${(await org('tsq')).name}`);
    expect(text).toMatch(/打印时间：\d{4}年\d{1,2}月\d{1,2}日\d{2}:\d{2}/);
    expect(text).toContain('带领群众发展特色产业');
    expect(text).toContain('同意推荐该党支部');
    expect(text).toContain(`${(await org('tsq-cyjd')).name}（盖章）`);
  });

  it('附件3: refused outside the nomination’s subtree, as the .xlsx is', async () => {
    for (const user of ['dyq.reviewer', 'tsq-cyjd-b02.secretary']) {
      const xlsx = await sys.http.get(`/nominations/${nominationId}/form.xlsx`).set(await auth(user));
      const res = await sys.http.get(`/nominations/${nominationId}/form.pdf`).set(await auth(user)).expect(404);
      expect(res.status).toBe(xlsx.status);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    await sys.http.get(`/nominations/${nominationId}/form.pdf`).expect(401);
  });

  it('附件1: the ledger of the reader’s subtree as a landscape PDF, its branches and none of another county’s', async () => {
    const tsq = await org('tsq');
    const res = await asBytes(sys.http.get(`/campaigns/${campaignId}/ledger.pdf`).set(await auth('tsq.head'))).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`过硬党支部建设工作台账-${tsq.name}`)}.pdf`);
    expect((res.body as Buffer).toString('latin1')).toContain('/MediaBox [0 0 841.89 595.28]'); // A4 landscape
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('过硬党支部建设工作台账');
    expect(text).toContain(`填报单位：${tsq.name}`);
    for (const label of ['领域', '党支部名称', '创建目标', `${year}年`, '年度考评结果', '包保联系人']) expect(text).toContain(label);
    expect(text).toContain((await org('tsq-cyjd-b01')).name);
    const [elsewhere] = (await sys.db.dataSource.query(`SELECT b.name FROM organisations b JOIN organisations d ON d.code = 'dyq' WHERE b.level = 'branch' AND b.path LIKE d.path || '%' LIMIT 1`)) as Array<{ name: string }>;
    expect(text).not.toContain(elsewhere!.name);
  });

  it('附件1: another county’s subtree is not found and a branch may not read it, as for the .xlsx', async () => {
    const dyq = await org('dyq');
    for (const [user, query, status] of [
      ['tsq.head', `?organisationId=${dyq.id}`, 404],
      ['tsq-cyjd-b01.secretary', '', 403],
    ] as const) {
      const xlsx = await sys.http.get(`/campaigns/${campaignId}/ledger.xlsx${query}`).set(await auth(user));
      const res = await sys.http.get(`/campaigns/${campaignId}/ledger.pdf${query}`).set(await auth(user)).expect(status);
      expect(res.status).toBe(xlsx.status);
      expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});
