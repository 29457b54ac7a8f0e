import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { ScoreSheet } from '../../../libs/domain/src';
import { WUJIN_RUBRIC, seedRubrics } from '../../../libs/persistence/src';
import { defaultWujinParams, wujinScheduleId } from '../../../libs/processes/src/wujin';

/**
 * Wujin's plan as its workflows would have left it in the middle of its
 * second year, written straight into the database on the demo district: the
 * first phase recorded missed (the development zone behind), the other two
 * pending; branches in every standing; assessment rounds with scores,
 * declarations and verdicts (湖塘城南村 failed, rectified and passed its second
 * round); vetoes; rectifications open, overdue, decided; brands; obligation
 * occurrences. An earlier completed plan and a cancelled later one hold
 * standings that the compliance query must not take for the current one, and
 * 区民政局机关党支部 is in no plan at all.
 *
 * The plan's years lie far ahead, so nothing is late merely because the test
 * runs late; the two overdue rectifications are dated in the past.
 */
export const YEAR = 2093;

export interface WujinYear {
  campaignId: string;
  earlierCampaignId: string;
  cancelledCampaignId: string;
  otherProcessCampaignId: string;
  org: (code: string) => string;
  assessments: Record<string, string>;
  rectifications: Record<string, string>;
}

type Standing = 'pending' | 'assessing' | 'on_notice' | 'compliant' | 'failed' | 'rectifying' | 'dissolved' | 'merged';

/** The scores of every item at its full points, but for those given. */
function sheet(scores: Record<string, number>, evidence?: string): ScoreSheet {
  const out: ScoreSheet = {};
  for (const a of WUJIN_RUBRIC.areas) for (const i of a.items) out[i.code] = { score: scores[i.code] ?? i.points, ...(evidence ? { evidence: `${evidence}${i.code}` } : {}) };
  return out;
}

