import { OrganisationEntity } from '../../libs/persistence/src';
import { type ViewportName, type WatchedPage, useBrowser } from '../support/browser';
import { eventually } from '../support/workflow-harness';

// Four objections per address: each size lodges two from the one address they share (127.0.0.1, the tests' too);
// the rate limit's refusal comes after both.
// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({ apiEnv: { PUBLIC_RATE_LIMIT: '4' } });
const reviewer = async () => ({ authorization: `Bearer ${await browser.sys().login('tsq.reviewer')}` });

/** Each size's own notice, of two branches of its own, so that each counts only its objections. */
const BRANCHES = { phone: ['tsq-cyjd-b01', 'tsq-cyjd-b02'], desk: ['tsq-cyjd-b07', 'tsq-cyjd-b08'] } as const;
const notices = new Map<ViewportName, Promise<{ id: string; item: { id: string; name: string } }>>();

/** The committee's publication (its own screen is another part of the application), over HTTP, once per size. */
function noticeOf(viewport: ViewportName): Promise<{ id: string; item: { id: string; name: string } }> {
  if (!notices.has(viewport)) notices.set(viewport, publish(viewport));
  return notices.get(viewport)!;
}

async function publish(viewport: ViewportName): Promise<{ id: string; item: { id: string; name: string } }> {
  const { http, db } = browser.sys();
  const orgs = db.dataSource.getRepository(OrganisationEntity);
  const branches = await Promise.all(BRANCHES[viewport].map((code) => orgs.findOneByOrFail({ code })));
  const published = await http
    .post('/notices')
    .set(await reviewer())
    .send({ title: '泰山区“泰山先锋”红旗党支部推荐对象公示', organisationIds: branches.map((b) => b.id), duration: { amount: 5, unit: 'working_days' } })
    .expect(201);
  const id = published.body.id as string;
  const view = await eventually(
    () => http.get(`/public/notices/${id}`),
    (r) => r.status === 200,
  );
  const item = (view.body.items as Array<{ id: string; name: string }>).find((i) => i.name === branches[0]!.name)!;
  return { id, item: { id: item.id, name: item.name } };
}

async function object(w: WatchedPage, o: { item: string; name?: string; content: string }) {
  await w.page.getByLabel('反映对象').click();
  await w.page.locator('.ant-select-dropdown:visible').getByText(o.item, { exact: true }).click();
  if (o.name) {
    await w.page.getByText('实名反映', { exact: true }).click();
    await w.page.getByLabel('姓名').fill(o.name);
    await w.page.getByLabel('联系方式（选填）').fill('13800001111');
  } else {
    await w.page.getByText('匿名反映', { exact: true }).click();
    await w.page.getByLabel('姓名').waitFor({ state: 'detached' });
  }
  await w.page.getByLabel('异议内容').fill(o.content);
  await w.page.getByRole('button', { name: /提交异议/ }).click();
}


/**
 * The public notice, without signing in: the list on notice and its period, a named and an anonymous objection
 * with what happens next — walked at a desk's size (every screen drawn at a phone's too).
 */
describe.each(browser.sizes)('the public notice (%s)', (viewport) => {
  it('shows the list and its period to anyone, takes a named and an anonymous objection', async () => {
    const { id: noticeId, item } = await noticeOf(viewport);
    const w = await browser.newPage(viewport);
    await w.open(`/notices/${noticeId}`);
    await w.page.getByRole('heading', { name: '泰山区“泰山先锋”红旗党支部推荐对象公示' }).waitFor();
    // Nobody is asked to sign in.
    expect(new URL(w.page.url()).pathname).toBe(`/app/notices/${noticeId}`);
    const list = w.page.getByRole('group', { name: '公示名单' });
    await list.getByText(item.name).waitFor();
    await w.page.getByText(/公示期：\d+年\d+月\d+日至\d+年\d+月\d+日（5个工作日）/).waitFor();
    await w.page.getByText('公示中').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('public-notice');

    // A named objection needs the name: the form says so before sending.
    await w.page.getByLabel('异议内容').fill('短');
    await w.page.getByRole('button', { name: /提交异议/ }).click();
    await w.page.getByText('请选择反映的公示对象').waitFor();
    await w.page.getByText('实名反映请填写姓名；如不愿具名，请选择匿名').waitFor();
    await w.page.getByText('异议内容至少5个字').waitFor();

    await object(w, { item: item.name, name: '赵群众', content: '该支部书记去年有违规操办宴席的情况，请核查。' });
    await w.page.getByText('异议已受理').waitFor();
    await w.page.getByText(new RegExp(`您对“${item.name}”提出的异议已转发布公示的党委核查`)).waitFor();
    await w.page.getByText(/核查人员可能通过您留下的联系方式与您联系/).waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('objection-lodged-named');

    await w.page.getByRole('button', { name: '返回公示' }).click();
    await w.page.getByText(/已收到异议 1 件/).waitFor();
    await object(w, { item: item.name, content: '该支部组织生活记录存在补记现象。' });
    await w.page.getByText('异议已受理').waitFor();
    await w.page.getByText(/您选择了匿名反映/).waitFor();
    await w.screenshot('objection-lodged-anonymous');

    // The server's record: one named, one anonymous.
    const detail = (await browser.sys().http.get(`/notices/${noticeId}`).set(await reviewer()).expect(200)).body;
    expect(detail.objectionDetails.map((o: { anonymous: boolean; name: string | null }) => [o.anonymous, o.name]).sort()).toEqual([
      [false, '赵群众'],
      [true, null],
    ]);
    await w.page.getByRole('button', { name: '返回公示' }).click();
    await w.page.getByText(/已收到异议 2 件/).waitFor();
  });
});

/** Past the rate limit — after both sizes' objections above, which share the one address. */
describe.each(browser.sizes)('the public notice past the rate limit (%s)', (viewport) => {
  it('refuses an objection past the rate limit in Chinese, and what was typed stays', async () => {
    const { id: noticeId, item } = await noticeOf(viewport);
    const w = await browser.newPage(viewport);
    await w.open(`/notices/${noticeId}`);
    await w.page.getByRole('heading', { name: '泰山区“泰山先锋”红旗党支部推荐对象公示' }).waitFor();
    // Whatever is left of the address's allowance (none, after the objections above) is used up over HTTP from the same address.
    let status = 0;
    for (let n = 0; n <= 4 && status !== 429; n++) {
      const res = await browser.sys().http.post(`/public/notices/${noticeId}/objections`).send({ anonymous: true, itemId: item.id, content: `补充反映第${n + 1}条：组织生活记录不全。` });
      status = res.status;
      expect([201, 429]).toContain(status);
    }
    expect(status).toBe(429);

    w.expectRefusal(429, new RegExp(`^/public/notices/${noticeId}/objections$`));
    await object(w, { item: item.name, content: '再次反映：该支部党费收缴不及时。' });
    await w.page.getByRole('alert').filter({ hasText: '请求过于频繁，请稍后再试' }).waitFor();
    expect(await w.page.getByLabel('异议内容').inputValue()).toBe('再次反映：该支部党费收缴不及时。');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('objection-rate-limited');
  });
});
