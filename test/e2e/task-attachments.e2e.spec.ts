import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import { createWujinComplianceActivities } from '../../activities/wujin/wujin-compliance.activities';
import { HUMAN_TASK_WORKFLOW, type HumanTaskInput, humanTaskWorkflowId } from '../../libs/contracts/src';
import { rubricItems } from '../../libs/domain/src';
import { WUJIN_RUBRIC } from '../../libs/persistence/src';
import { WUJIN_ASSESSMENT_WORKFLOW, type WujinAssessmentInput, wujinAssessmentWorkflowId } from '../../libs/processes/src/wujin';
import { orgByCode } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';
import { type WujinYear, YEAR, writeWujinYear } from './wujin/wujin-rows';

// Real files as far as their bytes go: a 1×1 PNG, a 1×1 WebP, a PDF; and a program named as a picture.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n'), Buffer.alloc(500, 0x20), Buffer.from('\n%%EOF\n')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('This program cannot be run in DOS mode.\r\n')]);

const SECRETARY = 'wj-nxs-c3.secretary'; // 南夏墅街道's third village branch: not yet assessed in the written plan
const COMMITTEE = 'wj-nxs.reviewer'; // its committee: reviews it, may read its tasks, may not act on them
const DISTRICT = 'wj-zzb.reviewer'; // the organisation department: the whole district
const NEIGHBOUR = 'wj-nxs-c1.secretary'; // another branch of the same committee
const OTHER_COMMITTEE = 'wj-ht.reviewer'; // 湖塘镇's committee: another subtree
const HEFEI = 'hf-zzb.reviewer'; // another tree
const CHINESE = /[\u4e00-\u9fa5]/;