export async function writeWujinYear(ds: DataSource): Promise<WujinYear> {
  const q = (sql: string, params: unknown[] = []) => ds.query(sql, params);
  await seedRubrics(ds);
  const orgs = new Map<string, string>((await q(`SELECT code, id FROM organisations`)).map((r: { code: string; id: string }) => [r.code, r.id]));
  const org = (code: string) => orgs.get(code) ?? fail(`no organisation ${code}`);
  const users = new Map<string, string>((await q(`SELECT username, id FROM users`)).map((r: { username: string; id: string }) => [r.username, r.id]));
  const user = (name: string) => users.get(name) ?? fail(`no user ${name}`);

  const campaign = async (process: string, year: number, status: string) => {
    const id = randomUUID();
    await q(`INSERT INTO campaigns (id, process, year, title, organisation_id, params, plan, status, created_by) VALUES ($1, $2, $3, $4, $5, $6, '[]', $7, $8)`, [
      id,
      process,
      year,
      `${year}—${year + 2}年党支部规范化建设三年行动`,
      org('wj-zzb'),
      JSON.stringify(defaultWujinParams(year)),
      status,
      user('wj-zzb.admin'),
    ]);
    return id;
  };
  const campaignId = await campaign('wujin', YEAR, 'running');
  const earlierCampaignId = await campaign('wujin', YEAR - 3, 'completed');
  const cancelledCampaignId = await campaign('wujin', YEAR + 3, 'cancelled');
  // A campaign the district reaches, of another process: Wujin's readers must not answer for it.
  const otherProcessCampaignId = await campaign('hefei', YEAR, 'running');

  // ---- phases: the first recorded missed (the development zone's plan not accepted), the others still running
  const milestone = async (phase: string, name: string, endsOn: string, status: string, extra: { measured?: number; figures?: unknown; behind?: unknown; commended?: unknown } = {}) => {
    await q(
      `INSERT INTO plan_milestones (plan_id, phase_code, name, ends_on, target, status, evaluated_at, measured, figures, behind, commended) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        campaignId,
        phase,
        name,
        endsOn,
        JSON.stringify({ metric: `wujin_${phase}`, atLeast: 1 }),
        status,
        status === 'pending' ? null : `${endsOn}T16:00:00Z`,
        extra.measured ?? null,
        extra.figures ? JSON.stringify(extra.figures) : null,
        extra.behind ? JSON.stringify(extra.behind) : null,
        extra.commended ? JSON.stringify(extra.commended) : null,
      ],
    );
  };
  const fig = (code: string, name: string, measured: number) => ({ committeeId: org(code), name, measured });
  await milestone('deploy', '第一阶段：安排部署，全面清查', `${YEAR}-12-31`, 'missed', {
    measured: 0.75,
    figures: { committees: 4, plansAccepted: 3, shellCases: 1, shellCasesDecided: 1, caseListsFiled: 4, modelBranchesCommended: 2 },
    behind: [fig('wj-gxq', '中共武进国家高新技术产业开发区工作委员会', 0)],
    commended: [fig('wj-ht', '中共武进区湖塘镇委员会', 1), fig('wj-nxs', '中共武进区南夏墅街道工作委员会', 1), fig('wj-jggw', '中共武进区级机关工作委员会', 1)],
  });
  await milestone('compliance', '第二阶段：深入推进，全面达标', `${YEAR + 1}-12-31`, 'pending');
  await milestone('brand', '第三阶段：巩固提升，形成特色', `${YEAR + 2}-12-31`, 'pending');

  // ---- standings: every demo branch but 区民政局机关党支部
  const standing = async (
    branch: string,
    s: Standing,
    opts: { campaign?: string; round?: number; score?: number; vetoes?: string[]; reasons?: string[]; failedOnce?: boolean; compliantAt?: string } = {},
  ) => {
    await q(
      `INSERT INTO wujin_branch_standing (campaign_id, branch_id, committee_id, standing, round, score, vetoes, reasons, failed_once, compliant_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        opts.campaign ?? campaignId,
        org(branch),
        org(branch.replace(/-[^-]+$/, '')),
        s,
        opts.round ?? (opts.score === undefined ? 0 : 1),
        opts.score ?? null,
        JSON.stringify(opts.vetoes ?? []),
        JSON.stringify(opts.reasons ?? []),
        opts.failedOnce ?? false,
        s === 'compliant' ? (opts.compliantAt ?? `${YEAR + 1}-08-05T02:00:00Z`) : null,
        `${YEAR + 1}-08-05T02:00:00Z`,
      ],
    );
  };
  await standing('wj-ht-c1', 'compliant', { score: 92 });
  await standing('wj-ht-c2', 'compliant', { score: 88, round: 2, failedOnce: true, compliantAt: `${YEAR + 1}-12-10T02:00:00Z` });
  await standing('wj-ht-c3', 'on_notice', { score: 90 });
  await standing('wj-ht-c4', 'failed', { score: 80, reasons: ['考核得分80分，低于85分的合格线'] });
  await standing('wj-ht-jg', 'rectifying', { score: 90, vetoes: ['funds_missing'], reasons: ['存在一票否决情形：未落实党建工作专项经费'] });
  await standing('wj-ht-qy', 'dissolved');
  await standing('wj-nxs-c1', 'compliant', { score: 95.5 });
  await standing('wj-nxs-c2', 'assessing', { round: 1 });
  await standing('wj-nxs-c3', 'pending');
  await standing('wj-nxs-jg', 'failed', { score: 86, vetoes: ['secretary_vacant'], reasons: ['存在一票否决情形：党支部书记缺职'] });
  await standing('wj-nxs-ws', 'merged');
  await standing('wj-nxs-sz', 'compliant', { score: 85 });
  await standing('wj-gxq-q1', 'compliant', { score: 97 });
  for (const b of ['q2', 'q3', 'q4', 'q5', 'q6']) await standing(`wj-gxq-${b}`, 'pending');
  for (const b of ['b1', 'b2', 'b3', 'b4', 'b5']) await standing(`wj-jggw-${b}`, 'pending');
  // 花园社区 was compliant in the earlier plan and in a cancelled later one: neither is its standing now.
  await standing('wj-ht-c4', 'compliant', { campaign: earlierCampaignId, score: 91, compliantAt: `${YEAR - 2}-07-01T02:00:00Z` });
  await standing('wj-ht-c4', 'compliant', { campaign: cancelledCampaignId, score: 91, compliantAt: `${YEAR + 3}-07-01T02:00:00Z` });

  // ---- assessment rounds
  const assessments: Record<string, string> = {};
  const round = async (
    key: string,
    branch: string,
    n: number,
    a: { self: ScoreSheet | null; assessor: ScoreSheet | null; vetoes?: string[]; reasons?: string[]; onSite?: string[]; verdict?: 'pass' | 'fail'; opinion?: string; checks?: unknown[]; at: string },
  ) => {
    const id = randomUUID();
    const committee = branch.replace(/-[^-]+$/, '');
    const total = (s: ScoreSheet | null) => (s ? Object.values(s).reduce((x, i) => x + i.score, 0) : 0);
    await q(
      `INSERT INTO rubric_assessments (id, rubric_code, rubric_version, organisation_id, workflow_id, status, self_scores, assessor_scores, vetoes, result, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        WUJIN_RUBRIC.code,
        WUJIN_RUBRIC.version,
        org(branch),
        `test-wj-assessment-${id}`,
        a.assessor ? 'completed' : a.self ? 'assessing' : 'self_assessment',
        a.self ? JSON.stringify(a.self) : null,
        a.assessor ? JSON.stringify(a.assessor) : null,
        a.assessor ? JSON.stringify(a.vetoes ?? []) : null,
        a.assessor ? JSON.stringify({ selfTotal: total(a.self), assessorTotal: total(a.assessor), areas: [], passed: !(a.reasons ?? []).length, reasons: a.reasons ?? [] }) : null,
        a.at,
      ],
    );
    const declared = a.onSite !== undefined;
    await q(
      `INSERT INTO wujin_assessments (id, campaign_id, branch_id, committee_id, round, rubric_code, rubric_version, on_site_items, declaration_note, declared_by, declared_at,
                                      verdict, verdict_opinion, on_site_checks, verified_by, verified_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        id,
        campaignId,
        org(branch),
        org(committee),
        n,
        WUJIN_RUBRIC.code,
        WUJIN_RUBRIC.version,
        declared ? JSON.stringify(a.onSite) : null,
        declared ? `第${n}轮申报` : null,
        declared ? user(`${committee}.reviewer`) : null,
        declared ? `${YEAR + 1}-0${n === 1 ? 5 : 9}-20T02:00:00Z` : null,
        a.verdict ?? null,
        a.opinion ?? null,
        a.verdict ? JSON.stringify(a.checks ?? []) : null,
        a.verdict ? user('wj-zzb.reviewer') : null,
        a.verdict ? `${YEAR + 1}-${n === 1 ? '06' : '11'}-25T02:00:00Z` : null,
        `${YEAR + 1}-0${n === 1 ? 1 : 8}-05T02:00:00Z`,
      ],
    );
    assessments[key] = id;
  };
  // 湖塘城南村: 80 in its first round (failed), 88 in its second after rectifying.
  await round('c2-1', 'wj-ht-c2', 1, {
    self: sheet({}, '自评佐证'),
    assessor: sheet({ C2: 0, C3: 0, B9: 0, A4: 0, B10: 0, C1: 1 }),
    reasons: ['考核得分80分，低于85分的合格线'],
    onSite: [],
    verdict: 'fail',
    opinion: '“三会一课”落实不到位',
    at: `${YEAR + 1}-06-25T02:00:00Z`,
  });
  await round('c2-2', 'wj-ht-c2', 2, {
    self: sheet({ C3: 5 }, '整顿后佐证'),
    assessor: sheet({ C2: 2, C3: 2, B9: 0, A4: 0 }),
    onSite: ['B9', 'C2'],
    verdict: 'pass',
    checks: [
      { itemCode: 'B9', checkedBy: '区委组织部 王科长', checkedOn: `${YEAR + 1}-11-20`, finding: '党费台账已补齐' },
      { itemCode: 'C2', checkedBy: '区委组织部 李干事', checkedOn: `${YEAR + 1}-11-21`, finding: '支委会记录完整' },
    ],
    at: `${YEAR + 1}-11-25T02:00:00Z`,
  });
  await round('jg-1', 'wj-ht-jg', 1, { self: sheet({}), assessor: sheet({ D3: 0, C1: 0, A1: 0, A2: 0, B1: 0 }), vetoes: ['funds_missing'], reasons: ['存在一票否决情形：未落实党建工作专项经费'], onSite: ['D3'], verdict: 'fail', at: `${YEAR + 1}-06-25T02:00:00Z` });
  await round('nxs-jg-1', 'wj-nxs-jg', 1, { self: sheet({}), assessor: sheet({ A1: 0, A2: 0, A3: 0, B1: 0, B2: 0, C1: 0, C4: 1 }), vetoes: ['secretary_vacant'], reasons: ['存在一票否决情形：党支部书记缺职'], onSite: [], verdict: 'fail', at: `${YEAR + 1}-06-25T02:00:00Z` });
  // 南夏墅村大通社区 scored itself, its committee has not yet.
  await round('nxs-c2-1', 'wj-nxs-c2', 1, { self: sheet({ C5: 2 }), assessor: null, at: `${YEAR + 1}-04-20T02:00:00Z` });

  // ---- rectifications
  const rectifications: Record<string, string> = {};
  const rectification = async (key: string, branch: string, status: string, dueAt: string, opts: { late?: boolean; submissions?: number } = {}) => {
    const id = randomUUID();
    const decided = ['accepted', 'returned', 'dissolved', 'merged'].includes(status);
    const submitted = status !== 'open';
    await q(
      `INSERT INTO wujin_rectifications (id, campaign_id, branch_id, committee_id, reasons, due_at, status, submissions, measures, evidence, submitted_at, late, opinion, decided_by, decided_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        id,
        campaignId,
        org(branch),
        org(branch.replace(/-[^-]+$/, '')),
        JSON.stringify([`${key}：考核未达标`]),
        dueAt,
        status,
        opts.submissions ?? (submitted ? 1 : 0),
        submitted ? '已召开支委会研究整改' : null,
        submitted ? '会议记录' : null,
        submitted ? `${YEAR + 1}-09-01T02:00:00Z` : null,
        submitted ? (opts.late ?? false) : null,
        decided ? `${key}意见` : null,
        decided ? user(`${branch.replace(/-[^-]+$/, '')}.reviewer`) : null,
        decided ? `${YEAR + 1}-09-10T02:00:00Z` : null,
        `${YEAR + 1}-07-01T02:00:00Z`,
      ],
    );
    rectifications[key] = id;
  };
  await rectification('ht-jg', 'wj-ht-jg', 'open', '2020-01-01T00:00:00Z');
  await rectification('ht-c4', 'wj-ht-c4', 'returned', '2021-06-30T00:00:00Z');
  await rectification('ht-c2', 'wj-ht-c2', 'accepted', `${YEAR + 1}-08-30T00:00:00Z`, { late: true });
  await rectification('nxs-jg', 'wj-nxs-jg', 'submitted', `${YEAR + 1}-12-15T00:00:00Z`);
  await rectification('nxs-ws', 'wj-nxs-ws', 'merged', `${YEAR + 1}-10-15T00:00:00Z`);

  // ---- brands: 马杭村 returned then accepted, 城南村 filed, 夏城社区 returned, 南夏墅村 accepted; the dissolved firm's filing does not count
  const brand = async (branch: string, version: number, status: string, name: string) => {
    const decided = status !== 'filed';
    await q(
      `INSERT INTO wujin_brands (id, campaign_id, branch_id, committee_id, version, name, description, evidence, status, opinion, filed_by, filed_at, decided_by, decided_at)
       VALUES ($1, $2, $3, $4, $5, $6, '品牌内涵', '活动照片', $7, $8, $9, $10, $11, $12)`,
      [
        randomUUID(),
        campaignId,
        org(branch),
        org(branch.replace(/-[^-]+$/, '')),
        version,
        name,
        status,
        status === 'returned' ? '内涵不够具体' : null,
        user(`${branch}.secretary`),
        `${YEAR + 2}-0${version + 2}-01T02:00:00Z`,
        decided ? user(`${branch.replace(/-[^-]+$/, '')}.reviewer`) : null,
        decided ? `${YEAR + 2}-0${version + 2}-10T02:00:00Z` : null,
      ],
    );
  };
  await brand('wj-ht-c1', 1, 'returned', '马杭红');
  await brand('wj-ht-c1', 2, 'accepted', '红色马杭');
  await brand('wj-ht-c2', 1, 'filed', '城南先锋');
  await brand('wj-ht-c3', 1, 'returned', '夏城之家');
  await brand('wj-nxs-c1', 1, 'accepted', '南夏墅红');
  await brand('wj-ht-qy', 1, 'filed', '纺织先锋');

  // ---- standing obligations (occurrences of the plan's schedules)
  const occurrence = async (branch: string, code: string, status: 'open' | 'completed' | 'overdue', late = false, schedule = wujinScheduleId(campaignId, org(branch), YEAR + 1)) => {
    await q(
      `INSERT INTO obligation_occurrences (id, schedule_id, organisation_id, obligation_code, title, period_label, period_start, due_date, status, completed_at, completed_late)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        randomUUID(),
        schedule,
        org(branch),
        code,
        code,
        `${YEAR + 1}年`,
        `${YEAR + 1}-01-01`,
        `${YEAR + 1}-03-31`,
        status,
        status === 'completed' ? `${YEAR + 1}-03-20T02:00:00Z` : null,
        status === 'completed' ? late : null,
      ],
    );
  };
  // 城南村: members' meetings 3 on time and 1 late; committee meetings 10 on time, 1 missed, 1 not yet due; party lessons 4 on time.
  for (let i = 0; i < 3; i++) await occurrence('wj-ht-c2', 'wujin_members_meeting', 'completed');
  await occurrence('wj-ht-c2', 'wujin_members_meeting', 'completed', true);
  for (let i = 0; i < 10; i++) await occurrence('wj-ht-c2', 'wujin_committee_meeting', 'completed');
  await occurrence('wj-ht-c2', 'wujin_committee_meeting', 'overdue');
  await occurrence('wj-ht-c2', 'wujin_committee_meeting', 'open');
  for (let i = 0; i < 4; i++) await occurrence('wj-ht-c2', 'wujin_party_lesson', 'completed');
  // 南夏墅村: two members' meetings on time, two missed.
  for (const s of ['completed', 'completed', 'overdue', 'overdue'] as const) await occurrence('wj-nxs-c1', 'wujin_members_meeting', s);
  // Not counted: the earlier plan's schedule, and another process's obligation on the same branch.
  await occurrence('wj-ht-c2', 'wujin_members_meeting', 'overdue', false, wujinScheduleId(earlierCampaignId, org('wj-ht-c2'), YEAR - 2));
  await occurrence('wj-ht-c2', 'hefei_self_inspection', 'overdue', false, `hefei:${campaignId}:${org('wj-ht-c2')}`);

  return { campaignId, earlierCampaignId, cancelledCampaignId, otherProcessCampaignId, org, assessments, rectifications };
}

function fail(message: string): never {
  throw new Error(message);
}
