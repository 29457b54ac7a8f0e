import { randomUUID } from 'node:crypto';
import { chinaDate } from '../../../libs/domain/src';
import { type TestSystem, useSystem } from '../../support/system';
import { eventually } from '../../support/workflow-harness';

const CHINESE = /[\u4e00-\u9fa5]/;
const ADMIN = 'zb-jgdw.admin'; // the bureau committee's office: runs the year
const BUREAU = 'zb.reviewer'; // the bureau committee (局党委): approves and accepts projects
const SECRETARY = 'zb-bgs.secretary'; // 局办公室党支部
const OTHER_SECRETARY = 'zb-gxk.secretary'; // 高新技术发展科党支部, a sibling branch
const OUTSIDER = 'wj-zzb.reviewer'; // another tree

/**
 * Zibo's party-building project over HTTP as each role acts, on the real
 * worker, Temporal and PostgreSQL: the office starts the year; the branch
 * collects its members' proposals, screens them at the branch committee and
 * at the members' meeting, submits the project; the bureau committee returns
 * it with an opinion, the branch revises it, the bureau approves it; the
 * branch reports progress with evidence until it is carried out; the bureau
 * fails it at acceptance with its opinion. Every step goes through the one
 * task path; each refusal is a Chinese 4xx that changes nothing. Then a
 * counted obligation (group meeting, 1–2 a month) takes records on the same
 * path, the third flagged past the maximum.
 */
