import { randomUUID } from 'node:crypto';
import { CONSULTATION_WORKFLOW, type ConsultationInput, consultationWorkflowId } from '../../libs/contracts/src';
import { startFormTask } from '../support/approval-task';
import { VIEWPORT_NAMES, type WatchedPage, useBrowser } from '../support/browser';
import { orgByCode, sampleForm } from '../support/fixtures';
import type { TestSystem } from '../support/system';

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);
const DECISION = /^\/tasks\/[^/]+\/decision$/;

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/**
 * Each size's own people and work on the one system: a street committee with five branches' nominations, a district
 * committee's pick and an agency's consultation, so that what one size decides is not the other's to find.
 */
const PEOPLE = {
  phone: { committee: 'tsq-cyjd', street: '财源街道', branches: ['tsq-cyjd-b01', 'tsq-cyjd-b02', 'tsq-cyjd-b03', 'tsq-cyjd-b04', 'tsq-cyjd-b05'], district: 'tsq', districtName: '泰山区委', agency: 'taian-agency-court', crowded: 'hf-ycjy' },
  desk: { committee: 'tsq-dmjd', street: '岱庙街道', branches: ['tsq-dmjd-b11', 'tsq-dmjd-b12', 'tsq-dmjd-b13', 'tsq-dmjd-b14', 'tsq-dmjd-b15'], district: 'dyq', districtName: '岱岳区委', agency: 'tsq-agency-court', crowded: 'hf-lsxh' },
} as const;

/**
 * My work and the task screen, as each role uses them, at a phone's and a
 * desk's size: the grassroots reviewer narrows the list, approves a
 * nomination (after the server refuses a return without an opinion) and
 * approves several at once; a committee's reviewer makes a differential pick
 * and sees the broken rule before submitting; an agency answers a
 * consultation. Other roles' work (the secretaries' nominations, the pick and
 * consultation steps a campaign would open) is set up over HTTP and Temporal.
 */
