import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src';
import { addTree, hefeiDemoUsers, hefeiSimulatedTree } from '../../../../libs/persistence/src';
import {
  FIVE_BASICS,
  type GradingForm,
  type GradingStandardForm,
  HEFEI_SELF_INSPECTION,
  type HefeiGrade,
  type SpecialInspectionForm,
  aGradeCap,
  hefeiSchedulesOf,
} from '../../../../libs/processes/src/hefei';
import { type ActorWorld, actorWorld, firstTime } from '../actor-world';
import { DAY, OPEN_TASK_COLUMNS, OPEN_TASK_ORDER, type OpenTask, dueForAction, rubricScores, simulateDays, startSimulatedCampaign } from '../campaign-days';
import { keyed } from '../random';
import { type Http, type StackOptions, startSimulationStack } from '../stack';


export interface HefeiSimulationOptions extends StackOptions {
  branches: number;
  /** Called after the year, while Temporal still runs (tests read the dashboards and fetch the histories here). */
  onFinished?: (run: { client: Client; campaignId: string; api: Http; tokenFor: (organisationId: string, role: string) => Promise<string> }) => Promise<void>;
}

export interface HefeiSimulationSummary {
  process: 'hefei';
  branches: number;
  seed: number;
  standardsFiled: number;
  standardsReturned: number;
  selfInspections: { due: number; onTime: number; late: number; missed: number };
  inspections: number;
  problems: { found: number; rectified: number; returned: number; open: number };
  graded: Record<HefeiGrade, number>;
  aCapRespected: boolean;
  reapplied: number;
  reports: { onTime: number; late: number };
  everyBranchGradedOrRectifying: boolean;
  cleanups: number;
  refusals: Record<string, string>;
  seconds: number;
}

/** Scripted exceptions: who is late, who is returned, who never files. */
interface Script {
  lateReportCommittee: string;
  returnedStandardCommittee: string;
  returnedApplicationBranch: string;
  lateSelfInspection: string;
  missedSelfInspection: string;
  lateRectification: boolean;
  /** Branches strong enough for A, more than the first committee's cap allows: its grading meets the cap. */
  strong: Set<string>;
}

interface World extends ActorWorld<Script> {
  refusals: Record<string, string>;
}

/**
 * A whole Hefei year (PROCESSES.md §2) against the time-skipping server, the
 * real worker, PostgreSQL and the API: every role finds its work in its
 * inbox and acts over HTTP (/tasks/{id}/decision) — standards filed and one
 * returned, quarterly self-inspections (one late, one missed), the bureau
 * committee's special inspections and their rectifications (one returned),
 * self-assessment, application (one returned), acceptance, grading (one
 * committee first proposing A over the cap), the report (one late), second
 * gradings after rectification, cleanups — and the figures are read back from
 * the database.
 */
export async function runHefeiSimulation(o: HefeiSimulationOptions): Promise<HefeiSimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const stack = await startSimulationStack(o, (owner) => addTree(owner, hefeiSimulatedTree(o.branches), hefeiDemoUsers));
  try {
    const { client, owner, api, tokenFor, orgId } = stack;
    const admin = await tokenFor(await orgId('hf-zzb'), 'administrator');
    const { campaignId, year } = await startSimulatedCampaign(stack, { process: 'hefei', admin, years: 1 });
    progress(`Hefei campaign ${year} started over ${o.branches} branches`);

    const committees: Array<{ id: string; code: string }> = await owner.query(`SELECT id, code FROM organisations WHERE level = 'grassroots_committee' AND code LIKE 'hf-%' ORDER BY code`);
    const branches: Array<{ id: string; code: string }> = await owner.query(`SELECT id, code FROM organisations WHERE level = 'branch' AND code LIKE 'hf-%' AND member_count > 0 ORDER BY code`);
    const script: Script = {
      lateReportCommittee: committees.at(-1)!.id,
      returnedStandardCommittee: committees[0]!.id,
      returnedApplicationBranch: branches[1]!.id,
      lateSelfInspection: branches[2]!.id,
      missedSelfInspection: branches[3]!.id,
      lateRectification: true,
      strong: new Set(branches.filter((b) => b.code.startsWith(`${committees[0]!.code}-`)).slice(0, 4).map((b) => b.code)),
    };
    const world: World = { ...actorWorld(stack, { seed: o.seed, campaignId, script }), refusals: {} };

    await simulateDays(stack, {
      campaignId,
      maxDays: 460,
      reportEvery: 14,
      work: async (now) => {
        world.now = now;
        await actOnTasks(world);
      },
      line: () => progressLine(owner, campaignId),
      progress,
    });
    await o.onFinished?.({ client, campaignId, api, tokenFor });
    const left: Array<{ kind: string; title: string }> = await owner.query(`SELECT kind, title FROM tasks WHERE campaign_id = $1 AND status = 'open' ORDER BY title`, [campaignId]);
    if (left.length) progress(`left open at the end: ${left.map((t) => `${t.kind} ${t.title}`).join('; ')}`);
    return await summarise(owner, { campaignId, branches: o.branches, seed: o.seed, refusals: world.refusals, seconds: (Date.now() - started) / 1000 });
  } finally {
    await stack.stop();
  }
}

