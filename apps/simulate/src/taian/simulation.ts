import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import {
  type BranchGrade,
  type ScoresForm,
  type SelectionCandidate,
  type SelectionForm,
  type SelectionRules,
  BRANCH_GRADE_LABELS,
  type StrikeForm,
  type EvidenceForm,
  addCalendarDays,
  chinaDate,
  capOf,
  defaultQuotaFor,
  proposeSelection,
  effectivePlaces,
  recommendationBar,
} from '../../../../libs/domain/src';
import { type DemoOrg, demoUsers, seedTree, simulatedTree } from '../../../../libs/persistence/src';
import { startSimulatedCampaign } from '../campaign-days';
import { type ApiBody, type Http, type StackOptions, startSimulationStack } from '../stack';
import { skipTime } from '../time-skipping';
import { type Rng, keyed, mulberry32, pick } from '../random';
import { type SimulationSummary, summarise } from '../summary';
import { type CultivationPlanForm, type InspectionForm, type MentoringPlanForm, type SpotCheckForm, defaultRedFlagParams, dynamicManagementWorkflowId } from '../../../../libs/processes/src/taian';

export interface SimulationOptions extends StackOptions {
  branches: number;
  quota?: number;
  /** Called after the year, while Temporal still runs (tests fetch the workflows' histories here). */
  onFinished?: (run: { client: Client; campaignId: string; api: Http; tokenFor: (organisationId: string, role: string) => Promise<string> }) => Promise<void>;
}

const DAY = 86_400_000;


/**
 * A whole Tai'an campaign year against the time-skipping server, the real
 * worker, a real PostgreSQL and the real API: scripted actors act over HTTP as
 * every role would (some late, some agencies vetoing, some objections upheld),
 * and the clock moves a day at a time when nobody has anything left to do.
 * The actors find their work in the read model, as an inbox would show it.
 */
export type { ApiBody, Http };