describe.each(browser.sizes)('My work (%s)', (viewport) => {
  const people = PEOPLE[viewport];
  let sys: TestSystem;
  const branchNames: Record<string, string> = {};

  beforeAll(async () => {
    sys = browser.sys();
    for (const code of people.branches) {
      const branch = await orgByCode(sys.db.dataSource, code);
      branchNames[code] = branch.name;
      const secretary = { authorization: `Bearer ${await sys.login(`${code}.secretary`)}` };
      const res = await sys.http.post('/nominations').set(secretary).send({ branchId: branch.id, campaignYear: 2031, form: sampleForm() }).expect(201);
      if (code === people.branches[0]) {
        await sys.http.post(`/nominations/${res.body.id}/attachments`).set(secretary).attach('file', PDF, { filename: '事迹材料.pdf', contentType: 'application/pdf' }).expect(201);
      }
    }
    // Another kind of work at the same committee, for the filters to tell apart.
    const committee = await orgByCode(sys.db.dataSource, people.committee);
    await startFormTask(sys, {
      organisationId: committee.id,
      kind: 'evaluation_vote',
      title: `党员群众测评推荐（${people.street}）`,
      dueAt: new Date(Date.now() - 3_600_000).toISOString(),
      form: { kind: 'scores', candidates: [{ id: 'b01', name: '东关村党支部' }], min: 0, max: 100 },
    });
  });

  const row = (w: WatchedPage, text: string) => (viewport === 'desk' ? w.page.getByRole('row').filter({ hasText: text }) : w.page.locator('.inbox-card').filter({ hasText: text }));
  /** Confirms a submission and waits for the confirmation to close (its answer is on the screen by then). */
  const confirmSubmit = async (w: WatchedPage) => {
    const ok = w.page.getByRole('button', { name: '确认提交' });
    await ok.click();
    await ok.waitFor({ state: 'detached' });
  };
  const openInbox = async (w: WatchedPage) => {
    await w.open('/tasks');
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
  };

  it('the grassroots reviewer narrows the list, reads a nomination, is refused a return without an opinion, then approves it', async () => {
    const w = await browser.newPage(viewport);
    await w.signIn(`${people.committee}.reviewer`);
    await openInbox(w);
    for (const name of Object.values(branchNames)) await row(w, name).first().waitFor();
    // The overdue work first, marked.
    await row(w, '党员群众测评推荐').getByText('已逾期').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('my-work');

    // A filter by kind: the list answers from the server with that kind only.
    await w.choose(w.page.getByLabel('任务类型'), '推荐申报审核');
    await row(w, '党员群众测评推荐').waitFor({ state: 'detached' });
    await w.page.getByText('共 5 项').waitFor();
    expect(new URL(w.page.url()).searchParams.get('kind')).toBe('nomination_review');

    // Search by branch name: the list answers from the server with that branch only.
    const b01 = branchNames[people.branches[0]]!;
    await w.page.getByLabel('按党支部名称搜索').fill(b01);
    await w.page.getByLabel('按党支部名称搜索').press('Enter');
    await row(w, branchNames[people.branches[1]]!).waitFor({ state: 'detached' });
    await w.page.getByText('共 1 项').waitFor();
    expect(new URL(w.page.url()).searchParams.get('q')).toBe(b01);
    await w.screenshot('my-work-search');

    await w.page.getByRole('link', { name: new RegExp(b01) }).click();
    await w.page.getByText('推荐申报（附件3）').waitFor();
    await w.page.getByText(sampleForm().secretaryName).waitFor();
    await w.page.getByText('事迹材料.pdf').waitFor();
    const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: /下\s*载/ }).click()]);
    expect(download.suggestedFilename()).toBe('事迹材料.pdf');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('task-nomination');

    // A return needs an opinion: the server refuses it, in Chinese, and the screen says so.
    await w.page.getByText('退回修改', { exact: true }).click();
    w.expectRefusal(422, DECISION);
    await w.page.getByRole('button', { name: /提交“/ }).click();
    await confirmSubmit(w);
    await w.page.getByRole('alert').filter({ hasText: /必须填写意见/ }).waitFor();
    await w.screenshot('task-refused');

    await w.page.getByText('同意', { exact: true }).click();
    await w.page.getByLabel('办理意见').fill('经党委集体研究，同意推荐。');
    await w.page.getByRole('button', { name: /提交“/ }).click();
    await confirmSubmit(w);
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
    await row(w, b01).waitFor({ state: 'detached' });
    const [nomination] = await sys.db.dataSource.query(`SELECT status FROM nominations WHERE branch_name = $1 AND campaign_year = 2031`, [b01]);
    expect(nomination.status).toBe('approved');
  });

  it('a reviewer with more than a thousand open tasks is told there are more than 1000, in the list and beside 我的待办', async () => {
    const ds = sys.db.dataSource;
    const crowded = await orgByCode(ds, people.crowded);
    await ds.query(
      `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, due_at)
       SELECT gen_random_uuid(), 'crowded-inbox', 'secretary_report', '组织支部书记述职 ' || g, 'organisation', gen_random_uuid(), $1, $2, 'reviewer', 'open', now() + make_interval(days => g)
         FROM generate_series(1, 1001) g`,
      [crowded.id, crowded.path],
    );
    try {
      const w = await browser.newPage(viewport);
      await w.signIn(`${people.crowded}.reviewer`);
      await openInbox(w);
      await w.page.getByText('超过 1000 项，可用上方条件筛选').waitFor();
      // Beside 我的待办 in the navigation (a drawer on a phone).
      if (viewport === 'desk') await w.page.getByRole('menu').getByText('1000+').waitFor();
      expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
      await w.screenshot('my-work-crowded');
    } finally {
      await ds.query(`DELETE FROM tasks WHERE workflow_id = 'crowded-inbox'`);
    }
  });

  it('the grassroots reviewer approves several at once and sees each one’s result, a task closed meanwhile refused', async () => {
    const w = await browser.newPage(viewport);
    await w.signIn(`${people.committee}.reviewer`);
    await openInbox(w);
    const codes = people.branches.slice(1);
    for (const code of codes) await w.page.getByLabel(new RegExp(`选择：.*${branchNames[code]}`)).check();
    await w.page.getByRole('button', { name: /批量同意（4）/ }).click();
    const dialog = w.page.getByRole('dialog', { name: /批量同意/ });
    await dialog.getByLabel('审核意见').fill('经党委集体研究，同意推荐。');
    await w.screenshot('bulk-approve');

    // Meanwhile one of them is decided elsewhere: that one is refused, the others go through.
    const reviewer = { authorization: `Bearer ${await sys.login(`${people.committee}.reviewer`)}` };
    const inbox = (await sys.http.get('/tasks').query({ q: branchNames[people.branches[4]] }).set(reviewer).expect(200)).body;
    await sys.http.post(`/tasks/${inbox.items[0].id}/decision`).set(reviewer).send({ decision: 'approve', opinion: '已先行办理' }).expect(200);

    w.expectRefusal(409, DECISION);
    await dialog.getByRole('button', { name: '确认同意' }).click();
    await dialog.getByText('已办理 3 项，未办理 1 项').waitFor();
    expect(await dialog.getByText('成功', { exact: true }).count()).toBe(3);
    await dialog.locator('.ant-list-item').filter({ hasText: branchNames[people.branches[4]]! }).getByText(/已办结/).waitFor();
    await w.screenshot('bulk-result');
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    for (const code of codes) await row(w, branchNames[code]!).waitFor({ state: 'detached' });
    const statuses = await sys.db.dataSource.query(`SELECT status FROM nominations WHERE branch_name = ANY($1) AND campaign_year = 2031`, [codes.map((c) => branchNames[c])]);
    expect(statuses.map((n: { status: string }) => n.status)).toEqual(Array(4).fill('approved'));
  });

  it('a committee reviewer makes a differential pick, sees the broken rule before submitting and the server refuse it, then submits a valid pick', async () => {
    const district = await orgByCode(sys.db.dataSource, people.district);
    await startFormTask(sys, {
      organisationId: district.id,
      kind: 'committee_selection',
      title: `差额遴选推荐市级红旗党支部（${people.districtName}，2个名额）`,
      dueAt: new Date(Date.now() + 48 * 3_600_000).toISOString(),
      form: {
        kind: 'selection',
        candidates: [
          { id: 'c1', name: '东关村党支部', score: 92, priority: true },
          { id: 'c2', name: '岱宗社区党支部', score: 88 },
          { id: 'c3', name: '泰山玻纤党支部', score: 85, excludedBecause: '征求意见被一票否决' },
          { id: 'c4', name: '财源街道机关党支部', score: 80, notes: ['税务部门：有异议（欠缴税款已补缴）'] },
          { id: 'c5', name: '上高村党支部', score: 75 },
        ],
        rules: { places: 2, minRatio: 2, cap: { share: 0.1, governed: 25 } },
      },
    });
    const w = await browser.newPage(viewport);
    await w.signIn(`${people.district}.reviewer`);
    await openInbox(w);
    await row(w, '差额遴选推荐市级红旗党支部').getByText('即将到期').waitFor();
    await w.page.getByRole('link', { name: /差额遴选推荐市级红旗党支部/ }).click();
    await w.page.getByRole('list', { name: '遴选规则' }).getByText('比例上限：不超过所辖25个党支部的10%（2个）').waitFor();

    // Three picked for two places, one of them vetoed: both rules shown before anything is submitted.
    for (const name of ['岱宗社区党支部', '泰山玻纤党支部', '上高村党支部']) await w.page.getByLabel(`推荐：${name}`).check();
    const warning = w.page.getByRole('alert').filter({ hasText: '当前选择不符合规则' });
    await warning.getByText(/最多推荐2名/).waitFor();
    await warning.getByText(/泰山玻纤党支部（征求意见被一票否决）不得推荐/).waitFor();
    await w.screenshot('task-selection-broken');

    // Two places, but the provincial honour left out without a reason: the server refuses it too.
    await w.page.getByLabel('推荐：泰山玻纤党支部').uncheck();
    await w.page.getByLabel('推荐：上高村党支部').uncheck();
    await w.page.getByLabel('推荐：财源街道机关党支部').check();
    await warning.getByText(/东关村党支部获省级以上表彰，应优先推荐/).waitFor();
    w.expectRefusal(422, DECISION);
    await w.page.getByRole('button', { name: /提交“/ }).click();
    await confirmSubmit(w);
    await w.page.getByRole('alert').filter({ hasText: '未能办理' }).getByText(/优先推荐/).waitFor();
    // What was picked stays picked.
    expect(await w.page.getByLabel('推荐：财源街道机关党支部').isChecked()).toBe(true);

    await w.page.getByLabel('推荐：财源街道机关党支部').uncheck();
    await w.page.getByLabel('推荐：东关村党支部').check();
    await w.page.getByText('当前选择符合遴选规则').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('task-selection-valid');
    await w.page.getByLabel('办理意见').fill('经党委会议研究，差额遴选东关村、岱宗社区党支部。');
    await w.page.getByRole('button', { name: /提交“/ }).click();
    await confirmSubmit(w);
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
    await row(w, '差额遴选推荐市级红旗党支部').waitFor({ state: 'detached' });
    const [task] = await sys.db.dataSource.query(`SELECT status, outcome, data FROM tasks WHERE kind = 'committee_selection' AND organisation_id = $1`, [district.id]);
    expect(task).toMatchObject({ status: 'completed', outcome: 'approve', data: { chosen: expect.arrayContaining(['c1', 'c2']) } });
  });

  it('an agency contact answers a consultation per candidate, a veto without a reason refused first', async () => {
    const zzb = await orgByCode(sys.db.dataSource, 'taian-zzb');
    const court = await orgByCode(sys.db.dataSource, people.agency);
    const input: ConsultationInput = {
      consultationId: randomUUID(),
      title: '市级红旗党支部候选对象征求意见',
      organisationId: zzb.id,
      candidates: [
        { id: 'rural', name: '东关村党支部', domain: 'rural' },
        { id: 'firm', name: '泰山玻纤党支部', domain: 'private_enterprise' },
      ],
      agencies: [{ organisationId: court.id, kind: 'court', name: court.name, dueAt: new Date(Date.now() + 72 * 3_600_000).toISOString(), candidateIds: ['rural', 'firm'] }],
      onTimeout: 'no_objection',
      escalateTo: { organisationId: zzb.id, role: 'reviewer' },
    };
    await sys.temporal.client.workflow.start(CONSULTATION_WORKFLOW, { workflowId: consultationWorkflowId(input.consultationId), taskQueue: 'pennant-e2e', args: [input] });

    const w = await browser.newPage(viewport);
    await w.signIn(`${people.agency}.contact`);
    await openInbox(w);
    await w.page.getByRole('link', { name: /征求意见：市级红旗党支部候选对象征求意见/ }).click();
    const firm = w.page.locator('.ant-card').filter({ has: w.page.getByText('泰山玻纤党支部', { exact: true }) }).last();
    await firm.getByText('一票否决').click();
    w.expectRefusal(422, DECISION);
    await w.page.getByRole('button', { name: '提交答复' }).click();
    await confirmSubmit(w);
    await w.page.getByRole('alert').filter({ hasText: /说明理由：泰山玻纤党支部/ }).waitFor();
    await w.screenshot('task-consultation');

    await w.page.getByLabel('理由（泰山玻纤党支部）').fill('该企业负责人涉诉案件尚未审结');
    await w.page.getByRole('button', { name: '提交答复' }).click();
    await confirmSubmit(w);
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
    const answers = await sys.db.dataSource.query(`SELECT candidate_id, answer, reason FROM consultation_answers WHERE consultation_id = $1 ORDER BY candidate_id`, [input.consultationId]);
    expect(answers).toEqual([
      { candidate_id: 'firm', answer: 'veto', reason: '该企业负责人涉诉案件尚未审结' },
      { candidate_id: 'rural', answer: 'no_objection', reason: '' },
    ]);
  });
});