async function progressLine(ds: DataSource, campaignId: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT string_agg(stage, ',' ORDER BY seq) FROM campaign_stages WHERE campaign_id = $1 AND status = 'open') AS stages,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'open') AS open,
            (SELECT count(*)::int FROM hefei_gradings WHERE campaign_id = $1 AND status = 'graded') AS graded`,
    [campaignId],
  );
  return `stages=${s.stages ?? '-'} open=${s.open} graded=${s.graded}`;
}

/** The day's work of every role: each open task of the campaign (and each organisation's obligations), done when its holder gets to it. */
async function actOnTasks(w: World): Promise<void> {
  const open: OpenTask[] = await w.owner.query(
    `SELECT ${OPEN_TASK_COLUMNS} FROM tasks t
      WHERE t.status = 'open' AND (t.campaign_id = $1 OR (t.kind = 'obligation' AND t.subject_id IN (SELECT id FROM obligation_occurrences WHERE schedule_id LIKE $2)))
      ORDER BY ${OPEN_TASK_ORDER}`,
    [w.campaignId, hefeiSchedulesOf(w.campaignId)],
  );
  for (const t of open) {
    // Each slot of a countersigned task is its own row, decided by its own holder.
    if (w.acted.has(t.id)) continue;
    if (!ready(t, w)) continue;
    const body = await decisionFor(t, w);
    if (!body) continue;
    const token = await w.tokenFor(t.organisation_id, t.role);
    const res = await w.api.call('POST', `/tasks/${t.id}/decision`, token, body);
    // 409: a countersigned task another slot's return already settled.
    if (res.status !== 200 && !(res.status === 409 && t.group_id)) throw new Error(`${t.kind} ${t.title}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    w.acted.add(t.id);
  }
}

/** Work is done a day or three after it arrives, before its deadline — except the scripted late ones, done a few days after it. */
function ready(t: OpenTask, w: World): boolean {
  const late = isLate(t, w);
  if (late === 'never') return false;
  if (late && t.due_at) return w.now > t.due_at.getTime() + 3 * DAY;
  return dueForAction(t, w.seed, w.now);
}

function isLate(t: OpenTask, w: World): boolean | 'never' {
  if (t.kind === 'hefei_report') return t.organisation_id === w.script.lateReportCommittee;
  if (t.kind === 'obligation' && t.title.includes('第2季度')) return t.organisation_id === w.script.lateSelfInspection;
  if (t.kind === 'obligation' && t.title.includes('第3季度') && t.organisation_id === w.script.missedSelfInspection) return 'never';
  if (t.kind === 'hefei_rectification' && w.script.lateRectification) {
    w.script.lateRectification = false;
    return true;
  }
  return false;
}

const quality = (w: World, branchCode: string, attempt: number) => {
  // After a rectification a branch meets the standard, without leaping to the top.
  if (attempt > 1) return 0.82;
  if (w.script.strong.has(branchCode)) return 0.97;
  const r = keyed(w.seed, `quality:${branchCode}`);
  // About a fifth strong (A), a tenth below standard (D), the rest B and C.
  return r < 0.22 ? 0.97 : r < 0.32 ? 0.5 : r < 0.7 ? 0.85 : 0.72;
};

