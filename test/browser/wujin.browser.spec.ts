import { readFileSync } from 'node:fs';
import { SIMULATED_YEARS } from '../../apps/simulate/src/calendar';
import { WUJIN_RUBRIC } from '../../libs/persistence/src';
import { WUJIN_ASSESSMENT_WORKFLOW, type WujinAssessmentInput, wujinAssessmentWorkflowId } from '../../libs/processes/src/wujin';
import { rubricItems } from '../../libs/domain/src';
import { YEAR, writeWujinYear, type WujinYear } from '../e2e/wujin/wujin-rows';
import { eventually } from '../support/workflow-harness';
import { type ViewportName, type WatchedPage, useBrowser } from '../support/browser';

const DECISION = /^\/tasks\/[^/]+\/decision$/;
// A 1×1 PNG, made here: the server judges a picture by its bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const HT = '中共武进区湖塘镇委员会';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();

/** The plan started live on the demo district, once: each size files the plan of a committee of its own in it. */
let liveCampaign: Promise<string> | undefined;
async function startLiveCampaign(): Promise<string> {
  const { http } = browser.sys();
  const admin = { authorization: `Bearer ${await browser.sys().login('wj-zzb.admin')}` };
  const years = (await http.get('/calendar/years').set(admin).expect(200)).body as Array<{ year: number }>;
  for (const year of [2027, 2028]) {
    if (years.some((y) => y.year === year)) continue;
    await http.put(`/calendar/years/${year}`).set(admin).send(SIMULATED_YEARS[year]).expect(200);
  }
  const body = { process: 'wujin', year: 2026, reason: '全区部署党支部规范化建设', parameters: { deadlines: { implementationPlans: '2026-12-20', audit: '2026-12-24', modelBranches: '2026-12-30' } } };
  await http.post('/campaigns/defaults/preview').set(admin).send(body).expect(200);
  const created = await http.post('/campaigns').set(admin).send(body).expect(201);
  await http.post(`/campaigns/${created.body.id}/start`).set(admin).send({ reason: '准备就绪' }).expect(200);
  return created.body.id as string;
}
/** A plan's rows in its second year, written once: both sizes read them. */
let secondYear: Promise<WujinYear> | undefined;

/**
 * Each size's own units where it changes things: the committee filing its plan in (a), the branch and its
 * committee assessing in (c). (The re-election request of (b) is the one branch's, reset after each size.)
 */
const UNITS = {
  phone: { committee: { code: 'wj-ht', name: HT }, assessed: { branch: 'wj-nxs-c3', committee: 'wj-nxs' } },
  desk: { committee: { code: 'wj-nxs', name: '中共武进区南夏墅街道工作委员会' }, assessed: { branch: 'wj-gxq-q2', committee: 'wj-gxq' } },
} as const;

/**
 * Wujin's screens walked at a desk's size (every screen drawn at a phone's too). (a) A plan started live on
 * the demo district: a town committee's staff files its implementation plan
 * through the generic task screen (the form drawn from the task's JSON
 * Schema, duties as rows), is refused a malformed date in Chinese, the
 * organisation department returns it with an opinion and accepts the
 * resubmission. (b) The dashboard's six sections and a branch's page drawn
 * from a plan's rows written straight into the database, with the score sheet
 * downloaded.
 */
