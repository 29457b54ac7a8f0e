import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { type ObligationRecordForm, type SelectionForm, addCalendarDays, chinaDate, isEligible } from '../../../../libs/domain/src';
import { addTree, ziboDemoUsers, ziboSimulatedTree } from '../../../../libs/persistence/src';
import { type ProjectScreeningForm, type StandardScoresForm, ZIBO_CRITERIA, type DualRatingsForm } from '../../../../libs/processes/src/zibo';
import { DAY, OPEN_TASK_COLUMNS, OPEN_TASK_ORDER, type OpenTask, taskKey, actInParallel, actionTime, simulateDays, startSimulatedCampaign } from '../campaign-days';
import { keyed } from '../random';
import { type Http, type StackOptions, startSimulationStack } from '../stack';
import { skipTime } from '../time-skipping';

/** Decisions sent at once: the bureau's branches act side by side, as their people would. */
const CONCURRENCY = 16;

export interface ZiboSimulationOptions extends StackOptions {
  branches: number;
  /** Reads what a test needs while Temporal still runs (recorded histories, pages over HTTP). */
  onFinished?: (run: { client: Client; campaignId: string; api: Http; tokenFor: (organisationId: string, role: string) => Promise<string>; script: Script }) => Promise<void>;
}

export interface ZiboSimulationSummary {
  process: 'zibo';
  branches: number;
  seed: number;
  year: number;
  hardBranches: string[];
  projects: { proposals: number; committeeScreened: number; membersScreened: number; submitted: number; returned: number; rejected: number; approved: number; accepted: number; failed: number };
  branchesWithProject: number;
  flagged: number;
  everyBranchWithProjectOrFlagged: boolean;
  plans: { filed: number; returned: number; acknowledged: number };
  evaluation: { standards: number; selfAssessed: number; bureauAssessed: number; benchmarked: number };
  dutyReports: { reported: number; rated: number; ratings: Record<string, number> };
  obligations: { due: number; onTime: number; late: number; missed: number; records: number; overMax: number; rate: number };
  seconds: number;
}

/** Who plays which part, fixed by the seed. */
export interface Script {
  /** Its project is returned once at approval, then approved. */
  returned: string;
  /** Its project is rejected at approval: no approved project by the date, so it is flagged. */
  rejected: string;
  /** Its project fails acceptance. */
  failing: string;
  /** Its plan is returned once. */
  planReturned: string;
}

interface World {
  api: Http;
  owner: DataSource;
  seed: number;
  campaignId: string;
  tokenFor(organisationId: string, role: string): Promise<string>;
  script: Script;
  acted: Set<string>;
  once: Set<string>;
  /** Records given so far, by counted occurrence. */
  records: Map<string, number>;
  /** Answers 503 (the engine busy): tried again the next day. */
  busy: number;
  now: number;
}

/**
 * A year of Zibo's hard-branch building (PROCESSES.md §4) against the
 * time-skipping server, the real worker, PostgreSQL and the API, every role
 * acting over HTTP from its inbox: plans filed (one returned), standards,
 * self-assessment, the bureau's assessment and benchmarking; a project per
 * branch from the members' proposals to acceptance (one returned at approval,
 * one rejected and so flagged, one failing acceptance); duty reports and both
 * ratings; the counted standing duties (a few late, a few missed, a few group
 * meetings past the maximum); the year-end pick of hard branches on notice.
 */