/** What each kind of task is answered with: its decision, an opinion where one is needed, and its form. */
async function decisionFor(t: OpenTask, w: World): Promise<{ decision: string; opinion: string; data?: unknown } | null> {
  switch (t.kind) {
    case 'obligation':
      return { decision: 'completed', opinion: '', data: { evidence: `${t.title}：已对照“五个基本”开展自查，形成自查报告并整改发现的问题。` } };
    case 'hefei_standard': {
      const f = t.form as GradingStandardForm;
      return { decision: 'filed', opinion: '', data: { standard: { ...f.draft, name: `${f.committeeName}党支部分类定级标准`, isDefault: false } } };
    }
    case 'hefei_standard_review': {
      const [s] = await w.owner.query(`SELECT committee_id FROM hefei_grading_standards WHERE id = $1`, [t.subject_id]);
      if (s.committee_id === w.script.returnedStandardCommittee && t.role === 'reviewer' && firstTime(w, `standard:${s.committee_id}`)) {
        return { decision: 'return', opinion: '“基本活动”方面的考核标准过于笼统，请细化主题党日和“三会一课”的要求后重新报送' };
      }
      return { decision: 'accept', opinion: '同意备案' };
    }
    case 'hefei_special_inspection': {
      const f = t.form as SpecialInspectionForm;
      const problems = f.branches
        .filter((b) => keyed(w.seed, `problem:${f.half}:${b.name}`) < 0.12)
        .slice(0, 3)
        .map((b, i) => ({ branchId: b.id, dimension: FIVE_BASICS[i % FIVE_BASICS.length]!, problem: `${b.name}“三会一课”记录不全，组织生活会质量不高` }));
      return { decision: 'completed', opinion: '', data: { summary: `对${f.committeeName}开展专项督查，查阅台账、走访党员，共发现问题${problems.length}个。`, meeting: { heldOn: chinaDate(new Date(w.now)), notes: '通报督查情况，部署整改工作' }, problems } };
    }
    case 'hefei_rectification':
      return { decision: 'submitted', opinion: '', data: { evidence: '已补齐会议记录，重新召开组织生活会，整改到位。' } };
    case 'hefei_rectification_review':
      if (firstTime(w, 'rectification-review')) return { decision: 'return', opinion: '整改佐证材料不全，请补充组织生活会会议记录' };
      return { decision: 'accept', opinion: '整改到位，同意验收' };
    case 'hefei_self_assessment': {
      const [g] = await w.owner.query(`SELECT b.code, g.attempt FROM hefei_gradings g JOIN organisations b ON b.id = g.branch_id WHERE g.id = $1`, [t.subject_id]);
      return { decision: 'submitted', opinion: '', data: { scores: rubricScores(t.form!, quality(w, g.code, g.attempt), '见支部工作台账') } };
    }
    case 'hefei_application_review': {
      const [g] = await w.owner.query(`SELECT branch_id FROM hefei_gradings WHERE id = $1`, [t.subject_id]);
      if (g.branch_id === w.script.returnedApplicationBranch && firstTime(w, `application:${g.branch_id}`)) return { decision: 'return', opinion: '自评佐证材料不足，请补充后重新申报' };
      return { decision: 'approve', opinion: '同意申报' };
    }
    case 'hefei_acceptance': {
      const [g] = await w.owner.query(`SELECT b.code, g.attempt FROM hefei_gradings g JOIN organisations b ON b.id = g.branch_id WHERE g.id = $1`, [t.subject_id]);
      return { decision: 'accepted', opinion: '', data: { scores: rubricScores(t.form!, quality(w, g.code, g.attempt), '见支部工作台账'), vetoes: [] } };
    }
    case 'hefei_grading':
      return grading(t, w);
    case 'hefei_pairing':
      return { decision: 'assigned', opinion: '', data: { partner: '局机关第一党支部', plan: '每月开展一次结对共建，帮助完善“三会一课”制度' } };
    case 'hefei_report':
      return { decision: 'filed', opinion: '', data: { evidence: '本党委党支部分类定级工作已完成，定级结果已通报各党支部。' } };
    case 'hefei_cleanup':
      return { decision: 'dissolve', opinion: '该党支部已无党员，按程序予以撤销，党员组织关系已转出' };
    default:
      throw new Error(`the simulation does not know how to do ${t.kind}`);
  }
}

/** Grades as the scores earn them; a committee whose first grading earns more A than the cap allows first tries them all (refused), then lowers the extras to B. */
async function grading(t: OpenTask, w: World): Promise<{ decision: string; opinion: string; data: unknown }> {
  const f = t.form as GradingForm;
  const earned = f.branches.map((b) => ({ branchId: b.id, grade: b.earned }));
  const firstA = f.branches.filter((b) => b.firstGrading && b.earned === 'A');
  const cap = aGradeCap(f.branches.filter((b) => b.firstGrading).length, f.aGradeCap);
  if (firstA.length > cap && !w.refusals.aGradeCap) {
    const res = await w.api.call('POST', `/tasks/${t.id}/decision`, await w.tokenFor(t.organisation_id, t.role), { decision: 'graded', opinion: '', data: { grades: earned } });
    if (res.status !== 422 || res.body?.code !== 'A_GRADE_CAP') throw new Error(`A over the cap was not refused: ${res.status} ${JSON.stringify(res.body)}`);
    w.refusals.aGradeCap = res.body.message as string;
  }
  const lowered = new Set(
    [...firstA]
      .sort((a, b) => b.assessorTotal - a.assessorTotal)
      .slice(cap)
      .map((b) => b.id),
  );
  const grades = f.branches.map((b) => (lowered.has(b.id) ? { branchId: b.id, grade: 'B' as HefeiGrade, reason: '受首次定级A级比例（10%）限制，按得分排序评为B级' } : { branchId: b.id, grade: b.earned }));
  return { decision: 'graded', opinion: '经党委会研究评定', data: { grades } };
}