describe.each(browser.sizes)('Wujin screens (%s)', (viewport: ViewportName) => {
  const { committee, assessed } = UNITS[viewport];
  const http = () => browser.sys().http;
  const bearer = async (username: string) => ({ authorization: `Bearer ${await browser.sys().login(username)}` });
  const ds = () => browser.sys().db.dataSource;

  const confirmSubmit = async (w: WatchedPage) => {
    const ok = w.page.getByRole('button', { name: '确认提交' });
    await ok.click();
    // The dialog closes once the decision is through the workflow: on a loaded machine that can take longer than a click's wait.
    await ok.waitFor({ state: 'detached', timeout: 60_000 });
  };
  const noOverflow = async (w: WatchedPage) => expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);

  /** An open task of `kind` for `username`, once the workflow has opened it. */
  async function openTask(username: string, title: RegExp): Promise<void> {
    const auth = await bearer(username);
    await eventually(
      async () => (await http().get('/tasks').set(auth).expect(200)).body.items as Array<{ title: string }>,
      (items) => items.some((t) => title.test(t.title)),
    );
  }

  /** My work → the task whose title matches. */
  async function fromMyWork(w: WatchedPage, title: RegExp) {
    await w.open('/tasks');
    await w.page.getByRole('heading', { name: '我的待办' }).waitFor();
    await w.page.getByRole('link', { name: title }).first().click();
    await w.page.getByRole('heading', { name: title }).waitFor();
  }

  /** Fills the implementation plan: its summary and one duty row (rjsf starts the list with the one row it needs). */
  async function fillPlan(w: WatchedPage, dueOn: string) {
    await w.page.getByLabel('实施方案', { exact: true }).fill('全镇党支部对照考核细则逐项达标，镇党委组织委员牵头，按月督查。');
    if (!(await w.page.getByLabel('职责任务内容', { exact: true }).count())) await w.page.getByRole('button', { name: '添加一行' }).click();
    await w.page.getByLabel('职责任务内容', { exact: true }).fill('组织各党支部对照考核细则开展自查');
    await w.page.getByLabel('责任人或责任部门', { exact: true }).fill('镇党委组织办');
    await w.page.getByLabel('完成时限', { exact: true }).fill(dueOn);
  }

  it('(a) a committee files its implementation plan through the task screen; the department returns it, then accepts it', async () => {
    const campaignId = await (liveCampaign ??= startLiveCampaign());
    const fileTitle = new RegExp(`制定党支部规范化建设实施方案：${committee.name}`);
    await openTask(`${committee.code}.staff`, fileTitle);

    const staff = await browser.newPage(viewport);
    await staff.signIn(`${committee.code}.staff`);
    await fromMyWork(staff, fileTitle);
    await staff.page.getByLabel('职责任务内容', { exact: true }).or(staff.page.getByRole('button', { name: '添加一行' })).first().waitFor();
    // A committee's staff files as the committee's, not as a branch secretary.
    await staff.page.getByText('党(工)委工作人员（申报人）', { exact: true }).waitFor();
    await expect(staff.page.getByText(/党支部书记/).count()).resolves.toBe(0);
    await staff.screenshot('wujin-plan-form');
    await noOverflow(staff);

    // A date the server cannot read is refused in Chinese, and nothing typed is lost.
    await fillPlan(staff, '12月20日');
    staff.expectRefusal(422, DECISION);
    await staff.page.getByRole('button', { name: /提\s*交$/ }).click();
    await confirmSubmit(staff);
    await staff.page.getByRole('alert').filter({ hasText: /完成时限格式应为 YYYY-MM-DD/ }).waitFor();
    await expect(staff.page.getByLabel('职责任务内容', { exact: true }).inputValue()).resolves.toBe('组织各党支部对照考核细则开展自查');
    await staff.screenshot('wujin-plan-refused');
    await staff.page.getByLabel('完成时限', { exact: true }).fill('2026-12-15');
    await staff.page.getByRole('button', { name: /提\s*交$/ }).click();
    await confirmSubmit(staff);
    await staff.page.getByRole('heading', { name: '我的待办' }).waitFor();

    // The department's reviewer returns the first version with an opinion.
    const reviewTitle = new RegExp(`审核实施方案（${committee.name}，第1版）`);
    await openTask('wj-zzb.reviewer', reviewTitle);
    const reviewer = await browser.newPage(viewport);
    await reviewer.signIn('wj-zzb.reviewer');
    await fromMyWork(reviewer, reviewTitle);
    // What is under review is on the task page above the decision: the plan's text and its duties.
    await reviewer.page.getByText(`实施方案（${committee.name}，第1版）`, { exact: true }).waitFor();
    await reviewer.page.getByText('全镇党支部对照考核细则逐项达标，镇党委组织委员牵头，按月督查。').waitFor();
    const duties = reviewer.page.getByRole('table', { name: '职责任务' });
    await duties.getByRole('cell', { name: '组织各党支部对照考核细则开展自查' }).waitFor();
    await duties.getByRole('cell', { name: '镇党委组织办' }).waitFor();
    await duties.getByRole('cell', { name: '2026-12-15' }).waitFor();
    await reviewer.page.getByText('退回修改', { exact: true }).click();
    await reviewer.page.getByLabel('办理意见').fill('职责任务须分解到各党支部，请补充。');
    await reviewer.screenshot('wujin-plan-review');
    await noOverflow(reviewer);
    await reviewer.page.getByRole('button', { name: /提交“/ }).click();
    await confirmSubmit(reviewer);
    await reviewer.page.getByRole('heading', { name: '我的待办' }).waitFor();

    // The staff files it again; the reviewer accepts the second version.
    const againTitle = new RegExp(`制定党支部规范化建设实施方案（退回后重新报送）：${committee.name}`);
    await openTask(`${committee.code}.staff`, againTitle);
    await fromMyWork(staff, againTitle);
    await fillPlan(staff, '2026-12-15');
    await staff.page.getByRole('button', { name: /提\s*交$/ }).click();
    await confirmSubmit(staff);
    await staff.page.getByRole('heading', { name: '我的待办' }).waitFor();

    const secondTitle = new RegExp(`审核实施方案（${committee.name}，第2版）`);
    await openTask('wj-zzb.reviewer', secondTitle);
    await fromMyWork(reviewer, secondTitle);
    // The second version shows what was said of the first.
    await reviewer.page.getByText(`实施方案（${committee.name}，第2版）`, { exact: true }).waitFor();
    await reviewer.page.getByText('职责任务须分解到各党支部，请补充。').waitFor();
    await noOverflow(reviewer);
    await reviewer.screenshot('wujin-plan-review-second');
    await reviewer.page.getByText('同意', { exact: true }).click();
    await reviewer.page.getByRole('button', { name: /提交“/ }).click();
    await confirmSubmit(reviewer);
    await reviewer.page.getByRole('heading', { name: '我的待办' }).waitFor();

    await eventually(
      async () =>
        (
          await ds().query(
            `SELECT p.version, p.status FROM wujin_implementation_plans p JOIN organisations o ON o.id = p.committee_id WHERE p.campaign_id = $1 AND o.code = $2 ORDER BY p.version`,
            [campaignId, committee.code],
          )
        ).map((r: { version: number; status: string }) => `${r.version}:${r.status}`) as string[],
      (rows) => rows.join() === '1:returned,2:accepted',
    );
    const [first] = await ds().query(`SELECT p.opinion, p.duties FROM wujin_implementation_plans p JOIN organisations o ON o.id = p.committee_id WHERE p.campaign_id = $1 AND o.code = $2 AND p.version = 1`, [campaignId, committee.code]);
    expect(first.opinion).toBe('职责任务须分解到各党支部，请补充。');
    expect(first.duties).toEqual([{ duty: '组织各党支部对照考核细则开展自查', owner: '镇党委组织办', dueOn: '2026-12-15' }]);
  });

  describe('(b) a plan in its second year', () => {
    let y: WujinYear;
    beforeAll(async () => {
      y = await (secondYear ??= writeWujinYear(ds()));
    });

    it('shows the dashboard’s six sections and a branch’s page, and downloads the score sheet and the compliance list', async () => {
      const w = await browser.newPage(viewport);
      await w.signIn('wj-zzb.reviewer');
      await w.open(`/campaigns/${y.campaignId}`);
      await w.page.getByTestId('phase-deploy').getByText('未达成').waitFor();
      await w.page.getByTestId('phase-deploy').getByText('中共武进国家高新技术产业开发区工作委员会 0%').waitFor();
      await w.page.getByTestId('phase-compliance').getByText('23.8%').waitFor();
      await w.page.getByRole('table', { name: '各党(工)委达标情况' }).getByText(HT).waitFor();
      await w.page.getByText('未落实党建工作专项经费：1个党支部').waitFor();
      await w.page.getByRole('table', { name: '逾期未了结的整顿' }).waitFor();
      await w.page.getByRole('table', { name: '各党(工)委党建工作品牌' }).waitFor();
      await w.page.getByRole('table', { name: '经常性工作完成情况' }).getByText('支部党员大会').waitFor();
      await noOverflow(w);
      await w.screenshot('wujin-dashboard');
      const [list] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: /^(download )?党支部规范化建设合格支部名单$/ }).click()]);
      expect(list.suggestedFilename()).toMatch(/\.xlsx$/);
      // Its printable form beside it.
      const [printed] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: '打印（PDF）：党支部规范化建设合格支部名单' }).click()]);
      expect(printed.suggestedFilename()).toMatch(/\.pdf$/);
      expect(readFileSync(await printed.path()).subarray(0, 5).toString()).toBe('%PDF-');
      await expect(w.page.getByRole('button', { name: /考核评分表（按支部）/ }).count()).resolves.toBe(0);

      // From a vetoed branch's name to its page.
      await w.page.getByRole('table', { name: '有一票否决情形的党支部' }).getByRole('link', { name: '湖塘镇机关党支部' }).click();
      await w.page.getByRole('heading', { name: '湖塘镇机关党支部' }).waitFor();
      await w.page.getByText('一票否决情形', { exact: true }).first().waitFor();
      await noOverflow(w);
      await w.screenshot('wujin-branch-vetoed');

      // 城南村: failed its first round, rectified, passed the second.
      await w.open(`/campaigns/${y.campaignId}/wujin/branches/${y.org('wj-ht-c2')}`);
      await w.page.getByRole('heading', { name: '湖塘镇城南村党支部' }).waitFor();
      await w.page.getByText('第1轮考核').waitFor();
      await w.page.getByText('第2轮考核').waitFor();
      await w.page.getByRole('table', { name: '第1轮考核评分表' }).getByRole('columnheader', { name: '考核标准' }).waitFor();
      await w.page.getByRole('table', { name: '第1轮各项目小计' }).getByText('32（与规定分值不一致）').waitFor();
      await w.page.getByText('整顿措施').waitFor();
      await noOverflow(w);
      await w.screenshot('wujin-branch');
      const [sheet] = await Promise.all([w.page.waitForEvent('download'), w.page.getByRole('button', { name: /下载考核评分表/ }).click()]);
      expect(sheet.suggestedFilename()).toMatch(/\.xlsx$/);
      const bytes = await sheet.createReadStream().then(async (s) => {
        const chunks: Buffer[] = [];
        for await (const c of s) chunks.push(c as Buffer);
        return Buffer.concat(chunks);
      });
      expect(bytes.subarray(0, 2).toString()).toBe('PK');
    });

    it('(c) the branch attaches a picture to its self-assessment; its committee opens it from the branch page', async () => {
      const code = (c: string) => ds().query(`SELECT id, name FROM organisations WHERE code = $1`, [c]).then((r: Array<{ id: string; name: string }>) => r[0]!);
      const [branch, branchCommittee, department] = await Promise.all([code(assessed.branch), code(assessed.committee), code('wj-zzb')]);
      const workflowId = wujinAssessmentWorkflowId(y.campaignId, branch.id, 1);
      await browser.sys().temporal.client.workflow.start(WUJIN_ASSESSMENT_WORKFLOW, {
        workflowId,
        taskQueue: 'pennant-e2e',
        args: [
          {
            campaignId: y.campaignId,
            round: 1,
            branch,
            committee: branchCommittee,
            orgDepartment: department,
            rubric: { code: WUJIN_RUBRIC.code, version: WUJIN_RUBRIC.version, passThreshold: 85 },
            declarationDueAt: `${YEAR + 1}-09-30T16:00:00Z`,
            verificationDueAt: `${YEAR + 1}-11-30T16:00:00Z`,
          } satisfies WujinAssessmentInput,
        ],
      });
      const selfTitle = new RegExp(`自评：.*（${branch.name}）`);
      await openTask(`${assessed.branch}.secretary`, selfTitle);

      const secretary = await browser.newPage(viewport);
      await secretary.signIn(`${assessed.branch}.secretary`);
      await fromMyWork(secretary, selfTitle);
      const upload = secretary.page.getByRole('button', { name: /上传佐证附件/ }).first();
      await upload.waitFor();
      const [chooser] = await Promise.all([secretary.page.waitForEvent('filechooser'), upload.click()]);
      await chooser.setFiles({ name: '支部活动照片.png', mimeType: 'image/png', buffer: PNG });
      await secretary.page.getByRole('button', { name: '移除 支部活动照片.png' }).waitFor();
      // Every item scored at its full points.
      const scores = secretary.page.getByLabel('得分', { exact: true });
      const items = rubricItems(WUJIN_RUBRIC);
      await expect(scores.count()).resolves.toBe(items.length);
      for (const [n, item] of items.entries()) await scores.nth(n).fill(String(item.points));
      await noOverflow(secretary);
      await secretary.screenshot('wujin-self-assessment-evidence');
      await secretary.page.getByRole('button', { name: /提\s*交$/ }).click();
      await confirmSubmit(secretary);
      await secretary.page.getByRole('heading', { name: '我的待办' }).waitFor();

      // The committee's reviewer reads the branch's page and downloads the picture.
      const reviewer = await browser.newPage(viewport);
      await reviewer.signIn(`${assessed.committee}.reviewer`);
      await reviewer.open(`/campaigns/${y.campaignId}/wujin/branches/${branch.id}`);
      await reviewer.page.getByRole('heading', { name: branch.name }).waitFor();
      const link = reviewer.page.getByRole('table', { name: '第1轮考核评分表' }).getByRole('button', { name: /支部活动照片\.png/ });
      await link.waitFor();
      await noOverflow(reviewer);
      await reviewer.screenshot('wujin-branch-evidence');
      const [picture] = await Promise.all([reviewer.page.waitForEvent('download'), link.click()]);
      expect(picture.suggestedFilename()).toBe('支部活动照片.png');
    });

    it('lets the branch’s secretary ask to delay its re-election: a refusal shown in Chinese keeps what was typed, then the request waits for the committee', async () => {
      const branchId = y.org('wj-ht-c2');
      const w = await browser.newPage(viewport);
      await w.signIn('wj-ht-c2.secretary');
      await w.open(`/campaigns/${y.campaignId}/wujin/branches/${branchId}`);
      await w.page.getByRole('heading', { name: '湖塘镇城南村党支部' }).waitFor();
      await w.page.getByRole('button', { name: '申请延期换届' }).click();
      const dialog = w.page.getByRole('dialog', { name: '申请延期换届' });
      await dialog.getByLabel('延期至').fill('2094-06-30');
      await dialog.getByLabel('延期至').press('Enter');
      await dialog.getByLabel('延期理由').fill('支部书记病休，待康复后召开党员大会选举');
      await noOverflow(w);
      await w.screenshot('wujin-re-election-delay');
      // The demo term (2018) lies outside this plan's years: refused, and the form keeps what was typed.
      w.expectRefusal(409, /^\/campaigns\/[^/]+\/wujin\/re-election-delays$/);
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await dialog.getByText(/不在本计划.*换届安排内/).waitFor();
      await expect(dialog.getByLabel('延期理由').inputValue()).resolves.toBe('支部书记病休，待康复后召开党员大会选举');

      await ds().query(`UPDATE organisations SET term_ends_on = '2094-03-31' WHERE id = $1`, [branchId]);
      await dialog.getByRole('button', { name: '提交申请' }).click();
      await dialog.waitFor({ state: 'detached' });
      await w.page.getByRole('table', { name: '延期换届申请' }).getByText('待党(工)委审批').waitFor();
      await expect(w.page.getByRole('button', { name: '申请延期换届' }).isDisabled()).resolves.toBe(true);
      await noOverflow(w);
      await w.screenshot('wujin-re-election-pending');
      await openTask('wj-ht.reviewer', /审批延期换届：湖塘镇城南村党支部/);
      // Both viewports ask for the same branch: the second run starts from the first's answer.
      await ds().query(`UPDATE wujin_re_election_delays SET status = 'refused', decided_at = now(), opinion = '测试复位' WHERE branch_id = $1 AND status = 'pending'`, [branchId]);
      await ds().query(`UPDATE organisations SET term_ends_on = '2018-03-31' WHERE id = $1`, [branchId]);
    });
  });
});
