import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import ExcelJS from 'exceljs';
import { startSimulatedCampaign } from '../../../apps/simulate/src/campaign-days';
import { type SimulationStack, startSimulationStack } from '../../../apps/simulate/src/stack';
import { skipTime } from '../../../apps/simulate/src/time-skipping';
import { campaignWorkflowId, obligationScheduleWorkflowId } from '../../../libs/contracts/src';
import { addTree, liangshanDemoTree, liangshanDemoUsers } from '../../../libs/persistence/src';
import { liangshanCommitteeWorkflowId, liangshanScheduleId } from '../../../libs/processes/src/liangshan';
import { simulatedYearDatabase } from '../../support/simulated-year';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers
type Json = any;

/**
 * A month of Liangshan's responsibility list (PROCESSES.md §5) on the
 * time-skipping server with the real worker, PostgreSQL and the API over
 * HTTP, each role acting as it would: the organisation department's
 * administrator starts the year on the seed's list; in January the 州科协
 * branch's responsible people record the month's members' meeting (with who
 * attended) on time and leave the committee meeting; they are reminded before
 * it is due; once it is late its responsible leader (the branch secretary)
 * and the committee above are told and the department head sees the branch
 * behind; it is then completed late, and the branch's page shows both
 * parties, the lateness and the figures computed from the records.
 */