export async function runTaianSimulation(o: SimulationOptions): Promise<SimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const rng = mulberry32(o.seed);
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const tree = simulatedTree(o.branches);
    const stack = await startSimulationStack(o, (owner) => seedTree(owner, tree, demoUsers));
    cleanups.push(() => stack.stop());
    const { env, client, owner, api, tokenFor, orgId, expect } = stack;
    const orgDept = await orgId('taian-zzb');
    const adminToken = await tokenFor(orgDept, 'administrator');

    // The campaign of the coming year, with the calendar an administrator enters for it.
    const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
    const defaults = defaultRedFlagParams(year);
    const quota = o.quota ?? defaultQuotaFor(governedByCityManaged(tree), defaults.advancedCap, defaults.recommendationRatio);
    const { campaignId, plan } = await startSimulatedCampaign(stack, { process: 'taian', admin: adminToken, years: 1, parameters: { quota } });
    const due = (stage: string) => plan.find((s) => s.stage === stage)!;
    progress(`campaign ${year}: quota ${quota}, started`);

    const script = await scriptActors(owner, rng, year, due('application').dueOn, o.seed);
    const stats: Stats = { lateApplicationsRefused: 0, extensions: 0, refusals: {} };
    // A secretary who applies before the window opens ("第一季度") is refused, with the opening date, and applies again once open.
    const eager = script.applications[0]!;
    const early = await api.call('POST', '/nominations', await tokenFor(eager.branchId, 'submitter'), { branchId: eager.branchId, campaignYear: year, form: eager.form });
    if (early.status !== 422 || early.body?.code !== 'APPLICATION_NOT_OPEN') throw new Error(`an application before the window opened was not refused: ${early.status} ${JSON.stringify(early.body)}`);
    stats.refusals.earlyApplication = early.body.message as string;
    const acted = new Set<string>();
    const waitedFor = new Set<string>();
    let lastProgress = '';

    for (let day = 0; day < 600; day++) {
      const now = await env.currentTimeMs();
      const today = chinaDate(new Date(now));
      // Branch secretaries apply on their day; a few try after the deadline and are refused.
      for (const a of script.applications.filter((x) => x.on === today)) {
        const res = await api.call('POST', '/nominations', await tokenFor(a.branchId, 'submitter'), { branchId: a.branchId, campaignYear: year, form: a.form });
        if (a.late) {
          if (res.status !== 422) throw new Error(`late application was not refused: ${res.status}`);
          stats.lateApplicationsRefused++;
          stats.refusals.lateApplication ??= res.body?.message as string;
        } else expect('nomination', res, 200, 201, 202);
      }
      // A branch graded lagging or weak and lax tries to apply: the rule refuses it and names itself.
      for (const a of script.ineligibleTries.filter((x) => x.on === today)) {
        const res = await api.call('POST', '/nominations', await tokenFor(a.branchId, 'submitter'), { branchId: a.branchId, campaignYear: year, form: script.applications[0]!.form });
        if (res.status !== 422 || res.body?.code !== 'BRANCH_INELIGIBLE') throw new Error(`an ineligible branch's application was not refused: ${res.status} ${JSON.stringify(res.body)}`);
        stats.refusals.ineligibleApplication ??= res.body?.message as string;
      }
      // After the applications close, a committee's review finds an applicant's organisation lax and regrades it in the ledger.
      for (const d of script.downgrades.filter((x) => x.on === today)) {
        const res = await api.call('PUT', `/ledger/${d.branchId}`, await tokenFor(d.committeeId, 'reviewer'), {
          grade: 'weak_and_lax',
          reason: '年度考评发现该党支部组织生活长期不能正常开展，经党委研究调整为软弱涣散，列入整顿',
        });
        expect('ledger downgrade', res, 200);
      }
      await actOnTasks({ owner, api, tokenFor, adminToken, campaignId, script, today, seed: o.seed, acted, waitedFor, stats, now });
      await answerConsultations({ owner, api, tokenFor, campaignId, script, acted, today, seed: o.seed });
      await objectToNotices({ owner, api, campaignId, script, acted, seed: o.seed });

      const [c] = await owner.query(`SELECT status FROM campaigns WHERE id = $1`, [campaignId]);
      if (c.status === 'cancelled') break;
      // After the plans, the year after naming runs on until its last spot check; a week at a time, as nothing there is daily.
      const after = c.status === 'completed';
      if (after && !(await stillRunning(client, dynamicManagementWorkflowId(campaignId)))) break;
      // A line a week, and whenever the campaign enters a new stage.
      const line = await progressLine(owner, campaignId, today);
      const stage = line.split(' ')[1]!;
      if (day % 7 === 0 || stage !== lastProgress) progress(line);
      lastProgress = stage;
      await skipTime(env, after ? 7 * DAY : DAY, progress);
    }
    await o.onFinished?.({ client, campaignId, api, tokenFor });
    return await summarise(owner, { campaignId, branches: o.branches, seed: o.seed, quota, stats, seconds: (Date.now() - started) / 1000 });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
}

async function stillRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING';
  } catch {
    return false;
  }
}

