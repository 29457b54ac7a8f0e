import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { addCalendarDays, chinaDate } from '../../../libs/domain/src';
import { type TestSystem, useSystem } from '../../support/system';
import { eventually } from '../../support/workflow-harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const ADMIN = 'zb-jgdw.admin';
const BUREAU = 'zb.reviewer';
const HEAD = 'zb.head';
const SECRETARY = 'zb-bgs.secretary';
const SIBLING = 'zb-gxk.secretary';
const OUTSIDER = 'wj-zzb.reviewer';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/**
 * What Zibo's branch, bureau and office read and open over HTTP besides the
 * task path: a branch's year (its page), the project ledger (.xlsx), the
 * dashboard's sections, and one-to-one help cases (opened by the secretary,
 * closed with the outcome through the task path). Each endpoint refuses the
 * wrong reader or bad input with a Chinese 4xx and changes nothing.
 */
describe("Zibo's branch year, ledger, dashboard and help cases", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let campaignId: string;
  let branchId: string;
  const today = chinaDate(new Date());
  const year = Number(today.slice(0, 4));
  const q = (sql: string, params: unknown[] = []) => sys.db.dataSource.query(sql, params);
  const fingerprint = async () =>
    JSON.stringify(await q(`SELECT (SELECT count(*) FROM zibo_help_cases) AS cases, (SELECT count(*) FROM audit_log WHERE actor_id IS NOT NULL) AS audit, (SELECT count(*) FROM tasks WHERE kind = 'zibo_help_case') AS tasks`));
  const post = async (as: string, body: object, status: number, key = randomUUID(), campaign = () => campaignId) => {
    const before = await fingerprint();
    const res = await sys.http.post(`/campaigns/${campaign()}/zibo/help-cases`).set(await auth(as)).set('Idempotency-Key', key).send(body).expect(status);
    if (status >= 400) {
      expect(res.body.message).toMatch(CHINESE);
      expect(await fingerprint()).toBe(before);
    }
    return res.body;
  };
  const helpCase = () => ({ branchId, memberName: '赵某', helperName: '组织委员 钱某', reason: '民主评议排查为落后党员：连续3个月未参加组织生活', deadline: addCalendarDays(today, 20) > `${year}-12-31` ? `${year}-12-31` : addCalendarDays(today, 20) });

  beforeAll(async () => {
    sys = system.sys();
    branchId = (await q(`SELECT id FROM organisations WHERE code = 'zb-bgs'`))[0].id;
    const created = await sys.http.post('/campaigns').set(await auth(ADMIN)).send({ process: 'zibo', year, parameters: { projectApprovedBy: '12-31' } }).expect(201);
    campaignId = created.body.id;
    await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth(ADMIN)).expect(200);
    await eventually(() => q(`SELECT 1 FROM zibo_branch_years WHERE campaign_id = $1 AND branch_id = $2`, [campaignId, branchId]), (rows: unknown[]) => rows.length === 1);
  });

  it("shows a branch's year to the branch and the bureau, and to nobody outside", async () => {
    const page = (await sys.http.get(`/campaigns/${campaignId}/zibo/branches/${branchId}`).set(await auth(SECRETARY)).expect(200)).body;
    expect(page).toMatchObject({ branch: { id: branchId, name: '局办公室党支部' }, plan: { status: 'pending' }, flaggedNoProject: false, projects: [], hardBranch: [] });
    await sys.http.get(`/campaigns/${campaignId}/zibo/branches/${branchId}`).set(await auth(BUREAU)).expect(200);
    for (const who of [SIBLING, OUTSIDER]) {
      const res = await sys.http.get(`/campaigns/${campaignId}/zibo/branches/${branchId}`).set(await auth(who)).expect(404);
      expect(res.body.message).toMatch(CHINESE);
    }
    await sys.http.get(`/campaigns/${UNKNOWN}/zibo/branches/${branchId}`).set(await auth(SECRETARY)).expect(404);
    await sys.http.get(`/campaigns/${campaignId}/zibo/branches/${UNKNOWN}`).set(await auth(BUREAU)).expect(404);
    expect((await sys.http.get(`/campaigns/${campaignId}/zibo/branches/not-a-uuid`).set(await auth(BUREAU)).expect(400)).body.message).toMatch(CHINESE);
  });

  it('serves the project ledger to the bureau’s readers as a spreadsheet; a secretary and another tree are refused', async () => {
    const res = await sys.http.get(`/campaigns/${campaignId}/zibo/project-ledger.xlsx`).set(await auth(HEAD)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['党建项目', '未按期确定项目']);
    expect(book.worksheets[0]!.getSheetValues().flat().join(' ')).toContain('党建项目台账');
    expect((await sys.http.get(`/campaigns/${campaignId}/zibo/project-ledger.xlsx`).set(await auth(SECRETARY)).expect(403)).body.message).toMatch(CHINESE);
    await sys.http.get(`/campaigns/${campaignId}/zibo/project-ledger.xlsx`).set(await auth(OUTSIDER)).expect(404);
  });

  it('prints the same project ledger as a PDF to the same readers: both tables, each from a new page; the same refusals', async () => {
    const res = await sys.http.get(`/campaigns/${campaignId}/zibo/project-ledger.pdf`).set(await auth(HEAD)).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''.+\.pdf$/);
    const pages = execFileSync('pdftotext', ['-raw', '-', '-'], { input: res.body as Buffer, encoding: 'utf8' }).split('\f').map((p) => p.replace(/\s+/g, ''));
    expect(pages[0]).toMatch(new RegExp(`^${year}年度党支部党建项目台账填报单位：`));
    expect(pages.some((p) => p.startsWith(`${year}年度未按期确定党建项目的党支部`))).toBe(true);
    expect((await sys.http.get(`/campaigns/${campaignId}/zibo/project-ledger.pdf`).set(await auth(SECRETARY)).expect(403)).body.message).toMatch(CHINESE);
    await sys.http.get(`/campaigns/${campaignId}/zibo/project-ledger.pdf`).set(await auth(OUTSIDER)).expect(404);
  });

  it('adds its projects, hard branches, evaluation and counted duties (per branch, who is behind first) to the dashboard', async () => {
    const d = (await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth(HEAD)).expect(200)).body;
    expect(d.projects.branches).toBe(5);
    expect(d.projects.byStatus.map((s: { status: string }) => s.status)).toEqual(['submitted', 'returned', 'rejected', 'approved', 'in_progress', 'accepted', 'failed']);
    expect(d.obligations.byDuty.map((x: { code: string }) => x.code)).toContain('secretary_training');
    expect(d.obligations.byDuty.find((x: { code: string }) => x.code === 'group_meeting').quota).toBe('1—2次');
    const rows = await eventually(
      async () => (await sys.http.get(`/campaigns/${campaignId}/dashboard`).set(await auth(HEAD)).expect(200)).body.obligations.byBranch as Array<{ missed: number }>,
      (r) => r.length === 5,
    );
    // Started in the year's last month: the months already over are missed.
    expect(rows[0].missed).toBeGreaterThan(0);
  });

  it('opens a one-to-one help case for the branch’s secretary, and closes it with the outcome through the task path', async () => {
    await post(SECRETARY, { ...helpCase(), memberName: '' }, 400);
    expect((await post(SECRETARY, { ...helpCase(), memberName: '  ' }, 422)).message).toContain('帮教对象姓名');
    await post(SECRETARY, { ...helpCase(), reason: ' 旷会  ' }, 422);
    await post(SECRETARY, { ...helpCase(), deadline: '2020-13-01' }, 400);
    expect((await post(SECRETARY, { ...helpCase(), deadline: addCalendarDays(today, -1) }, 422)).code).toBe('INVALID_FORM_DATA');
    await post(SECRETARY, { ...helpCase(), deadline: `${year + 1}-06-30` }, 422);
    await post(SECRETARY, { ...helpCase(), extra: 1 }, 400);
    await post(SIBLING, helpCase(), 404);
    await post(OUTSIDER, helpCase(), 404);
    expect((await post(BUREAU, helpCase(), 403)).code).toBe('FORBIDDEN');
    await post(SECRETARY, helpCase(), 404, randomUUID(), () => UNKNOWN);

    const key = randomUUID();
    const opened = await post(SECRETARY, helpCase(), 201, key);
    expect(opened).toMatchObject({ branchId, memberName: '赵某', status: 'open', statusLabel: '帮教中', outcome: null });
    // A retry with the same key is the same case.
    expect((await post(SECRETARY, helpCase(), 201, key)).id).toBe(opened.id);
    expect((await q(`SELECT count(*)::int AS n FROM zibo_help_cases WHERE campaign_id = $1`, [campaignId]))[0].n).toBe(1);

    const inbox = await eventually(
      async () => sys.http.get('/tasks').query({ kind: 'zibo_help_case' }).set(await auth(SECRETARY)),
      (r) => r.status === 200 && r.body.items.length === 1,
    );
    const task = inbox.body.items[0];
    expect(task.title).toContain('赵某');
    await sys.http.post(`/tasks/${task.id}/decision`).set(await auth(SECRETARY)).set('Idempotency-Key', randomUUID()).send({ decision: 'rectified' }).expect(422);
    await sys.http.post(`/tasks/${task.id}/decision`).set(await auth(SECRETARY)).set('Idempotency-Key', randomUUID()).send({ decision: 'rectified', opinion: '经帮教，按时参加组织生活，已整改到位' }).expect(200);
    const [closed] = await eventually(
      () => q(`SELECT status, outcome FROM zibo_help_cases WHERE id = $1`, [opened.id]),
      (rows: Array<{ status: string }>) => rows[0]?.status !== 'open',
    );
    expect(closed).toEqual({ status: 'rectified', outcome: '经帮教，按时参加组织生活，已整改到位' });
    const page = (await sys.http.get(`/campaigns/${campaignId}/zibo/branches/${branchId}`).set(await auth(BUREAU)).expect(200)).body;
    expect(page.helpCases).toEqual([expect.objectContaining({ id: opened.id, status: 'rectified', statusLabel: '整改到位' })]);
  });
});
