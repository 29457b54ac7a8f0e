import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { BRANCH_GRADE_LABELS, type BranchGrade, chinaDate } from '../../libs/domain/src';
import { auditPublicKeys, readAnchorFile } from '../../libs/persistence/src';
import { sampleForm } from '../support/fixtures';
import { type TestSystem, useSystem } from '../support/system';
import { eventually } from '../support/workflow-harness';

const run = promisify(execFile);
const DIST_TOOLS = path.resolve(__dirname, '../../dist/tools');

interface Item {
  seq: number;
  at: string;
  actor: { name: string; role: string; roleLabel: string };
  organisation: { id: string; name: string } | null;
  action: string;
  actionLabel: string;
  subjectType: string;
  subjectTypeLabel: string;
  subjectId: string;
  opinion: string;
  after: unknown;
  changes: Array<{ field: string; label: string; before: string | null; after: string | null }>;
}

/**
 * The audit trail over HTTP: administrators and department heads read the rows
 * of their own subtree, filtered and paged; everyone else is refused. And the
 * trail a running system writes (the API's rows and the worker's) verifies
 * against the anchors the worker keeps.
 */
describe('audit trail end to end', () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  const chinese = /[\u4e00-\u9fa5]/;
  const ids = new Map<string, string>();
  const id = (code: string) => ids.get(code)!;
  const read = async (user: string, query = '') => (await sys.http.get(`/audit${query}`).set(await auth(user)).expect(200)).body as { total: number; limit: number; offset: number; items: Item[] };

  beforeAll(async () => {
    sys = system.sys();
    for (const o of (await sys.db.dataSource.query(`SELECT id, code FROM organisations`)) as Array<{ id: string; code: string }>) ids.set(o.code, o.id);
    // One change in 泰山区 (by its street committee's reviewer), one in 岱岳区.
    await sys.http.put(`/ledger/${id('tsq-cyjd-b01')}`).set(await auth('tsq-cyjd.reviewer')).send({ problems: '审计：泰山区的改动' }).expect(200);
    await sys.http.put(`/ledger/${id('dyq-zdjd-b21')}`).set(await auth('dyq-zdjd.reviewer')).send({ problems: '审计：岱岳区的改动' }).expect(200);
  });

  it("a department head reads the rows of their own subtree only, newest first, with the reviewer's opinion and organisation", async () => {
    const tsq = await read('tsq.head');
    expect(tsq.items.map((i) => i.subjectId)).toContain(id('tsq-cyjd-b01'));
    expect(tsq.items.map((i) => i.subjectId)).not.toContain(id('dyq-zdjd-b21'));
    const change = tsq.items.find((i) => i.subjectId === id('tsq-cyjd-b01'))!;
    expect(change).toMatchObject({
      action: 'ledger.entry.updated',
      actionLabel: '修改台账',
      subjectType: 'ledger_entry',
      subjectTypeLabel: '台账',
      actor: { role: 'reviewer', roleLabel: '审核人', name: expect.stringMatching(chinese) },
      organisation: { id: id('tsq-cyjd'), name: expect.stringContaining('财源街道') },
      after: expect.objectContaining({ problems: '审计：泰山区的改动' }),
    });
    expect(tsq.total).toBe(tsq.items.length);
    const seqs = tsq.items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));

    const dyq = await read('dyq.head');
    expect(dyq.items.map((i) => i.subjectId)).toEqual([id('dyq-zdjd-b21')]);
  });

  it("the head of another subtree sees nothing of theirs; the engine's city-wide rows only the whole tree's readers", async () => {
    expect(await read('szjg.head')).toEqual({ total: 0, limit: 50, offset: 0, items: [] });
    expect((await read('szjg.head', `?subjectId=${id('tsq-cyjd-b01')}`)).total).toBe(0);

    const admin = await read('admin', '?limit=200');
    expect(admin.items.map((i) => i.subjectId)).toEqual(expect.arrayContaining([id('tsq-cyjd-b01'), id('dyq-zdjd-b21')]));
    // The row the migration wrote when signing began belongs to no organisation.
    expect(admin.items.find((i) => i.action === 'audit.signatures_required')).toMatchObject({ organisation: null, actor: { roleLabel: '系统' }, actionLabel: '审计记录启用签名' });
    // Every row names its action in Chinese, none with the fallback for a code without a label.
    expect(admin.items.filter((i) => !chinese.test(i.actionLabel) || i.actionLabel.startsWith('其他操作'))).toEqual([]);
    // And its subject's kind: the migration's row too.
    expect(admin.items.filter((i) => !chinese.test(i.subjectTypeLabel) || i.subjectTypeLabel.startsWith('其他（')).map((i) => i.subjectType)).toEqual([]);
    expect((await read('head', '?limit=200')).total).toBe(admin.total);
    expect((await read('tsq.head')).items.some((i) => i.organisation === null)).toBe(false);
  });

  it('filters by subject and by time, and pages with the total', async () => {
    const subject = id('tsq-cyjd-b01');
    await sys.http.put(`/ledger/${subject}`).set(await auth('tsq-cyjd.reviewer')).send({ measures: '审计：第二次改动' }).expect(200);
    const bySubject = await read('admin', `?subjectId=${subject}`);
    expect(bySubject.total).toBe(2);
    expect(bySubject.items.every((i) => i.subjectId === subject)).toBe(true);
    const [newest, older] = bySubject.items;

    const page = async (offset: number) => read('admin', `?subjectId=${subject}&limit=1&offset=${offset}`);
    expect(await page(0)).toMatchObject({ total: 2, limit: 1, offset: 0, items: [{ seq: newest!.seq }] });
    expect(await page(1)).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ seq: older!.seq }] });
    expect(await page(2)).toMatchObject({ total: 2, items: [] });

    // A date is the whole day in China; an instant bounds exactly, `to` excluded.
    const day = chinaDate(newest!.at);
    expect((await read('admin', `?subjectId=${subject}&from=${day}&to=${day}`)).total).toBe(2);
    expect((await read('admin', `?subjectId=${subject}&to=${chinaDate(new Date(Date.parse(newest!.at) - 86_400_000))}`)).total).toBe(0);
    const at = encodeURIComponent(newest!.at);
    const justAfter = encodeURIComponent(new Date(Date.parse(newest!.at) + 1).toISOString());
    expect((await read('admin', `?subjectId=${subject}&from=${at}`)).items.map((i) => i.seq)).toEqual([newest!.seq]);
    expect((await read('admin', `?subjectId=${subject}&to=${at}`)).items.map((i) => i.seq)).toEqual([older!.seq]);
    expect((await read('admin', `?subjectId=${subject}&to=${justAfter}`)).total).toBe(2);
  });

  it('shows a regrade as its changed fields in Chinese: the grades by their names, the unchanged fields left out', async () => {
    const branch = id('dyq-zdjd-b21');
    const { grade } = (await sys.http.get(`/ledger/${branch}`).set(await auth('dyq-zdjd.reviewer')).expect(200)).body as { grade: BranchGrade };
    const to: BranchGrade = grade === 'lagging' ? 'weak_and_lax' : 'lagging';
    await sys.http.put(`/ledger/${branch}`).set(await auth('dyq-zdjd.reviewer')).send({ grade: to, evaluation: '审计：重新评定', reason: '审计：整改不到位' }).expect(200);
    const [regrade] = (await read('dyq.head', `?subjectId=${branch}&limit=1`)).items;
    expect(regrade).toMatchObject({ action: 'ledger.entry.updated', opinion: '审计：整改不到位', after: expect.objectContaining({ grade: to }) });
    expect(regrade!.changes).toEqual([
      { field: 'grade', label: '等次', before: BRANCH_GRADE_LABELS[grade], after: BRANCH_GRADE_LABELS[to] },
      { field: 'evaluation', label: '年度考评', before: expect.any(String), after: '审计：重新评定' },
    ]);
  });

  it('refuses everyone but administrators and department heads, in Chinese', async () => {
    for (const user of ['tsq-cyjd-b01.secretary', 'tsq-cyjd.reviewer', 'taian-agency-court.contact']) {
      const res = await sys.http.get('/audit').set(await auth(user)).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', message: '只有管理员和部门负责人可以查看审计记录' });
    }
    await sys.http.get('/audit').expect(401);
  });

  it('answers a malformed query with 400 in Chinese', async () => {
    for (const query of ['?limit=0', '?limit=abc', '?offset=-1', '?from=yesterday', '?to=2026-13-01', '?subjectId=', '?order=asc']) {
      const res = await sys.http.get(`/audit${query}`).set(await auth('admin')).expect(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(chinese) });
      expect(res.body.details.join('')).toMatch(chinese);
    }
    // A range whose start is not before its end is a rule between two fields: 422, named.
    const reversed = await sys.http.get('/audit?from=2026-05-02&to=2026-05-01').set(await auth('admin')).expect(422);
    expect(reversed.body).toMatchObject({ code: 'DATE_RANGE_REVERSED', message: expect.stringMatching(chinese) });
  });

  it("verifies the running system's trail: every row signed by the API or the worker, and the worker's anchors kept", async () => {
    const branch = 'tsq-cyjd-b02';
    await sys.http
      .post('/nominations')
      .set(await auth(`${branch}.secretary`))
      .send({ branchId: id(branch), campaignYear: 2045, form: sampleForm() })
      .expect(201);
    // The worker's activity appends the submission.
    const submitted = await eventually(
      async () => (await read('admin', '?limit=200')).items.filter((i) => i.action === 'nomination.submitted'),
      (rows) => rows.length > 0,
    );
    expect(submitted[0]!.actionLabel).toBe('提交推荐申报');
    // The branch it names reads as the branch's name, not its id.
    const [{ name }] = await sys.db.dataSource.query(`SELECT name FROM organisations WHERE code = $1`, [branch]);
    expect(submitted[0]!.changes.find((c) => c.field === 'branchId')).toMatchObject({ label: '党支部', after: name });
    const asHead = (await read('tsq.head', `?subjectId=${submitted[0]!.subjectId}`)).items.find((i) => i.action === 'nomination.submitted')!;
    expect(asHead.changes.find((c) => c.field === 'branchId')!.after).toBe(name);
    // The worker anchored the head when it started.
    const { anchors, problems } = await readAnchorFile(sys.anchorFile, auditPublicKeys([sys.db.auditKeys.anchorPublicKey]));
    expect(problems).toEqual([]);
    expect(anchors.length).toBeGreaterThan(0);

    const env = {
      PATH: process.env.PATH,
      DATABASE_URL: sys.db.appUrl,
      AUDIT_ANCHOR_FILE: sys.anchorFile,
      AUDIT_ANCHOR_KEY: sys.db.auditKeys.anchorKey,
      AUDIT_ROW_PUBLIC_KEY: sys.db.auditKeys.rowPublicKey,
      AUDIT_ANCHOR_PUBLIC_KEY: sys.db.auditKeys.anchorPublicKey,
    };
    await run(process.execPath, [path.join(DIST_TOOLS, 'anchor-audit.js')], { env });
    const { stdout } = await run(process.execPath, [path.join(DIST_TOOLS, 'verify-audit.js')], { env });
    const [{ rows }] = await sys.db.dataSource.query(`SELECT count(*)::int AS rows FROM audit_log`);
    expect(stdout).toContain(`audit trail intact: ${rows} rows, ${rows - 1} signatures`);
    expect(readFileSync(sys.anchorFile, 'utf8').trim().split('\n').length).toBe(anchors.length + 1);
  });
});
