import { VIEWPORT_NAMES, useBrowser } from '../support/browser';

const WUJIN_NAME = '武进区党支部规范化建设考核细则';
const DISCREPANCY = '活动开展有序：细则声明30分，所列条目合计32分；按所列条目计分';

// One system for the file, shared by both sizes: each size's page has its own browser context.
const browser = useBrowser({}, { walk: VIEWPORT_NAMES });

/** Each size adds a veto item of its own, as the next version of the one rubric they share. */
const VETO = {
  phone: { code: 'no_members_meeting', text: '全年未召开支部党员大会' },
  desk: { code: 'no_party_lessons', text: '全年未按规定讲授党课' },
} as const;

/** 考核细则 through its screens: the printed discrepancy shown, a veto item added as a new version, a duplicate refused. */
describe.each(browser.sizes)('rubric administration (%s)', (viewport) => {
  const veto = VETO[viewport];

  it("the department's administrator sees the discrepancy, adds a veto item as the next version, and is refused a duplicate with the typed text kept", async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('admin');
    if (viewport === 'phone') await w.page.getByRole('button', { name: '打开导航' }).click();
    await w.page.getByRole('menuitem', { name: /考核细则/ }).click();
    await w.page.getByRole('heading', { name: '考核细则' }).waitFor();
    await w.page.getByText('声明100分，条目合计102分').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('rubrics');

    await w.page.getByRole('link', { name: WUJIN_NAME }).click();
    await w.page.getByRole('heading', { name: WUJIN_NAME }).waitFor();
    await w.page.getByRole('alert').filter({ hasText: DISCREPANCY }).waitFor();
    await w.page.getByText('32（与声明不符）').waitFor();
    await w.page.getByText('党支部书记缺职').waitFor();
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('rubric');

    // The form's own rules first: nothing is sent.
    await w.page.getByLabel('编码').fill('Bad Code');
    await w.page.getByRole('button', { name: /^添\s*加$/ }).click();
    await w.page.getByText('编码须以小写字母开头，由2至50位小写字母、数字或下划线组成').waitFor();

    const [{ latest }] = await browser.sys().db.dataSource.query(`SELECT max(version)::int AS latest FROM rubrics WHERE code = 'wujin-branch-standardisation'`);
    const next = latest + 1;
    await w.page.getByLabel('编码').fill(veto.code);
    await w.page.getByLabel('情形内容').fill(veto.text);
    await w.page.getByRole('button', { name: /^添\s*加$/ }).click();
    const confirm = w.page.getByRole('dialog', { name: '确认添加一票否决情形' });
    await confirm.getByText(`将写入《${WUJIN_NAME}》第${next}版`).waitFor();
    await confirm.getByRole('button', { name: '确认添加' }).click();
    await w.page.getByText(`已添加一票否决情形，考核细则更新为第${next}版`).waitFor();
    await w.page.getByRole('listitem').filter({ hasText: veto.text }).waitFor();
    await w.page.getByText(`第${next}版`, { exact: true }).waitFor();
    await expect(w.page.getByLabel('编码').inputValue()).resolves.toBe('');

    // A code already used: the server refuses, naming the item; what was typed stays.
    await w.page.getByLabel('编码').fill('secretary_vacant');
    await w.page.getByLabel('情形内容').fill('党支部书记长期不在岗');
    // After a request the spinner's leave animation can linger invisible (width 0) in the button, still named "loading".
    await w.page.getByRole('button', { name: /^(loading )?添\s*加$/ }).click();
    w.expectRefusal(409, /^\/rubrics\/[^/]+\/veto-items$/);
    await confirm.getByRole('button', { name: '确认添加' }).click();
    await w.page.getByRole('alert').filter({ hasText: '编码 secretary_vacant 已用于一票否决情形“党支部书记缺职”' }).waitFor();
    await expect(w.page.getByLabel('编码').inputValue()).resolves.toBe('secretary_vacant');
    await expect(w.page.getByLabel('情形内容').inputValue()).resolves.toBe('党支部书记长期不在岗');
    expect(await w.horizontalOverflow()).toBeLessThanOrEqual(0);
    await w.screenshot('rubric-veto-refused');

    // Version 1 is still there as it was.
    await w.choose(w.page.getByLabel('版本', { exact: true }), '第1版');
    await w.page.getByText('历史版本').waitFor();
    await expect(w.page.getByRole('listitem').filter({ hasText: veto.text }).count()).resolves.toBe(0);
  });

  it('a department head reads the rubric and its discrepancy, without the form', async () => {
    const w = await browser.newPage(viewport);
    await w.signIn('head');
    await w.open('/rubrics/wujin-branch-standardisation');
    await w.page.getByRole('alert').filter({ hasText: DISCREPANCY }).waitFor();
    await expect(w.page.getByRole('form', { name: '添加一票否决情形' }).count()).resolves.toBe(0);
  });
});