export async function runZiboSimulation(o: ZiboSimulationOptions): Promise<ZiboSimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const stack = await startSimulationStack(o, (owner) => addTree(owner, ziboSimulatedTree(o.branches), ziboDemoUsers));
  try {
    const { client, owner, api, tokenFor, orgId, env } = stack;
    const admin = await tokenFor(await orgId('zb-jgdw'), 'administrator');
    const { campaignId, year } = await startSimulatedCampaign(stack, { process: 'zibo', admin, years: 1 });
    progress(`Zibo year ${year} started over ${o.branches} branches`);
    const branches: Array<{ id: string }> = await owner.query(`SELECT id FROM organisations WHERE level = 'branch' AND code LIKE 'zb-%' ORDER BY code`);
    const at = (k: number) => branches[Math.floor(keyed(o.seed, `script:${k}`) * Math.max(branches.length / 4, 1)) + Math.floor((k * branches.length) / 4)]!.id;
    const world: World = {
      api,
      owner,
      seed: o.seed,
      campaignId,
      tokenFor,
      script: { returned: at(0), rejected: at(1), failing: at(2), planReturned: at(3) },
      acted: new Set(),
      once: new Set(),
      records: new Map(),
      busy: 0,
      now: 0,
    };
    await simulateDays(stack, {
      campaignId,
      maxDays: 366 + 40,
      reportEvery: 30,
      work: async (now) => {
        world.now = now;
        return actOnTasks(world);
      },
      line: async () => `${await progressLine(owner, campaignId)} busy=${world.busy}`,
      progress,
    });
    // The year's last duties fall due on 31 December: a day past it, every occurrence is counted done, late or missed.
    await skipTime(env, 2 * DAY, progress);
    await o.onFinished?.({ client, campaignId, api, tokenFor, script: world.script });
    return await summarise(owner, { campaignId, branches: o.branches, seed: o.seed, year, seconds: (Date.now() - started) / 1000 });
  } catch (err) {
    // Said before the stack stops: a failure while stopping would hide it.
    progress(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    throw err;
  } finally {
    await stack.stop();
  }
}

const schedulesOf = (campaignId: string) => `zibo-${campaignId}-%`;

async function progressLine(ds: DataSource, campaignId: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT string_agg(stage, ',' ORDER BY seq) FROM campaign_stages WHERE campaign_id = $1 AND status = 'open') AS stages,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'open') AS open,
            (SELECT count(*)::int FROM zibo_projects WHERE campaign_id = $1 AND status IN ('approved', 'in_progress', 'accepted', 'failed')) AS approved`,
    [campaignId],
  );
  return `stages=${s.stages ?? '-'} open=${s.open} approved=${s.approved}`;
}

/**
 * The day's work of every role: each open task of the year and each counted
 * duty, done when its holder gets to it. When the next work is due: tomorrow
 * after a day's work, else the first instant a holder acts on a task still open.
 */
async function actOnTasks(w: World): Promise<number> {
  const open: OpenTask[] = await w.owner.query(
    `SELECT ${OPEN_TASK_COLUMNS} FROM tasks t
      WHERE t.status = 'open' AND (t.campaign_id = $1 OR (t.kind = 'obligation' AND t.subject_id IN (SELECT id FROM obligation_occurrences WHERE schedule_id LIKE $2)))
      ORDER BY ${OPEN_TASK_ORDER}`,
    [w.campaignId, schedulesOf(w.campaignId)],
  );
  const waiting = open.filter((t) => !w.acted.has(t.id));
  const due = waiting.filter((t) => actionAt(t, w) <= w.now);
  await actInParallel(due, CONCURRENCY, (t) => act(t, w));
  if (due.length) return w.now + DAY;
  return Math.min(...waiting.map((t) => actionAt(t, w)));
}

/** How many records a counted occurrence gets: its minimum (hours in two sittings); now and then a group meeting past the maximum. */
function recordsWanted(t: OpenTask, w: World): number {
  const f = t.form as ObligationRecordForm;
  if (f.unit === 'hours') return 2;
  return f.max !== undefined && keyed(w.seed, `over:${taskKey(t)}`) < 0.03 ? f.max + 1 : f.min;
}

/**
 * When a holder gets to a task: a day or three after it arrives, before its
 * deadline; a few duties a week late, a few never (a period's records are
 * entered in one sitting).
 */
function actionAt(t: OpenTask, w: World): number {
  if (t.kind === 'obligation') {
    const r = keyed(w.seed, `obligation:${taskKey(t)}`);
    if (r < 0.01) return Infinity;
    if (r < 0.03 && t.due_at) return t.due_at.getTime() + 7 * DAY + 1;
  }
  return actionTime(t, w.seed);
}

/** A task's decision; a counted duty's records for the period, all in one. */
async function act(t: OpenTask, w: World): Promise<void> {
  const body = await decisionFor(t, w);
  if (!body) return;
  const res = await w.api.call('POST', `/tasks/${t.id}/decision`, await w.tokenFor(t.organisation_id, t.role), body);
  // The engine busy (a loaded machine): the holder tries again the next day; the task still shows whether it went through.
  if (res.status === 503) {
    w.busy++;
    return;
  }
  // Done meanwhile (a busy answer that went through after all), or a late period closed by the record that completed it.
  if (res.status === 409) {
    w.acted.add(t.id);
    return;
  }
  if (res.status !== 200) throw new Error(`${t.kind} ${t.title}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  if (t.kind === 'obligation') w.records.set(t.id, recordsWanted(t, w));
  w.acted.add(t.id);
}