const asBytes = (t: request.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/**
 * Attachments owned by a task, over HTTP, on a Wujin assessment round run by
 * its real workflows: the branch uploads pictures and scans to its
 * self-assessment and names them in the form; whoever may read the task (its
 * committee's and the district's reviewers) downloads them from the branch's
 * page; a form naming a file not the task's own is refused and changes
 * nothing; other subtrees, non-assignees, bad files and closed tasks are
 * refused. The same mechanism serves a brand filing (a human task).
 */
describe('task attachments end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let y: WujinYear;
  let branchId: string;
  let selfTask: string;
  let brandTask: string;
  const headers: Record<string, { authorization: string }> = {};
  const db = () => sys.db.dataSource;

  const upload = (user: string, taskId: string, bytes: Buffer, filename: string) => sys.http.post(`/tasks/${taskId}/attachments`).set(headers[user]!).attach('file', bytes, { filename });
  const list = (user: string, taskId: string) => sys.http.get(`/tasks/${taskId}/attachments`).set(headers[user]!);
  const download = (user: string, path: string) => asBytes(sys.http.get(path).set(headers[user]!));
  const decide = (user: string, taskId: string, body: object) => sys.http.post(`/tasks/${taskId}/decision`).set(headers[user]!).send(body);
  const branchPage = (user: string) => sys.http.get(`/campaigns/${y.campaignId}/wujin/branches/${branchId}`).set(headers[user]!);

  /** What a refusal must leave as it was: the attachments, the tasks, the scores, the brands and the audit trail. */
  const fingerprint = async () =>
    JSON.stringify(
      await db().query(
        `SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM attachments t) AS attachments,
                (SELECT md5(string_agg(concat_ws(',', t.status, t.outcome, t.data::text, t.opinion), '|' ORDER BY t.id)) FROM tasks t WHERE t.id = ANY($1)) AS tasks,
                (SELECT md5(coalesce(string_agg(concat_ws(',', a.status, a.self_scores::text), '|' ORDER BY a.id), '')) FROM rubric_assessments a) AS scores,
                (SELECT count(*) FROM wujin_brands) AS brands,
                (SELECT count(*) FROM audit_log) AS audit`,
        [[selfTask, brandTask]],
      ),
    );

  beforeAll(async () => {
    sys = system.sys();
    for (const user of [SECRETARY, COMMITTEE, DISTRICT, NEIGHBOUR, OTHER_COMMITTEE, HEFEI]) headers[user] = await auth(user);
    y = await writeWujinYear(db());
    const branch = await orgByCode(db(), 'wj-nxs-c3');
    const committee = await orgByCode(db(), 'wj-nxs');
    const department = await orgByCode(db(), 'wj-zzb');
    branchId = branch.id;
    // The branch's first round, as the plan starts it.
    await sys.temporal.client.workflow.start(WUJIN_ASSESSMENT_WORKFLOW, {
      workflowId: wujinAssessmentWorkflowId(y.campaignId, branch.id, 1),
      taskQueue: 'pennant-e2e',
      args: [
        {
          campaignId: y.campaignId,
          round: 1,
          branch: { id: branch.id, name: branch.name },
          committee: { id: committee.id, name: committee.name },
          orgDepartment: { id: department.id, name: department.name },
          rubric: { code: WUJIN_RUBRIC.code, version: WUJIN_RUBRIC.version, passThreshold: 85 },
          declarationDueAt: `${YEAR + 1}-09-30T16:00:00Z`,
          verificationDueAt: `${YEAR + 1}-11-30T16:00:00Z`,
        } satisfies WujinAssessmentInput,
      ],
    });
    // Its brand filing, as the plan opens it.
    const brandGroup = randomUUID();
    await sys.temporal.client.workflow.start(HUMAN_TASK_WORKFLOW, {
      workflowId: humanTaskWorkflowId(brandGroup),
      taskQueue: 'pennant-e2e',
      args: [
        {
          taskId: brandGroup,
          kind: 'wujin_brand',
          title: `党建工作品牌：${branch.name}`,
          subject: { type: 'branch', id: branch.id },
          assignees: [{ organisationId: branch.id, role: 'submitter' }],
          policy: { mode: 'single' },
          outcomes: ['submitted'],
          opinionRequiredFor: [],
          dueAt: null,
          form: { kind: 'wujin_brand', branchName: branch.name },
        } satisfies HumanTaskInput,
      ],
    });
    const [self] = await eventually(
      () => db().query(`SELECT id FROM tasks WHERE kind = 'rubric_self_assessment' AND organisation_id = $1 AND status = 'open'`, [branch.id]),
      (rows) => rows.length > 0,
    );
    selfTask = self.id;
    const [brand] = await eventually(
      () => db().query(`SELECT id FROM tasks WHERE group_id = $1`, [brandGroup]),
      (rows) => rows.length > 0,
    );
    brandTask = brand.id;
  });

  const ids: Record<string, string> = {};
  const items = rubricItems(WUJIN_RUBRIC);
  const scores = (evidence: Record<string, string[]>) =>
    Object.fromEntries(items.map((i) => [i.code, { score: i.points, evidence: '见台账', ...(evidence[i.code] ? { evidenceAttachments: evidence[i.code] } : {}) }]));

  it('takes pictures (PNG, WebP) and a PDF from the branch on its open self-assessment; the task names the field that holds them', async () => {
    const png = await upload(SECRETARY, selfTask, PNG, '支部活动照片.png').expect(201);
    expect(png.body).toMatchObject({ filename: '支部活动照片.png', kind: 'png', contentType: 'image/png', sizeBytes: PNG.length });
    const webp = await upload(SECRETARY, selfTask, WEBP, '宣传栏.webp').expect(201);
    expect(webp.body).toMatchObject({ kind: 'webp', contentType: 'image/webp' });
    const pdf = await upload(SECRETARY, selfTask, PDF, '三会一课记录.pdf').expect(201);
    expect(pdf.body).toMatchObject({ kind: 'pdf' });
    Object.assign(ids, { png: png.body.id, webp: webp.body.id, pdf: pdf.body.id });
    // Audited against the task, as the branch's submitter.
    const [audit] = await db().query(`SELECT subject_type, actor_role, after FROM audit_log WHERE action = 'attachment.uploaded' AND subject_id = $1 ORDER BY seq LIMIT 1`, [selfTask]);
    expect(audit).toMatchObject({ subject_type: 'task', actor_role: 'submitter', after: { attachmentId: png.body.id, filename: '支部活动照片.png', kind: 'png', sha256: png.body.sha256 } });
    const brandPng = await upload(SECRETARY, brandTask, PNG, '品牌展示墙.png').expect(201);
    ids.brandPng = brandPng.body.id;

    // The form marks the field a client fills with these ids.
    const detail = (await sys.http.get(`/tasks/${selfTask}`).set(headers[SECRETARY]!).expect(200)).body;
    expect(detail.formSchema.properties.scores.properties[items[0]!.code].properties.evidenceAttachments).toMatchObject({ type: 'array', 'x-attachments': true });
    const brandDetail = (await sys.http.get(`/tasks/${brandTask}`).set(headers[SECRETARY]!).expect(200)).body;
    expect(brandDetail.formSchema.properties.evidenceAttachments).toMatchObject({ type: 'array', 'x-attachments': true });
  });

  it('lists them to whoever may read the task — the branch, its committee, the district — and to nobody in another subtree', async () => {
    for (const reader of [SECRETARY, COMMITTEE, DISTRICT]) {
      const rows = (await list(reader, selfTask).expect(200)).body as Array<{ id: string; filename: string }>;
      expect(rows.map((r) => r.filename)).toEqual(['支部活动照片.png', '宣传栏.webp', '三会一课记录.pdf']);
    }
    for (const outsider of [NEIGHBOUR, OTHER_COMMITTEE, HEFEI]) {
      const refused = await list(outsider, selfTask).expect(404);
      expect(refused.body.message).toMatch(CHINESE);
      await download(outsider, `/tasks/${selfTask}/attachments/${ids.png}`).expect(404);
    }
  });

  it('refuses uploads and deletions by non-assignees, other subtrees and a bad file kind, in Chinese, changing nothing', async () => {
    const before = await fingerprint();
    const refusals: Array<[request.Test, number, string]> = [
      [upload(COMMITTEE, selfTask, PNG, '照片.png'), 403, 'FORBIDDEN'],
      [upload(DISTRICT, brandTask, PNG, '照片.png'), 403, 'FORBIDDEN'],
      [upload(NEIGHBOUR, selfTask, PNG, '照片.png'), 404, 'NOT_FOUND'],
      [upload(OTHER_COMMITTEE, selfTask, PNG, '照片.png'), 404, 'NOT_FOUND'],
      [upload(SECRETARY, selfTask, EXE, '照片.png'), 415, 'ATTACHMENT_TYPE'],
      [upload(SECRETARY, selfTask, EXE, 'setup.exe'), 415, 'ATTACHMENT_TYPE'],
      [sys.http.delete(`/tasks/${selfTask}/attachments/${ids.png}`).set(headers[COMMITTEE]!), 403, 'FORBIDDEN'],
      [sys.http.delete(`/tasks/${selfTask}/attachments/${ids.png}`).set(headers[NEIGHBOUR]!), 404, 'NOT_FOUND'],
      [sys.http.delete(`/tasks/${selfTask}/attachments/${ids.brandPng}`).set(headers[SECRETARY]!), 404, 'NOT_FOUND'],
    ];
    for (const [req, status, code] of refusals) {
      const res = await req.expect(status);
      expect(res.body).toMatchObject({ code });
      expect(res.body.message).toMatch(CHINESE);
    }
    expect(await fingerprint()).toBe(before);
  });

  it("refuses a form naming another task's attachment, a deleted one or none at all with 422, changing nothing", async () => {
    await sys.http.delete(`/tasks/${selfTask}/attachments/${ids.webp}`).set(headers[SECRETARY]!).expect(204);
    const [deleted] = await db().query(`SELECT subject_type, subject_id, before FROM audit_log WHERE action = 'attachment.deleted' AND before->>'attachmentId' = $1`, [ids.webp]);
    expect(deleted).toMatchObject({ subject_type: 'task', subject_id: selfTask, before: { filename: '宣传栏.webp' } });
    const before = await fingerprint();
    const first = items[0]!.code;
    for (const named of [[ids.png!, ids.brandPng!], [ids.webp!], [randomUUID()]]) {
      const res = await decide(SECRETARY, selfTask, { decision: 'submitted', data: { scores: scores({ [first]: named }) } }).expect(422);
      expect(res.body).toMatchObject({ code: 'INVALID_FORM_DATA' });
      expect(res.body.message).toMatch(/不是本任务已上传的附件/);
      const check = (await sys.http.post(`/tasks/${selfTask}/decision/check`).set(headers[SECRETARY]!).send({ decision: 'submitted', data: { scores: scores({ [first]: named }) } }).expect(200)).body;
      expect(check).toMatchObject({ acceptable: false, code: 'INVALID_FORM_DATA' });
    }
    const brand = await decide(SECRETARY, brandTask, { decision: 'submitted', data: { name: '红色南夏墅', description: '党建引领', evidence: '见照片', evidenceAttachments: [ids.png] } }).expect(422);
    expect(brand.body.message).toMatch(/不是本任务已上传的附件/);
    expect(await fingerprint()).toBe(before);
  });

  it("keeps the ids its self-assessment named; the branch's page links them and its reviewers download them", async () => {
    const [first, second] = [items[0]!.code, items[1]!.code];
    await decide(SECRETARY, selfTask, { decision: 'submitted', data: { scores: scores({ [first]: [ids.png!, ids.pdf!], [second]: [ids.png!] }) } }).expect(200);
    const [assessment] = await eventually(
      () => db().query(`SELECT self_scores FROM rubric_assessments a JOIN wujin_assessments w ON w.id = a.id WHERE w.campaign_id = $1 AND w.branch_id = $2`, [y.campaignId, branchId]),
      (rows) => rows.length > 0 && rows[0].self_scores !== null,
    );
    expect(assessment.self_scores[first].evidenceAttachments).toEqual([ids.png, ids.pdf]);

    const page = (await branchPage(COMMITTEE).expect(200)).body;
    const round = page.assessments.find((a: { round: number }) => a.round === 1);
    const byCode = Object.fromEntries(round.items.map((i: { code: string }) => [i.code, i]));
    expect(byCode[first].selfEvidenceAttachments).toEqual([
      { id: ids.png, filename: '支部活动照片.png', kind: 'png', contentType: 'image/png', sizeBytes: PNG.length, taskId: selfTask, downloadPath: `/tasks/${selfTask}/attachments/${ids.png}` },
      { id: ids.pdf, filename: '三会一课记录.pdf', kind: 'pdf', contentType: 'application/pdf', sizeBytes: PDF.length, taskId: selfTask, downloadPath: `/tasks/${selfTask}/attachments/${ids.pdf}` },
    ]);
    expect(byCode[second].selfEvidenceAttachments.map((a: { id: string }) => a.id)).toEqual([ids.png]);
    expect(byCode[items[2]!.code].selfEvidenceAttachments).toEqual([]);

    // The committee's reviewer scoring the branch, the district and the branch itself download the evidence; another subtree cannot.
    const path = byCode[first].selfEvidenceAttachments[0].downloadPath as string;
    for (const reader of [COMMITTEE, DISTRICT, SECRETARY]) {
      const file = await download(reader, path).expect(200);
      expect(file.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
    }
    await download(OTHER_COMMITTEE, path).expect(404);
    await branchPage(OTHER_COMMITTEE).expect(404);
  });

  it('refuses uploads and deletions once the task is closed', async () => {
    await eventually(
      () => db().query(`SELECT status FROM tasks WHERE id = $1`, [selfTask]),
      (rows) => rows[0]?.status === 'completed',
    );
    const before = await fingerprint();
    const late = await upload(SECRETARY, selfTask, PNG, '补充照片.png').expect(409);
    expect(late.body).toMatchObject({ code: 'TASK_NOT_OPEN' });
    expect(late.body.message).toMatch(CHINESE);
    const gone = await sys.http.delete(`/tasks/${selfTask}/attachments/${ids.pdf}`).set(headers[SECRETARY]!).expect(409);
    expect(gone.body).toMatchObject({ code: 'TASK_NOT_OPEN' });
    expect(await fingerprint()).toBe(before);
  });

  it("keeps the ids a brand filing named; the branch's page links them for its readers", async () => {
    const data = { name: '红色南夏墅', description: '党建引领乡村振兴', evidence: '品牌展示墙照片', evidenceAttachments: [ids.brandPng] };
    await decide(SECRETARY, brandTask, { decision: 'submitted', data }).expect(200);
    const [row] = await eventually(
      () => db().query(`SELECT data FROM tasks WHERE id = $1 AND status = 'completed'`, [brandTask]),
      (rows) => rows.length > 0,
    );
    expect(row.data).toMatchObject({ evidenceAttachments: [ids.brandPng] });
    // The plan records the filing with the data its task was decided with (workflows/wujin/plan.workflow.ts).
    const committee = await orgByCode(db(), 'wj-nxs');
    const [secretary] = await db().query(`SELECT id, display_name FROM users WHERE username = $1`, [SECRETARY]);
    await createWujinComplianceActivities(db()).fileWujinBrand({
      brandId: randomUUID(),
      campaignId: y.campaignId,
      branchId,
      committeeId: committee.id,
      version: 1,
      data: row.data,
      actor: { userId: secretary.id, displayName: secretary.display_name, role: 'submitter', organisationId: branchId },
      at: new Date().toISOString(),
    });

    const page = (await branchPage(DISTRICT).expect(200)).body;
    expect(page.brands[0]).toMatchObject({ name: '红色南夏墅', evidenceAttachments: [{ id: ids.brandPng, filename: '品牌展示墙.png', kind: 'png', taskId: brandTask }] });
    const file = await download(COMMITTEE, page.brands[0].evidenceAttachments[0].downloadPath).expect(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
  });
});
