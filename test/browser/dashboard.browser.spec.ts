import { OrganisationEntity } from '../../libs/persistence/src';
import { type ViewportName, VIEWPORT_NAMES, type WatchedPage, useBrowser } from '../support/browser';
import { ensureCalendarYear, sampleForm } from '../support/fixtures';
import { eventually } from '../support/workflow-harness';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/**
 * The department head's dashboard at a phone's and a desk's size: a campaign's stages on the calendar,
 * the organisation tree's work counted per unit, drilled down to a unit and to its late task; counts that
 * change when work arrives and when it becomes late; Hefei's dashboard from the same screen.
 */
describe.each(browser.sizes)('department head dashboard (%s)', (viewport: ViewportName) => {
  const http = () => browser.sys().http;
  const bearer = async (username: string) => ({ authorization: `Bearer ${await browser.sys().login(username)}` });
  const org = (code: string) => browser.sys().db.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ code });

  /** A campaign set up and started by its administrator over HTTP (the set-up screen has its own test). */
  async function startedCampaign(admin: string, process: string, year: number, parameters: Record<string, unknown> = {}): Promise<{ id: string; title: string }> {
    await ensureCalendarYear(browser.sys().db.dataSource, year);
    await ensureCalendarYear(browser.sys().db.dataSource, year + 1);
    const created = await http().post('/campaigns').set(await bearer(admin)).send({ process, year, reason: '年度工作安排', parameters }).expect(201);
    await http().post(`/campaigns/${created.body.id}/start`).set(await bearer(admin)).send({ reason: '准备就绪' }).expect(200);
    await eventually(
      () => browser.sys().db.dataSource.query(`SELECT count(*)::int AS n FROM campaign_stages WHERE campaign_id = $1`, [created.body.id]),
      (rows: Array<{ n: number }>) => rows[0]!.n > 0,
    );
    return { id: created.body.id, title: created.body.title };
  }

  const countsOf = async (w: WatchedPage) => (await w.page.getByTestId('stage-application-counts').textContent()) ?? '';
  const countsShow = (w: WatchedPage, text: string) => w.page.getByTestId('stage-application-counts').filter({ hasText: text }).waitFor();
  const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const scopeIs = (w: WatchedPage, name: string) => w.page.getByTestId('dashboard-scope').filter({ hasText: exactly(name) }).waitFor();
  const unitRow = (w: WatchedPage, name: string) => w.page.getByRole('row').filter({ has: w.page.getByRole('button', { name: `查看${name}` }) });
  /** Each size sets up its own campaigns (one per process and year), on the one system they share. */
  const campaignYear = viewport === 'phone' ? 2027 : 2029;

  it('shows the stages, counts the work that arrives and becomes late, and drills down to the late task', async () => {
    const campaign = await startedCampaign('admin', 'taian', campaignYear, { quota: 3 });
    const tsq = await org('tsq');
    const cyjd = await org('tsq-cyjd');
    const branch = await org(viewport === 'phone' ? 'tsq-cyjd-b01' : 'tsq-cyjd-b03');

    const city = (await http().get(`/campaigns/${campaign.id}/dashboard`).set(await bearer('head')).expect(200)).body.scope.name as string;
    const w = await browser.newPage(viewport);
    await w.signIn('head');
    if (viewport === 'phone') {
      await w.page.getByRole('button', { name: '打开导航' }).click();
      await w.page.getByRole('menuitem', { name: /评选看板/ }).click();
    } else {
      await w.page.getByRole('menuitem', { name: /评选看板/ }).click();
    }
    await w.page.getByRole('heading', { name: '评选看板' }).waitFor();
    await w.screenshot('campaigns');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.page.getByRole('link', { name: campaign.title }).click();

    await w.page.getByRole('heading', { name: campaign.title }).waitFor();
    await expect(w.page.getByTestId('dashboard-scope').textContent()).resolves.toBe(city);
    // Seven stages on the calendar, today in the legend, each with its counts.
    await expect(w.page.getByTestId(/^stage-[a-z_]+$/).count()).resolves.toBe(7);
    await w.page.getByText(/今天 \d{4}年/).waitFor();
    expect(await countsOf(w)).toContain('待办 0');
    await unitRow(w, tsq.name).waitFor();
    // The charts arrive with their own chunk.
    await w.page.getByRole('img', { name: /进度|累计/ }).or(w.page.getByText('尚无任务')).first().waitFor();
    await w.page.getByText('过硬党支部建设工作台账（附件1）').waitFor();
    await w.screenshot('dashboard');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);

    // A branch secretary submits a nomination (over HTTP: their screen is tested elsewhere); its review joins the campaign's application stage.
    const submitted = await http()
      .post('/nominations')
      .set(await bearer(`${branch.code}.secretary`))
      .send({ branchId: branch.id, campaignYear: 2026, form: sampleForm() })
      .expect(201);
    const taskId = submitted.body.openTasks[0].id as string;
    const ds = browser.sys().db.dataSource;
    // As a year of work leaves it: the review in this campaign's application stage.
    await ds.query(`UPDATE tasks SET campaign_id = $2, stage = 'application' WHERE id = $1`, [taskId, campaign.id]);
    await w.page.getByRole('button', { name: /刷\s*新/ }).click();
    await countsShow(w, '待办 1');
    await unitRow(w, tsq.name).filter({ hasText: /1/ }).waitFor();

    // Its deadline passes (as the workflow's timer marks it): the late count and the late list show it.
    await ds.query(`UPDATE tasks SET due_at = now() - interval '1 day', overdue = true WHERE id = $1`, [taskId]);
    await w.page.getByRole('button', { name: /刷\s*新/ }).click();
    await countsShow(w, '逾期 1');

    // Down the tree: the district, then the street committee holding the late review.
    await w.page.getByRole('button', { name: `查看${tsq.name}` }).click();
    await scopeIs(w, tsq.name);
    expect(new URL(w.page.url()).searchParams.get('unit')).toBe(tsq.id);
    await w.page.getByRole('button', { name: `查看${cyjd.name}` }).click();
    await scopeIs(w, cyjd.name);
    const late = w.page.getByRole('link', { name: submitted.body.openTasks[0].title });
    await late.first().waitFor();
    await w.screenshot('dashboard-unit');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    // Back up the breadcrumb to the whole city.
    await w.page.getByText('本人范围').click();
    await scopeIs(w, city);
    await w.page.goBack();
    await scopeIs(w, cyjd.name);
    await late.first().click();
    await w.page.waitForURL(new RegExp(`/app/tasks/${taskId}$`));

    // More organisations with late work than the lists name: the 20 with the most (two each, against the review's one) are listed,
    // and the screen says where the rest are.
    const branches: Array<{ id: string; path: string }> = await ds.query(
      `SELECT b.id, b.path FROM organisations b JOIN organisations c ON c.code = 'taian' WHERE b.level = 'branch' AND b.path LIKE c.path || '%' ORDER BY b.code LIMIT 25`,
    );
    await ds.query(
      `INSERT INTO tasks (id, workflow_id, kind, title, subject_type, subject_id, organisation_id, organisation_path, role, status, overdue, due_at, campaign_id, stage)
       SELECT gen_random_uuid(), 'dashboard-holders', 'evaluation_vote', '看板逾期测试', 'organisation', gen_random_uuid(), b.id, b.path, 'secretary', 'open', true,
              now() - interval '2 days', $3, 'application'
         FROM unnest($1::uuid[], $2::text[]) AS b(id, path), generate_series(1, 2)`,
      [branches.map((b) => b.id), branches.map((b) => b.path), campaign.id],
    );
    await w.open(`/campaigns/${campaign.id}`);
    await scopeIs(w, city);
    await w.page.getByText('另有 6 个组织，请在上方“各单位待办”中点击单位查看').waitFor();
    await expect(w.page.getByRole('link', { name: '看板逾期测试' }).count()).resolves.toBe(40);
    await w.screenshot('dashboard-late-holders');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
  });

  it("renders Hefei's dashboard from its definition", async () => {
    const campaign = await startedCampaign('hf-zzb.admin', 'hefei', campaignYear);
    const w = await browser.newPage(viewport);
    await w.signIn('hf.head');
    await w.open(`/campaigns`);
    await w.page.getByRole('link', { name: campaign.title }).click();
    await w.page.getByRole('heading', { name: campaign.title }).waitFor();
    const processes = (await http().get('/processes').set(await bearer('hf.head')).expect(200)).body as Array<{ id: string; dashboardSections: Array<{ label: string }>; documents: Array<{ title: string }> }>;
    const hefei = processes.find((p) => p.id === 'hefei')!;
    for (const s of hefei.dashboardSections) await w.page.getByText(s.label, { exact: true }).first().waitFor();
    // Each document twice: the spreadsheet, and its printable PDF named after it.
    for (const d of hefei.documents) {
      await w.page.getByRole('button', { name: new RegExp(`^(download )?${d.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).waitFor();
      await w.page.getByRole('button', { name: `打印（PDF）：${d.title}`, exact: true }).waitFor();
    }
    await w.page.getByTestId('cap-meter').waitFor();
    await w.screenshot('dashboard-hefei');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
  });
});