type Decision = { decision: string; opinion: string; data?: unknown } | null;

async function decisionFor(t: OpenTask, w: World): Promise<Decision> {
  const first = (key: string) => !w.once.has(key) && Boolean(w.once.add(key));
  const today = chinaDate(new Date(w.now));
  switch (t.kind) {
    case 'obligation': {
      // The period's records entered in one sitting, in one decision: each a day before the next (never before the period).
      const f = t.form as ObligationRecordForm;
      const wanted = recordsWanted(t, w) - (w.records.get(t.id) ?? 0);
      const entries = Array.from({ length: wanted }, (_, k) => {
        const held = addCalendarDays(today, k - (wanted - 1));
        return { date: held < f.periodStart ? f.periodStart : held, attendees: '支部党员8人', minutes: `${t.title}：按计划开展，会议记录和签到表已存档。`, ...(f.unit === 'hours' ? { hours: 12 } : {}) };
      });
      const [first, ...more] = entries;
      return { decision: 'recorded', opinion: '', data: { ...first, ...(more.length ? { more } : {}) } };
    }
    case 'zibo_annual_plan':
      return {
        decision: 'submitted',
        opinion: '',
        data: {
          items: [
            { month: 3, meeting: 'members_meeting', topic: '学习贯彻上级精神，部署全年工作', procedure: '签到、传达学习、讨论、表决' },
            { month: 1, meeting: 'committee_meeting', topic: '研究年度党建工作计划', procedure: '书记主持，逐一发表意见，书记末位发言' },
            { month: 1, meeting: 'group_meeting', topic: '学习党章', procedure: '组长主持，集体学习，交流发言' },
            { month: 6, meeting: 'party_lesson', topic: '书记讲党课：科技创新与党建融合', procedure: '书记主讲，党员交流' },
          ],
        },
      };
    case 'zibo_plan_review': {
      // The review's subject is the branch, held by the bureau.
      const [s] = await w.owner.query(`SELECT subject_id FROM tasks WHERE id = $1`, [t.id]);
      if (s.subject_id === w.script.planReturned && first('plan-return')) return { decision: 'return', opinion: '请细化每次会议的主题和程序步骤后重新报送' };
      return { decision: 'acknowledge', opinion: '' };
    }
    case 'zibo_standard':
      return { decision: 'submitted', opinion: '', data: { criteria: ZIBO_CRITERIA.map((criterion) => ({ criterion, requirements: '结合本支部实际细化的具体要求', points: 20 })) } };
    case 'zibo_self_assessment':
    case 'zibo_bureau_assessment': {
      const f = t.form as unknown as StandardScoresForm;
      const quality = 0.7 + keyed(w.seed, `quality:${taskKey(t)}`) * 0.3;
      return { decision: 'submitted', opinion: '', data: { scores: f.criteria.map((c) => ({ criterion: c.criterion, score: Math.round(c.points * quality * 2) / 2, note: '对照标准逐项检查' })) } };
    }
    case 'zibo_benchmarking':
      return { decision: 'submitted', opinion: '', data: { gaps: [{ criterion: 'party_life', gap: '组织生活形式较单一', measure: '开展主题党日活动创新', dueOn: `${today.slice(0, 4)}-12-31` }] } };
    case 'zibo_project_proposals':
      return {
        decision: 'submitted',
        opinion: '',
        data: {
          proposals: [
            { proposer: '党员甲', title: '科技服务进企业', content: '走访科技型企业，解决技术难题' },
            { proposer: '党员乙', title: '政策宣讲进园区', content: '宣讲科技创新扶持政策' },
          ],
        },
      };
    case 'zibo_committee_screening':
    case 'zibo_members_screening': {
      const f = t.form as unknown as ProjectScreeningForm;
      return { decision: 'submitted', opinion: '', data: { chosen: f.proposals.slice(0, f.meeting === 'members' ? 1 : 2).map((p) => p.id), attendees: f.meeting === 'members' ? '全体党员' : '支部委员', minutes: '会议讨论后表决通过' } };
    }
    case 'zibo_project_approval': {
      const [p] = await w.owner.query(`SELECT branch_id FROM zibo_projects WHERE id = $1`, [t.subject_id]);
      if (p.branch_id === w.script.rejected) return { decision: 'reject', opinion: '项目与支部职能关联不紧，不予通过' };
      if (p.branch_id === w.script.returned && first('project-return')) return { decision: 'return', opinion: '请明确项目的量化目标和完成时限' };
      return { decision: 'approve', opinion: '' };
    }
    case 'zibo_project_revision':
      return { decision: 'submitted', opinion: '', data: { title: '科技服务进企业（走访20家）', content: '全年走访科技型企业20家，解决技术难题不少于5个' } };
    case 'zibo_project_progress': {
      // Progress once, then carried out when the implementation stage is well under way.
      const finished = !first(`progress:${t.subject_id}`);
      return { decision: 'submitted', opinion: '', data: { progress: finished ? '项目全部完成' : '项目按计划推进', evidence: '工作台账、照片', finished } };
    }
    case 'zibo_project_acceptance': {
      const [p] = await w.owner.query(`SELECT branch_id FROM zibo_projects WHERE id = $1`, [t.subject_id]);
      return p.branch_id === w.script.failing ? { decision: 'fail', opinion: '实施效果缺少佐证，验收不合格' } : { decision: 'pass', opinion: '实施效果良好，验收合格' };
    }
    case 'zibo_duty_report':
      return { decision: 'submitted', opinion: '', data: { report: '一年来认真履行党建第一责任人职责，落实“三会一课”，推进党建项目。' } };
    case 'zibo_dual_ratings': {
      const f = t.form as unknown as DualRatingsForm;
      const r = keyed(w.seed, `rating:${taskKey(t)}`);
      return { decision: 'submitted', opinion: '', data: { bureauRating: f.scale[r < 0.6 ? 0 : 1], membersRating: f.scale[r < 0.5 ? 0 : r < 0.9 ? 1 : 2], membersParticipants: 12 } };
    }
    case 'zibo_hard_branch_selection': {
      const f = t.form as SelectionForm;
      return { decision: 'completed', opinion: '局党委会议研究，按考评得分差额评选', data: { chosen: f.candidates.filter(isEligible).sort((a, b) => b.score - a.score).slice(0, f.rules.places).map((c) => c.id) } };
    }
    case 'zibo_title_review':
      return { decision: 'retain', opinion: '' };
    case 'objection_investigation':
      return { decision: 'dismissed', opinion: '经核查，反映问题不属实' };
    default:
      throw new Error(`the simulation does not know how to do ${t.kind}`);
  }
}

