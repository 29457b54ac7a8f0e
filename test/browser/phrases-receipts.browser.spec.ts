import { OrganisationEntity } from '../../libs/persistence/src';
import { useBrowser } from '../support/browser';
import { sampleForm } from '../support/fixtures';
import { eventually } from '../support/workflow-harness';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser();

/**
 * Each size with a branch and a grassroots reviewer of its own: a nomination per branch and year, and the reviewer's
 * own phrases, which the test changes.
 */
const PEOPLE = { phone: { branch: 'tsq-cyjd-b01', reviewer: 'tsq-cyjd.reviewer' }, desk: { branch: 'tsq-dmjd-b11', reviewer: 'tsq-dmjd.reviewer' } } as const;

/**
 * 常用意见 and 已读/未读 through the screens, walked at a desk's size (every screen drawn at a phone's too): a branch secretary's nomination shows
 * 未读 until the grassroots reviewer opens its task, then 已读 with who and when; the reviewer fills the opinion
 * from a phrase, keeps a phrase of their own in the "管理常用意见" dialog, and approves with it.
 */
describe.each(browser.sizes)('opinion phrases and read receipts (%s)', (viewport) => {
  const { branch: branchCode, reviewer: reviewerName } = PEOPLE[viewport];
  const http = () => browser.sys().http;
  const auth = async (username: string) => ({ authorization: `Bearer ${await browser.sys().login(username)}` });

  it('the submitter sees 未读, then 已读 once the reviewer opens the task; the reviewer decides with an opinion phrase', async () => {
    const ds = browser.sys().db.dataSource;
    const branch = await ds.getRepository(OrganisationEntity).findOneByOrFail({ code: branchCode });
    const submitted = await http()
      .post('/nominations')
      .set(await auth(`${branchCode}.secretary`))
      .send({ branchId: branch.id, campaignYear: new Date().getFullYear(), form: sampleForm() })
      .expect(201);
    const nominationId = submitted.body.id as string;
    const taskId = submitted.body.openTasks[0].id as string;
    const [reviewerUser] = await ds.query(`SELECT display_name FROM users WHERE username = $1`, [reviewerName]);

    // The secretary: nobody has opened the review yet.
    const secretary = await browser.newPage(viewport);
    await secretary.signIn(`${branchCode}.secretary`);
    await secretary.open(`/nominations/${nominationId}`);
    const receipt = secretary.page.getByRole('region', { name: '办理进度' }).getByTestId('path-current').getByTestId('receipt');
    await receipt.filter({ hasText: '未读' }).waitFor();
    expect(await secretary.horizontalOverflow()).toBeLessThanOrEqual(0);
    await secretary.screenshot('receipt-unread');

    // The reviewer opens the task: that is the open the secretary sees.
    const reviewer = await browser.newPage(viewport);
    await reviewer.signIn(reviewerName);
    await reviewer.open(`/tasks/${taskId}`);
    await reviewer.page.getByText('推荐申报（附件3）').waitFor();

    await secretary.page.reload();
    await receipt.filter({ hasText: new RegExp(`^\\s*已读（${reviewerUser.display_name} \\S`) }).waitFor();
    expect(await receipt.textContent()).not.toContain('未读');
    expect(await secretary.horizontalOverflow()).toBeLessThanOrEqual(0);
    await secretary.screenshot('receipt-read');

    // A default phrase for 同意 fills the opinion field.
    const opinion = reviewer.page.getByLabel('办理意见');
    const phrases = reviewer.page.getByRole('group', { name: '常用意见' });
    await reviewer.page.getByText('同意', { exact: true }).click();
    await phrases.getByRole('button', { name: '情况属实，同意上报' }).click();
    expect(await opinion.inputValue()).toBe('情况属实，同意上报');
    // 退回修改 offers its own.
    await reviewer.page.getByText('退回修改', { exact: true }).click();
    await phrases.getByRole('button', { name: '材料不全，请补充后重新报送' }).waitFor();
    await phrases.getByRole('button', { name: '情况属实，同意上报' }).waitFor({ state: 'detached' });
    await reviewer.page.getByText('同意', { exact: true }).click();
    expect(await reviewer.horizontalOverflow()).toBeLessThanOrEqual(0);
    await reviewer.screenshot('opinion-phrases');

    // A phrase of the reviewer's own, kept on the server.
    await phrases.getByRole('button', { name: '管理常用意见' }).click();
    const dialog = reviewer.page.getByRole('dialog', { name: '管理常用意见（同意）' });
    await dialog.getByLabel('新的常用意见').fill('经党委集体研究，同意推荐');
    await dialog.getByRole('button', { name: /添\s*加$/ }).click();
    await dialog.getByText('经党委集体研究，同意推荐').waitFor();
    await dialog.getByRole('button', { name: '删除：同意推荐' }).click();
    await reviewer.screenshot('opinion-phrases-manage');
    await dialog.getByRole('button', { name: /^(loading )?保\s*存$/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await phrases.getByRole('button', { name: '同意推荐', exact: true }).waitFor({ state: 'detached' });
    await phrases.getByRole('button', { name: '经党委集体研究，同意推荐' }).click();
    expect(await opinion.inputValue()).toBe('经党委集体研究，同意推荐');
    const kept = await ds.query(
      `SELECT p.text FROM opinion_phrases p JOIN users u ON u.id = p.user_id WHERE u.username = $1 AND p.decision = 'approve' ORDER BY p.position`,
      [reviewerName],
    );
    expect(kept.map((r: { text: string }) => r.text)).toEqual(['情况属实，同意上报', '经党委集体研究，同意推荐']);

    // The decision goes through with the phrase as its opinion.
    await reviewer.page.getByRole('button', { name: /提交“/ }).click();
    const ok = reviewer.page.getByRole('button', { name: '确认提交' });
    await ok.click();
    await ok.waitFor({ state: 'detached' });
    await reviewer.page.getByRole('heading', { name: '我的待办' }).waitFor();
    const [task] = await eventually(
      () => ds.query(`SELECT status, outcome, opinion FROM tasks WHERE id = $1`, [taskId]),
      (rows: Array<{ status: string }>) => rows[0]?.status !== 'open',
    );
    expect(task).toEqual({ status: 'completed', outcome: 'approve', opinion: '经党委集体研究，同意推荐' });
    const stored = (await http().get(`/nominations/${nominationId}`).set(await auth(`${branchCode}.secretary`)).expect(200)).body;
    expect(stored.status).toBe('approved');
  });
});