describe("Zibo's party-building project end to end", () => {
  const system = useSystem();
  const { auth } = system;
  let sys: TestSystem;
  let campaignId: string;
  const year = Number(chinaDate(new Date()).slice(0, 4));
  const q = (sql: string, params: unknown[] = []) => sys.db.dataSource.query(sql, params);
  // What a refusal must leave alone (the audit rows people caused: the workflows open and mark work meanwhile).
  const fingerprint = async () =>
    JSON.stringify(
      await q(
        `SELECT (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM zibo_projects t) AS projects,
                (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM zibo_proposals t) AS proposals,
                (SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM obligation_records t) AS records,
                (SELECT count(*) FROM tasks WHERE status = 'completed') AS done,
                (SELECT count(*) FROM audit_log WHERE actor_id IS NOT NULL) AS audit`,
      ),
    );
  /** The caller's open task of this kind in this campaign, once the workflow has opened it. */
  const taskOf = async (as: string, kind: string) => {
    const res = await eventually(
      async () => sys.http.get('/tasks').query({ kind, limit: 100 }).set(await auth(as)),
      (r) => r.status === 200 && r.body.items.some((t: { campaignId?: string; kind: string }) => t.kind === kind),
    );
    return res.body.items.find((t: { kind: string }) => t.kind === kind) as { id: string; title: string };
  };
  const decide = async (as: string, taskId: string, body: object, status = 200) =>
    sys.http
      .post(`/tasks/${taskId}/decision`)
      .set(await auth(as))
      .set('Idempotency-Key', randomUUID())
      .send(body)
      .expect(status);
  /** A refusal: its status, a Chinese message, and nothing changed. */
  const refused = async (as: string, taskId: string, body: object, status: number) => {
    const before = await fingerprint();
    const res = await decide(as, taskId, body, status);
    expect(res.body.message).toMatch(CHINESE);
    expect(await fingerprint()).toBe(before);
    return res.body;
  };

  beforeAll(async () => {
    sys = system.sys();
    // The year of the run (its calendar is seeded); the flag date at its end, so no branch is flagged while the test acts.
    const created = await sys.http.post('/campaigns').set(await auth(ADMIN)).send({ process: 'zibo', year, parameters: { projectApprovedBy: '12-31' } }).expect(201);
    campaignId = created.body.id;
    await sys.http.post(`/campaigns/${campaignId}/start`).set(await auth(ADMIN)).expect(200);
  });

  it('a project goes from the members’ proposals to acceptance: returned once at approval, failed at acceptance', async () => {
    // 征集: every member may propose; the secretary files what was collected.
    const collect = await taskOf(SECRETARY, 'zibo_project_proposals');
    const detail = (await sys.http.get(`/tasks/${collect.id}`).set(await auth(SECRETARY)).expect(200)).body;
    expect(detail.formSchema.properties.proposals).toBeDefined();
    expect(detail.availableActions.find((a: { type: string }) => a.type === 'decide').outcomes.map((o: { value: string }) => o.value)).toEqual(['submitted']);
    expect((await refused(SECRETARY, collect.id, { decision: 'submitted', data: { proposals: [] } }, 422)).code).toBe('INVALID_FORM_DATA');
    await refused(BUREAU, collect.id, { decision: 'submitted', data: { proposals: [{ proposer: '局党委', title: '代报', content: '越权' }] } }, 403);
    await refused(OTHER_SECRETARY, collect.id, { decision: 'submitted', data: { proposals: [{ proposer: '他人', title: '代报', content: '越权' }] } }, 404);
    await refused(OUTSIDER, collect.id, { decision: 'submitted', data: { proposals: [{ proposer: '他人', title: '代报', content: '越权' }] } }, 404);
    await decide(SECRETARY, collect.id, {
      decision: 'submitted',
      data: {
        proposals: [
          { proposer: '张明', title: '科技服务进企业', content: '党员带头走访科技型中小企业，帮助解决技术难题' },
          { proposer: '李华', title: '政策宣讲小分队', content: '党员组成宣讲队，讲解科技创新扶持政策' },
          { proposer: '王芳', title: '机关读书角', content: '在机关设立党员读书角，每月共读一本书' },
        ],
      },
    });

    // 支委会 screens, then 党员大会 picks one.
    const committee = await taskOf(SECRETARY, 'zibo_committee_screening');
    const offered = (await sys.http.get(`/tasks/${committee.id}`).set(await auth(SECRETARY)).expect(200)).body.formSchema.properties.chosen.items.enum as string[];
    expect(offered).toHaveLength(3);
    const proposals = (await q(`SELECT id, title FROM zibo_proposals WHERE campaign_id = $1`, [campaignId])) as Array<{ id: string; title: string }>;
    const service = proposals.find((p) => p.title === '科技服务进企业');
    const lectures = proposals.find((p) => p.title === '政策宣讲小分队');
    await refused(SECRETARY, committee.id, { decision: 'submitted', data: { chosen: [randomUUID()], attendees: '支委5人', minutes: '讨论' } }, 422);
    await decide(SECRETARY, committee.id, { decision: 'submitted', data: { chosen: [service!.id, lectures!.id], attendees: '支部委员5人', minutes: '支委会研究，筛选出两个项目提交党员大会' } });
    const members = await taskOf(SECRETARY, 'zibo_members_screening');
    const twoPicked = await refused(SECRETARY, members.id, { decision: 'submitted', data: { chosen: [service!.id, lectures!.id], attendees: '党员9人', minutes: '讨论' } }, 422);
    expect(twoPicked.message).toContain('党员大会确定一个项目');
    await decide(SECRETARY, members.id, { decision: 'submitted', data: { chosen: [service!.id], attendees: '全体党员9人', minutes: '党员大会表决，确定“科技服务进企业”为本年度党建项目' } });

    // 审核: returned with an opinion, revised, approved.
    const approval = await taskOf(BUREAU, 'zibo_project_approval');
    expect(approval.title).toContain('科技服务进企业');
    // The bureau's task is above the branch: outside the secretary's subtree.
    await refused(SECRETARY, approval.id, { decision: 'approve' }, 404);
    expect((await refused(BUREAU, approval.id, { decision: 'return' }, 422)).message).toMatch(CHINESE);
    await decide(BUREAU, approval.id, { decision: 'return', opinion: '请明确走访企业数量和服务成效指标' });
    const [returned] = await eventually(
      () => q(`SELECT status, returns, opinion FROM zibo_projects WHERE campaign_id = $1`, [campaignId]),
      (rows: Array<{ status: string }>) => rows[0]?.status === 'returned',
    );
    expect(returned).toEqual({ status: 'returned', returns: 1, opinion: '请明确走访企业数量和服务成效指标' });
    const revision = await taskOf(SECRETARY, 'zibo_project_revision');
    await decide(SECRETARY, revision.id, { decision: 'submitted', data: { title: '科技服务进企业（走访30家）', content: '全年走访科技型中小企业30家，帮助解决技术难题不少于10个' } });
    const again = await taskOf(BUREAU, 'zibo_project_approval');
    expect(again.title).toContain('走访30家');
    await decide(BUREAU, again.id, { decision: 'approve', opinion: '同意实施' });

    // 实施: progress with evidence, then carried out.
    const progress = await taskOf(SECRETARY, 'zibo_project_progress');
    await refused(SECRETARY, progress.id, { decision: 'submitted', data: { progress: '已走访12家', evidence: '走访记录' } }, 422);
    await decide(SECRETARY, progress.id, { decision: 'submitted', data: { progress: '已走访12家企业', evidence: '走访记录12份、照片30张', finished: false } });
    const last = await eventually(
      async () => sys.http.get('/tasks').query({ kind: 'zibo_project_progress' }).set(await auth(SECRETARY)),
      (r) => r.body.items.some((t: { id: string }) => t.id !== progress.id),
    );
    const final = last.body.items.find((t: { id: string }) => t.id !== progress.id);
    await decide(SECRETARY, final.id, { decision: 'submitted', data: { progress: '全年走访31家企业，解决技术难题11个', evidence: '走访台账、企业反馈表', finished: true } });

    // 验收: failed, with the bureau's opinion.
    const acceptance = await taskOf(BUREAU, 'zibo_project_acceptance');
    expect((await refused(BUREAU, acceptance.id, { decision: 'fail' }, 422)).message).toMatch(CHINESE);
    await decide(BUREAU, acceptance.id, { decision: 'fail', opinion: '服务成效缺少企业评价佐证，验收不合格' });
    const [project] = await eventually(
      () => q(`SELECT id, status, title, version, returns, opinion, approved_at IS NOT NULL AS approved FROM zibo_projects WHERE campaign_id = $1`, [campaignId]),
      (rows: Array<{ id: string; status: string }>) => rows[0]?.status === 'failed',
    );
    expect(project).toMatchObject({ status: 'failed', title: '科技服务进企业（走访30家）', version: 2, returns: 1, opinion: '服务成效缺少企业评价佐证，验收不合格', approved: true });
    const steps = await q(`SELECT step, outcome FROM zibo_project_steps WHERE campaign_id = $1 AND step NOT IN ('plan', 'standard') ORDER BY at, step`, [campaignId]);
    expect(steps.map((s: { step: string; outcome: string }) => `${s.step}:${s.outcome}`)).toEqual([
      'proposals:submitted',
      'committee_screening:screened',
      'members_screening:screened',
      'submission:submitted',
      'approval:returned',
      'submission:submitted',
      'approval:approved',
      'progress:in_progress',
      'progress:in_progress',
      'acceptance:failed',
    ]);
    const audited = await q(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [project.id]);
    expect(audited.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['zibo.project.returned', 'zibo.project.approved', 'zibo.project.failed']));
  });

  it('a counted duty takes records through the same task path, one or several at once: done at the minimum, the record past the maximum flagged', async () => {
    const today = chinaDate(new Date());
    const [occ] = await eventually<Array<{ id: string }>>(
      () =>
        q(
          `SELECT x.id FROM obligation_occurrences x JOIN organisations o ON o.id = x.organisation_id
            WHERE o.code = 'zb-bgs' AND x.obligation_code = 'group_meeting' AND x.period_start <= $1 AND x.due_date >= $1 AND x.schedule_id LIKE $2`,
          [today, `zibo-${campaignId}-%`],
        ),
      (rows: unknown[]) => rows.length === 1,
    );
    const detail = (await sys.http.get(`/tasks/${occ.id}`).set(await auth(SECRETARY)).expect(200)).body;
    expect(detail.availableActions.find((a: { type: string }) => a.type === 'decide').outcomes.map((o: { value: string }) => o.value)).toEqual(['recorded']);
    expect(Object.keys(detail.formSchema.properties).sort()).toEqual(['attendees', 'date', 'minutes', 'more']);
    const record = { date: today, attendees: '第一党小组7人', minutes: '学习党章第二章，讨论本月工作' };
    await refused(SECRETARY, occ.id, { decision: 'recorded', data: { ...record, hours: 2 } }, 422);
    await refused(SECRETARY, occ.id, { decision: 'recorded', data: { ...record, minutes: ' ' } }, 422);
    await refused(OTHER_SECRETARY, occ.id, { decision: 'recorded', data: record }, 404);
    await refused(BUREAU, occ.id, { decision: 'recorded', data: record }, 403);
    await refused(SECRETARY, occ.id, { decision: 'recorded', data: { ...record, more: [{ ...record, attendees: '' }] } }, 422);
    // One record, then two more of the period in one decision.
    await decide(SECRETARY, occ.id, { decision: 'recorded', data: record });
    await decide(SECRETARY, occ.id, { decision: 'recorded', data: { ...record, more: [record] } });
    const rows = await q(`SELECT counted_after::int AS counted, over_max FROM obligation_records WHERE occurrence_id = $1 ORDER BY counted_after`, [occ.id]);
    expect(rows).toEqual([
      { counted: 1, over_max: false },
      { counted: 2, over_max: false },
      { counted: 3, over_max: true },
    ]);
    const [state] = await q(`SELECT x.status, t.status AS task FROM obligation_occurrences x JOIN tasks t ON t.id = x.id WHERE x.id = $1`, [occ.id]);
    // Done at the minimum; its task still takes records until the month ends.
    expect(state).toEqual({ status: 'completed', task: 'open' });
  });
});