async function progressLine(ds: DataSource, campaignId: string, today: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT stage FROM campaign_stages WHERE campaign_id = $1 AND status = 'open' ORDER BY seq LIMIT 1) AS stage,
            (SELECT count(*)::int FROM nominations WHERE campaign_id = $1) AS nominations,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'open') AS open,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'completed') AS done`,
    [campaignId],
  );
  return `${today} stage=${s.stage ?? '-'} nominations=${s.nominations} tasks open=${s.open} done=${s.done}`;
}

interface Stats {
  lateApplicationsRefused: number;
  extensions: number;
  /** What the API answered to the first bad request of each kind the actors tried. */
  refusals: Record<string, string>;
}

interface Script {
  applications: Array<{ branchId: string; on: string; late: boolean; form: unknown }>;
  /** Branches the ledger bars (后进, 软弱涣散) that try to apply anyway. */
  ineligibleTries: Array<{ branchId: string; on: string }>;
  /** Applicants their committee regrades weak and lax after applying: barred at the pick. */
  downgrades: Array<{ branchId: string; committeeId: string; on: string }>;
  /** Committees that leave their work until after the deadline. */
  lateCommittees: Set<string>;
  /** Agencies that never answer. */
  silentAgencies: Set<string>;
  /** Branches an agency vetoes, and how many vetoes were given. */
  vetoBranches: Set<string>;
  vetoesIssued: number;
  /** Objections to lodge: at most this many per notice, and which are upheld. */
  upheldObjections: Set<string>;
  /** Each branch's ledger row (附件1): its grade and the contact who answers for it, as the plans copy them. */
  ledger: Map<string, { grade: BranchGrade; contact: string; contactTitle: string; phone: string }>;
}

async function scriptActors(ds: DataSource, rng: Rng, year: number, applicationDue: string, seed: number): Promise<Script> {
  // Ordered by code, which the generated tree fixes (ids are random), so the seed decides alone.
  const all: Array<{ id: string; name: string; parent: string; grade: BranchGrade | null }> = await ds.query(
    `SELECT b.id, b.name, b.parent_id AS parent, l.grade FROM organisations b LEFT JOIN ledger_entries l ON l.branch_id = b.id WHERE b.level = 'branch' ORDER BY b.code`,
  );
  // Branches know the rule: one graded lagging or weak and lax waits for its rectification to be accepted.
  const branches = all.filter((b) => !recommendationBar(b.name, b.grade));
  const byParent = new Map<string, typeof branches>();
  for (const b of branches) byParent.set(b.parent, [...(byParent.get(b.parent) ?? []), b]);
  const applications: Script['applications'] = [];
  const first = `${year}-01-04`;
  const span = Math.round((Date.parse(applicationDue) - Date.parse(first)) / DAY) - 3;
  for (const group of byParent.values()) {
    // About half of every committee's branches apply (seven in ten of the eligible ones), at least two where there are two.
    const share = group.filter(() => rng() < 0.7);
    const applying = share.length >= 2 || group.length < 2 ? share : group.slice(0, 2);
    for (const b of applying) {
      const honours = rng() < 0.15 ? [{ title: '山东省先进基层党组织', level: 'provincial', year: year - 2 }] : [{ title: '泰安市先进基层党组织', level: 'city', year: year - 1 }];
      // Some branches list a provincial honour of long ago: not "近年来", so it puts them first in line no more.
      if (keyed(seed, `old-honour:${b.name}`) < 0.1) honours.push({ title: '山东省五好基层党组织', level: 'provincial', year: year - 8 });
      applications.push({
        branchId: b.id,
        on: addCalendarDays(first, Math.floor(rng() * span)),
        late: false,
        form: {
          secretaryName: '张建国',
          secretaryPhone: '13800000000',
          basicSituation: `${b.name}现有党员32名，组织健全，制度落实。`,
          honours,
          mainDeeds: `${b.name}围绕中心工作，发挥战斗堡垒作用，带领群众干事创业。`,
        },
      });
    }
  }
  // Three branches that did not apply try a week after the deadline.
  const applied = new Set(applications.map((a) => a.branchId));
  for (const b of branches.filter((x) => !applied.has(x.id)).slice(0, 3)) {
    applications.push({ branchId: b.id, on: addCalendarDays(applicationDue, 7), late: true, form: applications[0]!.form });
  }
  const barred = all.find((b) => recommendationBar(b.name, b.grade));
  const ineligibleTries = barred ? [{ branchId: barred.id, on: addCalendarDays(first, 3) }] : [];
  // Two applicants, in committees with at least four, are regraded the day after the applications close.
  const byCommittee = new Map<string, string[]>();
  for (const a of applications.filter((x) => !x.late)) {
    const parent = all.find((b) => b.id === a.branchId)!.parent;
    byCommittee.set(parent, [...(byCommittee.get(parent) ?? []), a.branchId]);
  }
  const downgrades = [...byCommittee.entries()]
    .filter(([, ids]) => ids.length >= 4)
    .slice(0, 2)
    .map(([committeeId, ids]) => ({ branchId: ids[ids.length - 1]!, committeeId, on: addCalendarDays(applicationDue, 1) }));
  const committees: Array<{ id: string }> = await ds.query(`SELECT id FROM organisations WHERE level = 'grassroots_committee' ORDER BY code`);
  const agencies: Array<{ id: string }> = await ds.query(`SELECT id FROM organisations WHERE level = 'agency' AND agency_kind = 'audit' ORDER BY code`);
  const vetoBranches = new Set(applications.filter((a) => !a.late && rng() < 0.03).map((a) => a.branchId));
  const ledgerRows: Array<{ branch_id: string; grade: BranchGrade; contact: string; contact_title: string; phone: string }> = await ds.query(
    `SELECT branch_id, grade, contact, contact_title, phone FROM ledger_entries`,
  );
  return {
    applications,
    ineligibleTries,
    downgrades,
    lateCommittees: new Set(committees.length ? [pick(rng, committees).id] : []),
    silentAgencies: new Set(agencies.length ? [pick(rng, agencies).id] : []),
    vetoBranches,
    vetoesIssued: 0,
    upheldObjections: new Set(),
    ledger: new Map(ledgerRows.map((r) => [r.branch_id, { grade: r.grade, contact: r.contact, contactTitle: r.contact_title, phone: r.phone }])),
  };
}

interface ActorContext {
  owner: DataSource;
  api: Http;
  tokenFor: (organisationId: string, role: string) => Promise<string>;
  adminToken: string;
  campaignId: string;
  script: Script;
  today: string;
  seed: number;
  acted: Set<string>;
  /** Consultations whose committee already waited once for a late answer. */
  waitedFor: Set<string>;
  stats: Stats;
  now: number;
}

/** Everyone with an open task does it: on time, or — for the late committees — only after its deadline, asking for an extension when refused. */
async function actOnTasks(x: ActorContext): Promise<void> {
  // Worked by the day they arrived, then by names that are the same in every run: the instant of arrival within a day
  // moves with the worker's pace, and ids are drawn afresh, so ordering by either would give a seed a different year.
  const open: Array<{ id: string; kind: string; title: string; organisation_id: string; organisation_code: string; role: string; due_at: Date | null; form: TaianForm | null; subject_id: string; created_at: Date }> = await x.owner.query(
    `SELECT t.id, t.kind, t.title, t.organisation_id, o.code AS organisation_code, t.role, t.due_at, t.form, t.subject_id, t.created_at
       FROM tasks t JOIN organisations o ON o.id = t.organisation_id
      WHERE t.status = 'open' AND (t.campaign_id = $1 OR t.kind = 'nomination_review') AND t.kind <> 'consultation_request'
      ORDER BY date_trunc('day', t.created_at AT TIME ZONE 'Asia/Shanghai'), o.code, t.kind, t.title, t.role`,
    [x.campaignId],
  );
  for (const t of open) {
    const late = x.script.lateCommittees.has(t.organisation_id);
    if (late && t.due_at && x.now <= t.due_at.getTime() + 2 * DAY) continue;
    const token = await x.tokenFor(t.organisation_id, t.role);
    const body = decisionFor(t, x);
    if (t.kind === 'secretary_report' && !x.stats.refusals.intruder) {
      // A reviewer of another committee tries to do this committee's work: the task is not even visible to them.
      const [other] = await x.owner.query(`SELECT id FROM organisations WHERE level = 'grassroots_committee' AND id <> $1 ORDER BY code LIMIT 1`, [t.organisation_id]);
      const intruder = await x.api.call('POST', `/tasks/${t.id}/decision`, await x.tokenFor(other.id, 'reviewer'), body);
      if (intruder.status !== 404) throw new Error(`another committee's reviewer was not kept out: ${intruder.status}`);
      x.stats.refusals.intruder = intruder.body?.message as string;
    }
    if (t.kind === 'committee_selection' && !x.stats.refusals.badPick) {
      // One committee first tries to recommend one branch fewer than 1:2 requires; the rule refuses it and nothing changes.
      const chosen = (body.data as { chosen: string[] }).chosen;
      const bad = await x.api.call('POST', `/tasks/${t.id}/decision`, token, { ...body, data: { chosen: chosen.slice(1) } });
      if (bad.status !== 422) throw new Error(`a pick breaking 1:2 was not refused: ${bad.status}`);
      x.stats.refusals.badPick = bad.body?.message as string;
    }
    if (t.form?.kind === 'selection') await tryBreakingThePick(x, t.id, token, t.form, body);
    let res = await x.api.call('POST', `/tasks/${t.id}/decision`, token, body);
    if (res.status === 422 && res.body?.code === 'DEADLINE_PASSED') {
      // Work the document requires by a date: the administrator extends it, with a reason, then it is submitted.
      const extended = new Date(x.now + 3 * DAY).toISOString();
      const ext = await x.api.call('POST', `/tasks/${t.id}/actions`, x.adminToken, { type: 'extend', dueAt: extended, opinion: '因特殊情况逾期，经批准延期三日报送' });
      if (ext.status !== 200) throw new Error(`extension refused: ${JSON.stringify(ext.body)}`);
      x.stats.extensions++;
      res = await x.api.call('POST', `/tasks/${t.id}/decision`, token, body);
    }
    if (res.status !== 200 && res.status !== 409) throw new Error(`${t.kind} ${t.id}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    if (t.kind === 'consultation_gap') x.waitedFor.add(t.subject_id);
  }
}

/** The forms a Tai'an campaign's tasks carry. */
type TaianForm = ScoresForm | SelectionForm | CultivationPlanForm | MentoringPlanForm | InspectionForm | StrikeForm | SpotCheckForm | EvidenceForm;

function decisionFor(t: { kind: string; title: string; organisation_code: string; form: TaianForm | null; subject_id: string }, x: ActorContext): Record<string, unknown> {
  switch (t.kind) {
    case 'nomination_review':
      return { decision: 'approve', opinion: '材料齐全，同意受理' };
    case 'objection_investigation':
      return x.script.upheldObjections.has(t.subject_id)
        ? { decision: 'upheld', opinion: '经核查，反映问题属实，取消推荐资格' }
        : { decision: 'dismissed', opinion: '经核查，反映问题与事实不符' };
    case 'city_committee_decision': {
      // The committee strikes one branch off the first list it sees; the department refills the place and the amended list is approved.
      const items = (t.form as StrikeForm | null)?.items ?? [];
      return t.title.includes('递补后') || items.length < 2
        ? { decision: 'approved', opinion: '同意命名' }
        : { decision: 'strike', opinion: '经市委常委会研究，其余同意命名', data: { struck: [{ itemId: items.at(-1)!.id, reason: '该党支部近期有群众信访反映的问题尚在核查，暂缓命名' }] } };
    }
    case 'consultation_gap':
      // The committee gives a silent agency one more wait, then goes ahead with the gap and its reason on record.
      return x.waitedFor.has(t.subject_id)
        ? { decision: 'proceed', opinion: '该单位逾期仍未反馈，经电话催办未果，经党委会议研究，记录缺项后继续研究推荐名单' }
        : { decision: 'wait', opinion: '已电话催办，再等待三日' };
    default:
      break;
  }
  const form = t.form;
  const opinion: Record<string, string> = {
    secretary_report: '已组织支部书记述职',
    inspection: '已通过查阅资料、座谈交流、党员群众测评进行考察',
    grassroots_report: '同意推荐',
    formal_submission: '经党委会议研究，同意推荐，现正式行文上报',
    evaluation_vote: '测评推荐已完成',
    collective_decision: '经班子集体研究，差额推荐',
    observation_meeting: '已组织集中观摩交流',
    spot_check: '已完成本半年度抽查暗访',
    committee_red_flag_list: '经党委会议研究，评选本级红旗党支部',
    committee_selection: '经党委会议研究，从本级红旗党支部中按比例确定推荐对象',
    city_review: '经评审，提出初步名单',
    cultivation_plan: '报送三年培树计划',
    mentoring_plan: '报送帮带工作配档表',
  };
  const base = { decision: 'completed', opinion: opinion[t.kind] ?? '已办理' };
  if (!form) return base;
  switch (form.kind) {
    case 'scores':
      return {
        ...base,
        data: {
          participants: 30 + Math.floor(keyed(x.seed, `participants:${t.organisation_code}:${t.title}`) * 50),
          scores: Object.fromEntries(form.candidates.map((c) => [c.id, 60 + Math.round(keyed(x.seed, `score:${c.name}`) * 38)])),
        },
      };
    case 'selection': {
      const chosen = choose(form.candidates, form.rules);
      // Over the 10% cap the committee states why ("原则上"), as the plan allows.
      const cap = form.rules.cap;
      const over = cap && chosen.length > capOf(cap);
      const capException = over ? `本单位所辖党支部${cap.governed}个，为使上级差额遴选有足够的候选对象，经党委会议集体研究，上报${chosen.length}个，超出10%（${capOf(cap)}个）` : undefined;
      return { ...base, data: { chosen, ...(capException ? { capException } : {}) } };
    }
    case 'strike':
      return base;
    case 'evidence':
      return { ...base, data: { evidence: '已组织所辖党支部书记集中观摩交流，观摩现场3处，交流发言12人，会议记录及照片存档' } };
    case 'spot_check': {
      // Two branches a half-year; in the second half the department finds one wanting and withdraws its title.
      const second = form.period.includes('上半年');
      return {
        ...base,
        data: {
          checks: form.branches.slice(0, 2).map((b, i) =>
            second && i === 0
              ? { itemId: b.id, findings: '暗访发现“三会一课”记录补记、班子成员违纪受处分', verdict: 'withdrawn', reason: '党支部班子成员违纪受处分，造成不良影响' }
              : { itemId: b.id, findings: '线上查看与实地抽查均符合红旗党支部标准', verdict: 'kept' },
          ),
        },
      };
    }
    case 'inspection':
      return {
        ...base,
        data: {
          records: form.candidates.map((c) => ({
            candidateId: c.id,
            inspectors: '市管党委组织部考察组：王建国、李红',
            inspectedOn: x.today,
            findings: `${c.name}：查阅资料齐全，座谈交流反映良好，党员群众测评满意率${85 + Math.round(keyed(x.seed, `inspection:${c.name}`) * 14)}%`,
          })),
        },
      };
    case 'cultivation_plan':
      return { ...base, data: { rows: cultivationRows(form, x.script) } };
    case 'mentoring_plan':
      return { ...base, data: { rows: mentoringRows(form, x.script, x.seed) } };
  }
}

const CULTIVATION_MEASURES = ['选优配强支部班子，书记参加市级示范培训', '规范“三会一课”，推行主题党日固定化', '结对共建，示范带动周边支部', '建设标准化党群服务阵地', '围绕中心工作设岗定责，党员亮诺践诺'];

/** 附件2 as a committee fills it: each year the branches it must cultivate, from the start of its list round, each with the ledger's contact. */
function cultivationRows(form: CultivationPlanForm, script: Script): unknown[] {
  if (!form.branches) return form.years.map((year) => ({ year, branchName: `第${year}年度培树党支部`, measures: '结对共建，示范带动' }));
  const branches = form.branches;
  return form.years.flatMap((year, y) =>
    Array.from({ length: form.minRowsPerYear }, (_, i) => {
      // A different slice of its branches each year where it has more than it must name: 率先培树、重点培养、长远储备.
      const b = branches[(y * form.minRowsPerYear + i) % branches.length]!;
      const row = script.ledger.get(b.id);
      return {
        year,
        branchId: b.id,
        measures: CULTIVATION_MEASURES[(i + y) % CULTIVATION_MEASURES.length]!,
        contact: row?.contact || '王志强',
        contactTitle: row?.contactTitle || '党委副书记',
        phone: row?.phone || '0538-8226001',
      };
    }),
  );
}

/** 附件4 as a committee fills it: the weakest branches first, about five to each named branch, none twice and none its own mentor. */
function mentoringRows(form: MentoringPlanForm, script: Script, seed: number): unknown[] {
  const row = (mentorId: string, mentee: string, menteeId: string | null, grade: string) => ({
    mentorId,
    ...(menteeId ? { menteeId } : { mentee }),
    menteeGrade: grade,
    goal: '一年晋位升级，两年争创过硬党支部',
    measures: '组织共建、活动共办、书记结对传帮带',
    deadline: form.lastDeadline,
  });
  if (!form.branches) return form.mentors.flatMap((m) => Array.from({ length: form.minMenteesPerMentor }, (_, i) => row(m.id, `被帮带党支部${i + 1}`, null, '中间')));
  const rank: Record<BranchGrade, number> = { weak_and_lax: 0, lagging: 1, average: 2, advanced: 3 };
  const mentorBranches = new Set(form.mentors.map((m) => m.branchId));
  const pool = form.branches
    .filter((b) => !mentorBranches.has(b.id))
    .sort((a, b) => rank[script.ledger.get(a.id)?.grade ?? 'average'] - rank[script.ledger.get(b.id)?.grade ?? 'average']);
  const max = form.maxMenteesPerMentor ?? form.minMenteesPerMentor;
  let next = 0;
  return form.mentors.flatMap((m, i) => {
    // Between the minimum and the maximum ("左右"), as the pool left for the other mentors allows.
    const wanted = form.minMenteesPerMentor + Math.floor(keyed(seed, `mentees:${m.name}`) * (max - form.minMenteesPerMentor + 1));
    const leftForOthers = (form.mentors.length - i - 1) * form.minMenteesPerMentor;
    const count = Math.max(form.minMenteesPerMentor, Math.min(wanted, pool.length - next - leftForOthers));
    return pool.slice(next, (next += count)).map((b) => row(m.id, b.name, b.id, BRANCH_GRADE_LABELS[script.ledger.get(b.id)?.grade ?? 'average']));
  });
}

/**
 * Once each, a committee first tries a pick the rules refuse: a candidate barred by its ledger grade, or more than the
 * cap without a reason. Each must be refused (422) with its rule named, and change nothing.
 */
async function tryBreakingThePick(x: ActorContext, taskId: string, token: string, form: SelectionForm, body: Record<string, unknown>): Promise<void> {
  const data = body.data as { chosen: string[]; capException?: string };
  const barred = form.candidates.find((c) => c.ineligibleBecause && !c.excludedBecause);
  if (barred && data.chosen.length && !x.stats.refusals.ineligiblePick) {
    const bad = await x.api.call('POST', `/tasks/${taskId}/decision`, token, { ...body, data: { ...data, chosen: [barred.id, ...data.chosen.slice(1)] } });
    if (bad.status !== 422) throw new Error(`a pick of an ineligible branch was not refused: ${bad.status}`);
    x.stats.refusals.ineligiblePick = bad.body?.message as string;
  }
  if (data.capException && !x.stats.refusals.capWithoutReason) {
    const bad = await x.api.call('POST', `/tasks/${taskId}/decision`, token, { ...body, data: { chosen: data.chosen } });
    if (bad.status !== 422) throw new Error(`a pick over the cap without a reason was not refused: ${bad.status}`);
    x.stats.refusals.capWithoutReason = bad.body?.message as string;
  }
}

/** The committees follow the rules' own proposal: honours first, then the votes. */
function choose(candidates: SelectionCandidate[], rules: SelectionRules): string[] {
  return proposeSelection(candidates, rules).selected.slice(0, effectivePlaces(rules));
}

async function answerConsultations(x: Pick<ActorContext, 'owner' | 'api' | 'tokenFor' | 'campaignId' | 'script' | 'acted' | 'today' | 'seed'>): Promise<void> {
  const open: Array<{ id: string; subject_id: string; organisation_id: string; form: { candidates: Array<{ id: string; name: string }> } }> = await x.owner.query(
    `SELECT id, subject_id, organisation_id, form FROM tasks WHERE campaign_id = $1 AND kind = 'consultation_request' AND status = 'open'`,
    [x.campaignId],
  );
  for (const t of open) {
    if (x.script.silentAgencies.has(t.organisation_id) || x.acted.has(t.id)) continue;
    const token = await x.tokenFor(t.organisation_id, 'agency_consultee');
    const detail = await x.api.call('GET', `/consultations/${t.subject_id}`, token);
    const [kind] = await x.owner.query(`SELECT agency_kind FROM organisations WHERE id = $1`, [t.organisation_id]);
    const branches = new Map<string, string>(
      ((await x.owner.query(`SELECT id::text, branch_id FROM nominations WHERE id::text = ANY($1)`, [t.form.candidates.map((c) => c.id)])) as Array<{ id: string; branch_id: string }>).map((r) => [r.id, r.branch_id]),
    );
    // The discipline inspection body vetoes the scripted branches, and the first candidate it sees if nobody was vetoed yet.
    const discipline = kind.agency_kind === 'discipline_inspection';
    if (discipline && x.script.vetoesIssued === 0 && t.form.candidates.length) x.script.vetoBranches.add(branches.get(t.form.candidates[0]!.id) ?? '');
    // The police object (not veto) to a few candidates: the committees weigh that beside the scores.
    const police = kind.agency_kind === 'police';
    const answers = t.form.candidates.map((c) =>
      discipline && x.script.vetoBranches.has(branches.get(c.id) ?? '')
        ? { candidateId: c.id, answer: 'veto', reason: '该党支部班子成员存在违纪问题，造成不良影响' }
        : police && keyed(x.seed, `objection:${c.name}`) < 0.08
          ? { candidateId: c.id, answer: 'objection', reason: '该党支部所在单位有治安隐患尚未整改到位' }
          : { candidateId: c.id, answer: 'no_objection', reason: '' },
    );
    x.script.vetoesIssued += answers.filter((a) => a.answer === 'veto').length;
    if (detail.status !== 200) throw new Error(`consultation ${t.subject_id}: HTTP ${detail.status}`);
    const res = await x.api.call('POST', `/consultations/${t.subject_id}/answers`, token, { answers });
    if (res.status !== 200 && res.status !== 409) throw new Error(`answer ${t.subject_id}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    x.acted.add(t.id);
  }
}