/** The year's figures, read back from what the process wrote. */
async function summarise(ds: DataSource, run: { campaignId: string; branches: number; seed: number; refusals: Record<string, string>; seconds: number }): Promise<HefeiSimulationSummary> {
  const id = run.campaignId;
  const one = async (sql: string, params: unknown[] = [id]) => Number((await ds.query(sql, params))[0].n);
  const [si] = await ds.query(
    `SELECT count(*)::int AS due,
            count(*) FILTER (WHERE status = 'completed' AND NOT completed_late)::int AS on_time,
            count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late,
            count(*) FILTER (WHERE status <> 'completed')::int AS missed
       FROM obligation_occurrences WHERE schedule_id LIKE $1 AND obligation_code = $2 AND status <> 'postponed'`,
    [hefeiSchedulesOf(id), HEFEI_SELF_INSPECTION],
  );
  const gradeRows: Array<{ grade: HefeiGrade; n: number }> = await ds.query(
    `SELECT grade, count(*)::int AS n FROM (SELECT DISTINCT ON (branch_id) grade FROM hefei_gradings WHERE campaign_id = $1 AND status = 'graded' ORDER BY branch_id, attempt DESC) g GROUP BY grade`,
    [id],
  );
  const caps: Array<{ first: number; a: number }> = await ds.query(
    `SELECT count(*)::int AS first, count(*) FILTER (WHERE grade = 'A')::int AS a FROM hefei_gradings WHERE campaign_id = $1 AND first_grading AND status = 'graded' GROUP BY committee_id`,
    [id],
  );
  const [reports] = await ds.query(`SELECT count(*) FILTER (WHERE NOT late)::int AS on_time, count(*) FILTER (WHERE late)::int AS late FROM hefei_committee_reports WHERE campaign_id = $1`, [id]);
  const unaccounted = await one(
    `SELECT count(*)::int AS n FROM organisations b
      WHERE b.level = 'branch' AND b.code LIKE 'hf-%' AND b.member_count > 0
        AND NOT EXISTS (SELECT 1 FROM hefei_gradings g WHERE g.branch_id = b.id AND g.campaign_id = $1 AND g.status = 'graded' AND g.grade <> 'D')
        AND NOT EXISTS (SELECT 1 FROM hefei_rectifications r WHERE r.branch_id = b.id AND r.campaign_id = $1 AND r.source = 'grading')`,
  );
  return {
    process: 'hefei',
    branches: run.branches,
    seed: run.seed,
    standardsFiled: await one(`SELECT count(DISTINCT committee_id)::int AS n FROM hefei_grading_standards WHERE campaign_id = $1 AND status = 'accepted'`),
    standardsReturned: await one(`SELECT count(*)::int AS n FROM hefei_grading_standards WHERE campaign_id = $1 AND status = 'returned'`),
    selfInspections: { due: si.due, onTime: si.on_time, late: si.late, missed: si.missed },
    inspections: await one(`SELECT count(*)::int AS n FROM hefei_special_inspections WHERE campaign_id = $1`),
    problems: {
      found: await one(`SELECT count(*)::int AS n FROM hefei_rectifications WHERE campaign_id = $1 AND source = 'special_inspection'`),
      rectified: await one(`SELECT count(*)::int AS n FROM hefei_rectifications WHERE campaign_id = $1 AND status = 'accepted'`),
      returned: await one(`SELECT count(*)::int AS n FROM hefei_rectification_steps s JOIN hefei_rectifications r ON r.id = s.rectification_id WHERE r.campaign_id = $1 AND s.action = 'returned'`),
      open: await one(`SELECT count(*)::int AS n FROM hefei_rectifications WHERE campaign_id = $1 AND status <> 'accepted'`),
    },
    graded: { A: 0, B: 0, C: 0, D: 0, ...Object.fromEntries(gradeRows.map((g) => [g.grade, g.n])) },
    aCapRespected: caps.every((c) => c.a <= aGradeCap(c.first)),
    reapplied: await one(`SELECT count(*)::int AS n FROM hefei_gradings WHERE campaign_id = $1 AND attempt > 1`),
    reports: { onTime: reports.on_time, late: reports.late },
    everyBranchGradedOrRectifying: unaccounted === 0,
    cleanups: await one(`SELECT count(*)::int AS n FROM hefei_cleanup_reviews WHERE campaign_id = $1 AND status <> 'open'`),
    refusals: run.refusals,
    seconds: Math.round(run.seconds * 10) / 10,
  };
}