describe('a month of Liangshan items as each role acts (time-skipping server, HTTP)', () => {
  const db = simulatedYearDatabase('liangshan');
  let stack: SimulationStack;
  let campaignId: string;
  let year: number;
  const org: Record<string, string> = {};
  const seen: Record<string, { status: number; body: Json }> = {};
  let xlsx: ExcelJS.Worksheet[] = [];

  const as = async (code: string, role: string) => stack.tokenFor(org[code]!, role);
  const call = async (method: string, url: string, token: string, body?: unknown) => stack.api.call(method, url, token, body) as Promise<{ status: number; body: Json }>;
  const skipTo = async (isoChina: string) => skipTime(stack.env, Math.max(Date.parse(isoChina) - (await stack.env.currentTimeMs()), 0));
  /** Waits for what the workflows write at the instant the clock reached (their activities run after the skip). */
  const until = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
    for (let i = 0; i < 600; i++) {
      const v = await read();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`never happened: ${what}`);
  };
  const tasksOf = async (token: string) => ((await call('GET', '/tasks?limit=100', token)).body as { items: Array<{ id: string; title: string; kind: string }> }).items;
  const notificationsOf = async (token: string) => (await call('GET', '/notifications', token)).body as Array<{ kind: string; message: string; taskId: string }>;

  beforeAll(async () => {
    await db.create();
    stack = await startSimulationStack({ ...db.simulation, seed: 1 }, (owner) => addTree(owner, liangshanDemoTree(), liangshanDemoUsers));
    for (const code of ['ls-zzb', 'ls-zzgw', 'ls-zzgw-kx', 'ls-zzgw-cz', 'ls-jy']) org[code] = await stack.orgId(code);

    // The administrator: the seed's list is the year's, then the year starts.
    const admin = await as('ls-zzb', 'administrator');
    ({ campaignId, year } = await startSimulatedCampaign(stack, { process: 'liangshan', admin, years: 2 }));
    seen.list = await call('GET', `/liangshan/lists/${year}`, admin);

    // January: the month's items open for each branch's responsible people.
    await skipTo(`${year}-01-01T01:00:00+08:00`);
    const staff = await as('ls-zzgw-kx', 'submitter');
    const january = await until('January items open', async () => {
      const t = await tasksOf(staff);
      return t.some((x) => x.title === `支委会（${year}年1月）`) && t.some((x) => x.title === `支部大会、党建月会、主题党日等（${year}年1月）`) ? t : undefined;
    });
    seen.januaryTitles = { status: 200, body: january.map((t) => t.title).sort() };
    const committeeMeeting = january.find((t) => t.title === `支委会（${year}年1月）`)!;
    const membersMeeting = january.find((t) => t.title === `支部大会、党建月会、主题党日等（${year}年1月）`)!;
    seen.membersMeetingTask = await call('GET', `/tasks/${membersMeeting.id}`, staff);
    // The members' meeting takes its record: refused without who attended, then recorded.
    seen.withoutRecord = await call('POST', `/tasks/${membersMeeting.id}/decision`, staff, { decision: 'completed', opinion: '', data: { evidence: '主题党日：集中学习党章' } });
    seen.membersMeeting = await call('POST', `/tasks/${membersMeeting.id}/decision`, staff, {
      decision: 'completed',
      opinion: '',
      data: { evidence: '主题党日：集中学习党章，签到表和照片已上传', heldOn: `${year}-01-20`, attendees: 16, collectiveStudy: true, leadingCadres: ['杨斌', '黄春莉', '李勇'] },
    });
    // The responsible leader oversees; the item is not theirs to record.
    seen.leaderRecords = await call('POST', `/tasks/${committeeMeeting.id}/decision`, await as('ls-zzgw-kx', 'reviewer'), { decision: 'completed', opinion: '', data: { evidence: '支委会记录' } });

    // Five days before the committee meeting is due, its people are reminded.
    await skipTo(`${year}-01-27T01:00:00+08:00`);
    seen.reminders = { status: 200, body: await until('reminder', async () => {
      const n = (await notificationsOf(staff)).filter((x) => x.kind === 'reminder' && x.taskId === committeeMeeting.id);
      return n.length ? n : undefined;
    }) };

    // Late: the leader and the committee above are told; the department head sees who is behind.
    await skipTo(`${year}-02-01T01:00:00+08:00`);
    seen.leaderTold = { status: 200, body: await until('leader told', async () => {
      const n = (await notificationsOf(await as('ls-zzgw-kx', 'reviewer'))).filter((x) => x.taskId === committeeMeeting.id && x.kind !== 'task_opened');
      return n.length ? n : undefined;
    }) };
    seen.committeeTold = { status: 200, body: (await notificationsOf(await as('ls-zzgw', 'reviewer'))).filter((x) => x.taskId === committeeMeeting.id && x.kind !== 'task_opened') };
    seen.partyGroupLeader = { status: 200, body: (await notificationsOf(await as('ls-zzgw-kx', 'committee_member'))).filter((x) => x.taskId === committeeMeeting.id && x.kind !== 'task_opened') };
    seen.occurrence = await call('GET', `/obligations/occurrences/${committeeMeeting.id}`, staff);
    seen.headDashboard = await call('GET', `/campaigns/${campaignId}/dashboard`, await as('ls-zzb', 'department_head'));
    seen.committeeDashboard = await call('GET', `/campaigns/${campaignId}/dashboard`, await as('ls-zzgw', 'department_head'));

    // Completed late, with its evidence.
    seen.late = await call('POST', `/tasks/${committeeMeeting.id}/decision`, staff, { decision: 'completed', opinion: '', data: { evidence: '支委会补开，会议记录已上传' } });
    seen.page = await until('the late completion recorded', async () => {
      const page = await call('GET', `/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, await as('ls-zzgw-kx', 'committee_member'));
      return page.body.figures?.late === 1 ? page : undefined;
    });
    seen.otherBranch = await call('GET', `/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, await as('ls-zzgw-cz', 'submitter'));
    seen.otherCommittee = await call('GET', `/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}`, await as('ls-jy', 'reviewer'));
    const file = await stack.api.download(`/campaigns/${campaignId}/liangshan/branches/${org['ls-zzgw-kx']}/responsibility-list.xlsx`, await as('ls-zzgw', 'department_head'));
    seen.xlsx = { status: file.status, body: file.type };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    xlsx = wb.worksheets;

    if (process.env.RECORD_HISTORIES === '1') {
      const dir = path.resolve(__dirname, '../../replay/histories');
      mkdirSync(dir, { recursive: true });
      for (const [name, id] of [
        ['liangshanYear.month.json', campaignWorkflowId(campaignId)],
        ['liangshanCommitteeYear.month.json', liangshanCommitteeWorkflowId(campaignId, org['ls-zzgw']!)],
        ['obligationSchedule.responsibility-list-month.json', obligationScheduleWorkflowId(liangshanScheduleId(campaignId, org['ls-zzgw-kx']!, year))],
      ] as const) {
        writeFileSync(path.join(dir, name), historyToJSON(await stack.client.workflow.getHandle(id).fetchHistory()));
      }
    }
  }, 600_000);

  afterAll(async () => {
    await stack?.stop();
    await db.drop();
  });

  it("starts on the seed's list of 25 items and opens January's for the branch's responsible people (records history)", () => {
    expect(seen.list!.body).toMatchObject({ year, source: 'seed', version: 0 });
    expect(seen.list!.body.items).toHaveLength(25);
    const titles: string[] = seen.januaryTitles!.body;
    expect(titles).toEqual(expect.arrayContaining([`支委会（${year}年1月）`, `支部大会、党建月会、主题党日等（${year}年1月）`, `党员交心谈心（${year}年11月30日前）`, `党费收缴（${year}年）`]));
    // Not yet: March's plan, December's rating, the democratic review of December or January.
    expect(titles.some((t) => t.startsWith('支部工作计划') || t.startsWith('“星级党员”创建') || t.startsWith('专题组织生活会'))).toBe(false);
  });

  it("takes the members' meeting's record on its form: refused in Chinese without who attended, then kept", () => {
    const schema = seen.membersMeetingTask!.body.formSchema;
    expect(Object.keys(schema.properties).sort()).toEqual(['attendees', 'collectiveStudy', 'evidence', 'heldOn', 'leadingCadres']);
    expect(seen.withoutRecord!.status).toBe(422);
    expect(seen.withoutRecord!.body.code).toBe('INVALID_FORM_DATA');
    expect(seen.withoutRecord!.body.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(seen.membersMeeting!.status).toBe(200);
    expect(seen.leaderRecords!.status).toBe(403);
  });

  it('reminds the responsible people before the due date; once late, tells the responsible leader and the committee above, not the other leader', () => {
    expect(seen.reminders!.body[0].message).toBe(`即将到期（${year}-01-31）：支委会（${year}年1月）`);
    expect(seen.leaderTold!.body.map((n: { kind: string; message: string }) => [n.kind, n.message])).toEqual([['escalation', `逾期未完成：支委会（${year}年1月）`]]);
    expect(seen.committeeTold!.body).toHaveLength(1);
    expect(seen.partyGroupLeader!.body).toEqual([]);
    // The task's subject: both parties with the occurrence.
    expect(seen.occurrence!.body).toMatchObject({ title: '支委会', status: 'overdue', leader: '支部书记', responsible: '支委委员' });
  });

  it('shows the department head who is behind this month, and the committee its own branches only', () => {
    const head = seen.headDashboard!.body;
    expect(head.list.month).toBe(`${year}-02`);
    const kx = head.list.behind.find((b: { branchName: string }) => b.branchName === '凉山州科学技术协会党支部');
    expect(kx.items.map((i: { title: string; leaderLabel: string; responsible: string }) => [i.title, i.leaderLabel, i.responsible])).toEqual([['支委会', '支部书记', '支委委员']]);
    // The other branches did nothing in January: both monthly items are late for each.
    expect(head.list.behind.filter((b: { overdue: number }) => b.overdue === 2)).toHaveLength(4);
    expect(head.list.committees).toHaveLength(2);
    expect(head.thresholds.branches).toHaveLength(5);
    const committee = seen.committeeDashboard!.body;
    expect(committee.list.behind.map((b: { branchName: string }) => b.branchName).sort()).toEqual(['凉山州卫生健康委员会机关党支部', '凉山州科学技术协会党支部', '凉山州财政局机关党支部'].sort());
  });

  it("completes the late item with evidence: the branch's page shows both parties on every item, the lateness, and thresholds from the records", () => {
    expect(seen.late!.status).toBe(200);
    const page = seen.page!.body;
    expect(page.figures).toMatchObject({ due: 2, onTime: 1, late: 1, missed: 0 });
    for (const item of page.items) {
      expect(item.leaderLabel).toMatch(/^(党组书记|支部书记)$/);
      expect(item.responsible.length).toBeGreaterThan(0);
    }
    const l03 = page.items.find((i: { code: string }) => i.code === 'L03');
    expect(l03.occurrences[0]).toMatchObject({ label: `${year}年1月`, status: 'completed', completedLate: true, evidence: '支委会补开，会议记录已上传' });
    const l04 = page.items.find((i: { code: string }) => i.code === 'L04');
    expect(l04.occurrences[0]).toMatchObject({ status: 'completed', completedLate: false, recordKind: 'liangshan_session', record: { attendees: 16, collectiveStudy: true } });
    const study = page.thresholds.find((t: { key: string }) => t.key === 'studySessions');
    expect(study).toMatchObject({ figure: 1, target: 12, met: false });
    const life = page.thresholds.find((t: { key: string }) => t.key === 'organisationLife');
    expect(life).toMatchObject({ figure: 1, target: 6, met: false, basis: '李勇1次、杨斌1次、黄春莉1次' });
    expect(seen.otherBranch!.status).toBe(404);
    expect(seen.otherCommittee!.status).toBe(404);
  });

  it('downloads the responsibility list with its status as .xlsx', () => {
    expect(seen.xlsx!.status).toBe(200);
    const [list, thresholds] = xlsx;
    expect(list!.name).toBe('责任清单');
    const cells = (r: number) => Array.from({ length: 6 }, (_, c) => String(list!.getCell(r, c + 1).value ?? ''));
    expect(cells(3)).toEqual(['序号', '重点工作', '责任领导', '责任人', '完成时限', '完成情况']);
    expect(cells(6)).toEqual(['3', '支委会', '支部书记', '支委委员', '每月1次', `${year}年1月：已完成（逾期完成）\n${year}年2月：办理中`]);
    expect(list!.rowCount).toBe(3 + 25);
    expect(thresholds!.getCell(4, 2).value).toBe('班子满意率');
  });
});