/** The public reads the open notices; some objections are lodged, and on unit notices of city-managed committees one in three proves true. */
async function objectToNotices(x: Pick<ActorContext, 'owner' | 'api' | 'campaignId' | 'script' | 'acted' | 'seed'>): Promise<void> {
  const notices: Array<{ id: string; scope: string; level: string; title: string }> = await x.owner.query(
    `SELECT p.id, p.scope, o.level, p.title FROM public_notices p JOIN organisations o ON o.id = p.organisation_id WHERE p.campaign_id = $1 AND p.status = 'open' ORDER BY p.title`,
    [x.campaignId],
  );
  for (const n of notices) {
    if (x.acted.has(n.id)) continue;
    x.acted.add(n.id);
    const items: Array<{ item_id: string; name: string }> = await x.owner.query(`SELECT item_id, name FROM public_notice_items WHERE notice_id = $1 AND status = 'listed' ORDER BY name`, [n.id]);
    const upheldSoFar = x.script.upheldObjections.size;
    // Objections to a committee's notice may prove true; to the city's notice they are lodged and dismissed, so the named list stays full.
    const chance = n.level === 'city_managed_committee' ? (upheldSoFar === 0 ? 1 : 0.6) : n.scope === 'society' ? 1 : 0.15;
    if (!items.length || keyed(x.seed, `object:${n.title}`) >= chance) continue;
    const item = items[Math.floor(keyed(x.seed, `item:${n.title}`) * items.length)]!.item_id;
    const res = await x.api.call('POST', `/public/notices/${n.id}/objections`, null, {
      itemId: item,
      anonymous: true,
      content: '反映该党支部书记长期不在岗，组织生活流于形式，请予核查。',
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`objection: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    const upheld = n.level === 'city_managed_committee' && (upheldSoFar === 0 || keyed(x.seed, `uphold:${n.title}`) < 0.33);
    if (upheld) x.script.upheldObjections.add(res.body!.objectionId ?? res.body!.id!);
  }
}

/** Branches under each city-managed committee of a tree, as the campaign counts them when it allots the quota. */
function governedByCityManaged(city: DemoOrg): number[] {
  const branches = (o: DemoOrg): number => (o.level === 'branch' ? 1 : 0) + (o.children ?? []).reduce((a, c) => a + branches(c), 0);
  return (city.children ?? []).filter((c) => c.level === 'city_managed_committee').map(branches);
}