/** The year's figures, read back from what the process wrote. */
async function summarise(ds: DataSource, run: { campaignId: string; branches: number; seed: number; year: number; seconds: number }): Promise<ZiboSimulationSummary> {
  const id = run.campaignId;
  const hard: Array<{ name: string }> = await ds.query(`SELECT o.name FROM zibo_hard_branches h JOIN organisations o ON o.id = h.branch_id WHERE h.campaign_id = $1 ORDER BY o.name`, [id]);
  const [steps] = await ds.query(
    `SELECT count(*) FILTER (WHERE step = 'proposals')::int AS proposals, count(*) FILTER (WHERE step = 'committee_screening')::int AS committee,
            count(*) FILTER (WHERE step = 'members_screening')::int AS members, count(*) FILTER (WHERE step = 'submission')::int AS submitted,
            count(*) FILTER (WHERE step = 'approval' AND outcome = 'returned')::int AS returned, count(*) FILTER (WHERE step = 'approval' AND outcome = 'rejected')::int AS rejected,
            count(*) FILTER (WHERE step = 'approval' AND outcome = 'approved')::int AS approved, count(*) FILTER (WHERE step = 'acceptance' AND outcome = 'accepted')::int AS accepted,
            count(*) FILTER (WHERE step = 'acceptance' AND outcome = 'failed')::int AS failed,
            count(*) FILTER (WHERE step = 'plan' AND outcome = 'filed')::int AS plans_filed, count(*) FILTER (WHERE step = 'plan' AND outcome = 'returned')::int AS plans_returned,
            count(*) FILTER (WHERE step = 'plan' AND outcome = 'acknowledged')::int AS plans_acknowledged
       FROM zibo_project_steps WHERE campaign_id = $1`,
    [id],
  );
  const [years] = await ds.query(
    `SELECT count(*)::int AS branches, count(*) FILTER (WHERE flagged_no_project)::int AS flagged,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.approved_at IS NOT NULL))::int AS with_project,
            count(*) FILTER (WHERE flagged_no_project OR EXISTS (SELECT 1 FROM zibo_projects p WHERE p.campaign_id = y.campaign_id AND p.branch_id = y.branch_id AND p.approved_at IS NOT NULL))::int AS covered,
            count(standard)::int AS standards, count(self_scores)::int AS self, count(bureau_scores)::int AS bureau, count(gaps)::int AS gaps,
            count(duty_report)::int AS reported, count(bureau_rating)::int AS rated
       FROM zibo_branch_years y WHERE campaign_id = $1`,
    [id],
  );
  const ratings: Array<{ rating: string; n: number }> = await ds.query(
    `SELECT r AS rating, count(*)::int AS n FROM zibo_branch_years, LATERAL unnest(ARRAY[bureau_rating, members_rating]) r WHERE campaign_id = $1 AND r IS NOT NULL GROUP BY r ORDER BY r`,
    [id],
  );
  const [obl] = await ds.query(
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE status = 'completed' AND NOT completed_late)::int AS on_time,
            count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late, count(*) FILTER (WHERE status <> 'completed')::int AS missed,
            count(*) FILTER (WHERE over_max)::int AS over_max,
            (SELECT count(*)::int FROM obligation_records r JOIN obligation_occurrences x ON x.id = r.occurrence_id WHERE x.schedule_id LIKE $1) AS records
       FROM obligation_occurrences WHERE schedule_id LIKE $1 AND status <> 'postponed'`,
    [schedulesOf(id)],
  );
  return {
    process: 'zibo',
    branches: run.branches,
    seed: run.seed,
    year: run.year,
    hardBranches: hard.map((h) => h.name),
    projects: {
      proposals: steps.proposals,
      committeeScreened: steps.committee,
      membersScreened: steps.members,
      submitted: steps.submitted,
      returned: steps.returned,
      rejected: steps.rejected,
      approved: steps.approved,
      accepted: steps.accepted,
      failed: steps.failed,
    },
    branchesWithProject: years.with_project,
    flagged: years.flagged,
    everyBranchWithProjectOrFlagged: years.covered === years.branches,
    plans: { filed: steps.plans_filed, returned: steps.plans_returned, acknowledged: steps.plans_acknowledged },
    evaluation: { standards: years.standards, selfAssessed: years.self, bureauAssessed: years.bureau, benchmarked: years.gaps },
    dutyReports: { reported: years.reported, rated: years.rated, ratings: Object.fromEntries(ratings.map((r) => [r.rating, r.n])) },
    obligations: { due: obl.due, onTime: obl.on_time, late: obl.late, missed: obl.missed, records: obl.records, overMax: obl.over_max, rate: obl.due ? Math.round((obl.on_time / obl.due) * 1000) / 1000 : 1 },
    seconds: Math.round(run.seconds * 10) / 10,
  };
}
