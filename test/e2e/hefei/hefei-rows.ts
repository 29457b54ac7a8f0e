import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { WorkingCalendar } from '../../../libs/domain/src';
import { loadCalendarBundle } from '../../../libs/persistence/src';
import { HEFEI_DEFAULT_STANDARD, type HefeiGrade, defaultHefeiParams, planHefeiCampaign } from '../../../libs/processes/src/hefei';
import { ensureCalendarYear } from '../../support/fixtures';

/**
 * A Hefei year as its workflows would have left it, written straight into the
 * database as its owner: a running campaign (with its plan on the calendar and
 * its stages), the committees' standards, quarterly self-inspections,
 * special inspections and the rectifications they found (with their steps),
 * gradings (a regrading after a D, one committee over the A cap), pairings,
 * a cleanup review, a secretary's training and the August reports.
 *
 * The year lies far ahead, so nothing is late merely because the test runs
 * late: lateness comes from the flags the workflows set (overdue, escalated),
 * and one rectification dated in the past shows the date is read too.
 */
export const YEAR = 2099;

export interface HefeiYear {
  campaignId: string;
  previousCampaignId: string;
  taianCampaignId: string;
  org: (code: string) => string;
  rectifications: Record<string, string>;
}

export async function writeHefeiYear(ds: DataSource): Promise<HefeiYear> {
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
  const orgs = new Map<string, string>((await q(`SELECT code, id FROM organisations`)).map((r: { code: string; id: string }) => [r.code, r.id]));
  const org = (code: string) => orgs.get(code) ?? fail(`no organisation ${code}`);
  const users = new Map<string, string>((await q(`SELECT username, id FROM users`)).map((r: { username: string; id: string }) => [r.username, r.id]));
  const user = (name: string) => users.get(name) ?? fail(`no user ${name}`);

  for (const year of [YEAR - 1, YEAR, YEAR + 1]) await ensureCalendarYear(ds, year);
  const params = defaultHefeiParams(YEAR);
  const plan = planHefeiCampaign(params, new WorkingCalendar(await loadCalendarBundle(ds, YEAR, YEAR + 1)));
  const campaign = async (process: string, year: number, orgCode: string, by: string, status: string, p: unknown, pl: unknown) => {
    const id = randomUUID();
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      id,
      process,
      year,
      `${year}年度${process === 'hefei' ? '党支部建设提升行动（分类定级）' : '“泰山先锋”红旗党支部评选'}`,
      org(orgCode),
      JSON.stringify(p),
      JSON.stringify(pl),
      status,
      user(by),
    ]);
    return id;
  };
  const campaignId = await campaign('hefei', YEAR, 'hf-zzb', 'hf-zzb.admin', 'running', params, plan);
  const previousCampaignId = await campaign('hefei', YEAR - 1, 'hf-zzb', 'hf-zzb.admin', 'completed', defaultHefeiParams(YEAR - 1), []);
  const taianCampaignId = await campaign('taian', YEAR, 'taian-zzb', 'admin', 'running', {}, []);
  for (const [seq, s] of plan.entries()) {
    await q(`INSERT INTO campaign_stages (campaign_id, stage, seq, label, opens_on, due_on, due_at, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')`, [
      campaignId,
      s.stage,
      seq,
      s.label,
      s.opensOn,
      s.dueOn,
      s.dueAt,
    ]);
  }

  // ---- standards: 义城监狱 returned once then accepted; 律师协会 accepted last year, a new version awaiting review;
  // ---- 司法局机关 drafting; 戒毒所 nothing.
  const standards: Record<string, string> = {};
  const standard = async (key: string, committee: string, version: number, status: string, opts: { campaign?: string | null; filedAt?: string; opinion?: string } = {}) => {
    const id = randomUUID();
    const decided = ['returned', 'accepted', 'superseded'].includes(status);
    await q(
      `INSERT INTO hefei_grading_standards (id, committee_id, campaign_id, version, rubric, status, drafted_by, filed_by, filed_at, decided_by, decided_at, opinion)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        org(committee),
        opts.campaign === undefined ? campaignId : opts.campaign,
        version,
        JSON.stringify({ ...HEFEI_DEFAULT_STANDARD, code: `hefei-standard-${org(committee)}`, version, isDefault: false, name: `${committee}标准第${version}版` }),
        status,
        user(`${committee}.staff`),
        status === 'draft' ? null : user(`${committee}.staff`),
        status === 'draft' ? null : (opts.filedAt ?? `${YEAR}-03-01T02:00:00Z`),
        decided ? user('hf-zzb.reviewer') : null,
        decided ? `${YEAR}-03-${10 + version}T02:00:00Z` : null,
        opts.opinion ?? null,
      ],
    );
    standards[key] = id;
  };
  await standard('ycjy1', 'hf-ycjy', 1, 'returned', { opinion: '基本阵地分值偏低，请修改' });
  await standard('ycjy2', 'hf-ycjy', 2, 'accepted', { filedAt: `${YEAR}-03-12T02:00:00Z` });
  await standard('lsxh1', 'hf-lsxh', 1, 'accepted', { campaign: null, filedAt: `${YEAR - 1}-03-01T02:00:00Z` });
  await standard('lsxh2', 'hf-lsxh', 2, 'filed');
  await standard('jgdw1', 'hf-jgdw', 1, 'draft');

  // ---- quarterly self-inspections (obligation occurrences of the campaign's schedules)
  const occurrence = async (orgCode: string, quarter: number, status: 'open' | 'completed' | 'overdue', late = false, code = 'hefei_self_inspection', campaign = campaignId) => {
    const start = `${YEAR}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
    const due = [`${YEAR}-03-31`, `${YEAR}-06-30`, `${YEAR}-09-30`, `${YEAR}-12-31`][quarter - 1];
    await q(
      `INSERT INTO obligation_occurrences (id, schedule_id, organisation_id, obligation_code, title, period_label, period_start, due_date, status, completed_at, completed_late)
       VALUES ($1, $2, $3, $4, '季度自查', $5, $6, $7, $8, $9, $10)`,
      [
        randomUUID(),
        `hefei:${campaign}:${org(orgCode)}`,
        org(orgCode),
        code,
        code === 'hefei_self_inspection' ? `${YEAR}年第${quarter}季度` : `${YEAR}年`,
        code === 'hefei_self_inspection' ? start : `${YEAR}-01-01`,
        code === 'hefei_self_inspection' ? due : `${YEAR}-11-30`,
        status,
        status === 'completed' ? `${YEAR}-0${quarter * 3}-20T02:00:00Z` : null,
        status === 'completed' ? late : null,
      ],
    );
  };
  const ycjy = ['hf-ycjy', ...['jg1', 'jg2', 'jq1', 'jq2', 'jq3', 'jq4', 'jq5', 'jq6', 'yy', 'lt'].map((b) => `hf-ycjy-${b}`)];
  const lsxh = ['hf-lsxh', ...['ls01', 'ls02', 'ls03', 'ls04', 'ls05', 'ls06', 'ls07', 'ls08', 'qy01', 'qy02'].map((b) => `hf-lsxh-${b}`)];
  // Q1: 义城监狱 8 on time, 2 late, 1 missed; 律师协会 all 11 on time. Q2: three of 义城监狱's still open.
  for (const [i, code] of ycjy.entries()) await occurrence(code, 1, i < 8 ? 'completed' : i < 10 ? 'completed' : 'overdue', i >= 8 && i < 10);
  for (const code of lsxh) await occurrence(code, 1, 'completed');
  for (const code of ycjy.slice(1, 4)) await occurrence(code, 2, 'open');
  // Not counted as self-inspections: a secretary's training, and an occurrence of another campaign's schedule.
  await occurrence('hf-lsxh-qy01', 1, 'completed', false, 'hefei_secretary_training');
  await occurrence('hf-jds', 1, 'overdue', false, 'hefei_self_inspection', previousCampaignId);

  // ---- special inspections of the first half, and the problems they found
  const inspections: Record<string, string> = {};
  for (const committee of ['hf-ycjy', 'hf-lsxh']) {
    const id = randomUUID();
    await q(
      `INSERT INTO hefei_special_inspections (id, campaign_id, committee_id, half, inspector_id, status, inspected_on, summary, completed_by, completed_at)
       VALUES ($1, $2, $3, 1, $4, 'completed', $5, '专项督查', $6, $7)`,
      [id, campaignId, org(committee), org('hf'), `${YEAR}-06-10`, user('hf.reviewer'), `${YEAR}-06-12T02:00:00Z`],
    );
    inspections[committee] = id;
  }

  // ---- gradings: 义城监狱 ten branches in a first grading, one A (the cap), 医院 D then regraded B;
  // ---- 律师协会 two A among five in a first grading (over the cap), one A regraded from an earlier year, one still in acceptance.
  const gradings: Record<string, string> = {};
  const grading = async (
    branch: string,
    grade: HefeiGrade | null,
    opts: { attempt?: number; first?: boolean; campaign?: string; year?: number; gradedAt?: string; status?: string; reasons?: string[] } = {},
  ) => {
    const id = randomUUID();
    const committee = branch.replace(/-[^-]+$/, '');
    const status = opts.status ?? 'graded';
    await q(
      `INSERT INTO hefei_gradings (id, campaign_id, year, branch_id, committee_id, attempt, first_grading, standard_id, status, self_total, assessor_total, grade, grade_reasons, graded_by, graded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        id,
        opts.campaign ?? campaignId,
        opts.year ?? YEAR,
        org(branch),
        org(committee),
        opts.attempt ?? 1,
        opts.first ?? true,
        committee === 'hf-ycjy' ? standards.ycjy2 : standards.lsxh1,
        status,
        status === 'self_assessment' ? null : 88,
        grade ? ({ A: 92, B: 84.5, C: 70, D: 55.5 } as const)[grade] : null,
        grade,
        JSON.stringify(opts.reasons ?? (grade && grade !== 'A' ? [`考核得分未达到更高等次分数线（${grade}）`] : [])),
        grade ? user(`${committee}.reviewer`) : null,
        grade ? (opts.gradedAt ?? `${YEAR}-08-05T02:00:00Z`) : null,
      ],
    );
    gradings[`${branch}:${opts.year ?? YEAR}:${opts.attempt ?? 1}`] = id;
  };
  const ycjyGrades: Record<string, HefeiGrade> = { jg1: 'A', jg2: 'B', jq1: 'B', jq2: 'C', jq3: 'B', jq4: 'B', jq5: 'C', jq6: 'B', yy: 'D', lt: 'B' };
  for (const [b, g] of Object.entries(ycjyGrades)) await grading(`hf-ycjy-${b}`, g);
  // The first_grading flag stays on the second attempt: the cap still counts attempts of a first grading once.
  await grading('hf-ycjy-yy', 'B', { attempt: 2, gradedAt: `${YEAR}-10-20T02:00:00Z` });
  await grading('hf-ycjy-yy', 'C', { campaign: previousCampaignId, year: YEAR - 1, gradedAt: `${YEAR - 1}-08-05T02:00:00Z` });
  await grading('hf-lsxh-ls01', 'A');
  await grading('hf-lsxh-ls02', 'A');
  await grading('hf-lsxh-ls03', 'B');
  await grading('hf-lsxh-ls04', null, { status: 'accepting' });
  await grading('hf-lsxh-ls07', 'D', { reasons: ['存在一票否决情形：全年未正常开展“三会一课”等组织生活，定为D级'] });
  await grading('hf-lsxh-ls05', 'A', { first: false });

  // ---- rectifications with their steps
  const rectifications: Record<string, string> = {};
  const rectification = async (
    key: string,
    branch: string,
    status: string,
    dueOn: string,
    opts: { overdue?: boolean; dimension?: string | null; problem?: string; grading?: string; acceptedAt?: string; foundAt?: string } = {},
  ) => {
    const id = randomUUID();
    const committee = branch.replace(/-[^-]+$/, '');
    await q(
      `INSERT INTO hefei_rectifications (id, campaign_id, branch_id, source, inspection_id, grading_id, dimension, problem, inspector_id, found_by, found_at, due_on, status, overdue, accepted_by, accepted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        id,
        campaignId,
        org(branch),
        opts.grading ? 'grading' : 'special_inspection',
        opts.grading ? null : inspections[committee],
        opts.grading ?? null,
        opts.dimension === undefined ? 'rules' : opts.dimension,
        opts.problem ?? `${key}：“三会一课”记录不完整`,
        opts.grading ? org(committee) : org('hf'),
        user(opts.grading ? `${committee}.reviewer` : 'hf.reviewer'),
        opts.foundAt ?? `${YEAR}-06-12T02:00:00Z`,
        dueOn,
        status,
        opts.overdue ?? false,
        status === 'accepted' ? user('hf.reviewer') : null,
        status === 'accepted' ? (opts.acceptedAt ?? `${YEAR}-06-28T02:00:00Z`) : null,
      ],
    );
    rectifications[key] = id;
    return id;
  };
  const step = async (rectificationId: string, action: string, content: string, by: string, orgCode: string, at: string) => {
    await q(
      `INSERT INTO hefei_rectification_steps (id, rectification_id, action, content, evidence, actor_id, actor_name, actor_role, organisation_id, idempotency_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [randomUUID(), rectificationId, action, content, JSON.stringify(action === 'submitted' ? ['会议记录扫描件'] : []), user(by), by === 'hf.reviewer' ? '局党委督查组' : '支部书记', by === 'hf.reviewer' ? 'reviewer' : 'submitter', org(orgCode), randomUUID(), at],
    );
  };
  // 一监区: six problems past their deadline (the dashboard shows its earliest five), and one accepted after a return.
  for (let i = 1; i <= 6; i++) await rectification(`jq1-late${i}`, 'hf-ycjy-jq1', 'open', `${YEAR}-07-0${7 - i}`, { overdue: true });
  const accepted = await rectification('jq1-accepted', 'hf-ycjy-jq1', 'accepted', `${YEAR}-07-10`, { problem: '党员活动室制度未上墙', dimension: 'base' });
  await step(accepted, 'submitted', '已制作并张贴制度牌', 'hf-ycjy-jq1.secretary', 'hf-ycjy-jq1', `${YEAR}-06-20T02:00:00Z`);
  await step(accepted, 'returned', '佐证材料不足，请补充照片', 'hf.reviewer', 'hf', `${YEAR}-06-22T02:00:00Z`);
  await step(accepted, 'submitted', '已补充现场照片', 'hf-ycjy-jq1.secretary', 'hf-ycjy-jq1', `${YEAR}-06-25T02:00:00Z`);
  await step(accepted, 'accepted', '整改到位', 'hf.reviewer', 'hf', `${YEAR}-06-28T02:00:00Z`);
  // 二监区: submitted, its deadline passed before the workflow marked it (dated in the past, so late whenever the test runs).
  await rectification('jq2-submitted', 'hf-ycjy-jq2', 'submitted', '2020-01-01', { dimension: null });
  // 三监区: returned, still within its deadline.
  await rectification('jq3-returned', 'hf-ycjy-jq3', 'returned', `${YEAR}-12-01`, { dimension: 'activities' });
  // 医院: graded D, rectified and accepted, then regraded.
  const hospital = await rectification('yy-grading', 'hf-ycjy-yy', 'accepted', `${YEAR}-09-10`, {
    grading: gradings[`hf-ycjy-yy:${YEAR}:1`],
    dimension: 'team',
    problem: '支部委员职数未配齐',
    foundAt: `${YEAR}-08-06T02:00:00Z`,
    acceptedAt: `${YEAR}-09-05T02:00:00Z`,
  });
  await step(hospital, 'submitted', '已增补组织委员', 'hf-ycjy-yy.secretary', 'hf-ycjy-yy', `${YEAR}-09-01T02:00:00Z`);
  // 巢源所 (律师协会): graded D, its rectification overdue.
  await rectification('ls07-grading', 'hf-lsxh-ls07', 'open', `${YEAR}-09-10`, { grading: gradings[`hf-lsxh-ls07:${YEAR}:1`], overdue: true, dimension: 'team', problem: '党员人数不足，组织生活不正常' });

  // ---- pairings: 医院 helped by 机关第一党支部 (with notes), an earlier pairing ended
  const pairing = async (branch: string, partnerCode: string | null, partnerName: string, reason: string, assignedAt: string, endedAt: string | null) => {
    const id = randomUUID();
    await q(
      `INSERT INTO hefei_pairings (id, campaign_id, branch_id, partner_organisation_id, partner_name, reason, assigned_by, assigned_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, campaignId, org(branch), partnerCode ? org(partnerCode) : null, partnerName, reason, user('hf-ycjy.reviewer'), assignedAt, endedAt],
    );
    return id;
  };
  await pairing('hf-ycjy-yy', null, '合肥市第一人民医院党委', '上年度C级', `${YEAR - 1}-09-01T02:00:00Z`, `${YEAR}-01-10T02:00:00Z`);
  const helped = await pairing('hf-ycjy-yy', 'hf-ycjy-jg1', '监狱机关第一党支部', '定为D级，结对帮扶', `${YEAR}-08-21T02:00:00Z`, null);
  for (const [note, at] of [
    ['共同开展主题党日', `${YEAR}-09-02T02:00:00Z`],
    ['帮助完善“三会一课”台账', `${YEAR}-09-15T02:00:00Z`],
  ]) {
    await q(`INSERT INTO hefei_pairing_notes (id, pairing_id, note, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), helped, note, user('hf-ycjy.reviewer'), at]);
  }

  // ---- the member-less law firm under review for cleanup
  await q(`INSERT INTO hefei_cleanup_reviews (id, campaign_id, branch_id, reviewer_id, members_at_review, status) VALUES ($1, $2, $3, $4, 0, 'open')`, [
    randomUUID(),
    campaignId,
    org('hf-lsxh-ls08'),
    org('hf-lsxh'),
  ]);

  // ---- August reports: 义城监狱 on time, 律师协会 late, 戒毒所 escalated unfiled; 司法局机关 has no row yet.
  const dueAt = plan.find((s) => s.stage === 'report')!.dueAt;
  const report = async (committee: string, filedAt: string | null, late: boolean | null, escalatedAt: string | null) => {
    await q(
      `INSERT INTO hefei_committee_reports (id, campaign_id, committee_id, due_at, status, filed_by, filed_at, late, escalated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [randomUUID(), campaignId, org(committee), dueAt, filedAt ? 'filed' : 'open', filedAt ? user(`${committee}.staff`) : null, filedAt, late, escalatedAt],
    );
  };
  await report('hf-ycjy', `${YEAR}-08-06T02:00:00Z`, false, null);
  await report('hf-lsxh', `${YEAR}-08-15T02:00:00Z`, true, `${YEAR}-08-11T00:00:00Z`);
  await report('hf-jds', null, null, `${YEAR}-08-11T00:00:00Z`);

  return { campaignId, previousCampaignId, taianCampaignId, org, rectifications };
}

function fail(message: string): never {
  throw new Error(message);
}
