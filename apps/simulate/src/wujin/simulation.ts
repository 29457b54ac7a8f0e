import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { type ScoreSheet, chinaDate } from '../../../../libs/domain/src';
import { addTree, wujinDemoUsers, wujinSimulatedTree } from '../../../../libs/persistence/src';
import { type DeclarationForm, type ModelRecommendationForm, type ModelSelectionForm, type VerificationForm, WUJIN_OBLIGATIONS, wujinSchedulesOf } from '../../../../libs/processes/src/wujin';
import { type ActorWorld, actorWorld, firstTime, scriptedBranches } from '../actor-world';
import { DAY, OPEN_TASK_COLUMNS, OPEN_TASK_ORDER, type OpenTask, taskKey, actInParallel, actionTime, rubricScores, simulateDays, startSimulatedCampaign } from '../campaign-days';
import { keyed } from '../random';
import { type Http, type StackOptions, startSimulationStack } from '../stack';
import { skipTime } from '../time-skipping';

/** The compliant list's notices are titled so (workflows/wujin/plan.workflow.ts), its second round too. */
const COMPLIANT_LIST_NOTICE = '合格支部名单公示';

/** Decisions sent at once: the inbox of a whole district acts in parallel, as its people would. */
const CONCURRENCY = 16;

export interface WujinSimulationOptions extends StackOptions {
  branches: number;
  /** One branch never assesses itself, so the compliance phase misses its target (and shows who is behind). */
  laggard?: boolean;
  onFinished?: (run: { client: Client; campaignId: string; api: Http; tokenFor: (organisationId: string, role: string) => Promise<string>; script: Script }) => Promise<void>;
}

export interface WujinSimulationSummary {
  process: 'wujin';
  branches: number;
  seed: number;
  years: [number, number, number];
  phases: Record<'deploy' | 'compliance' | 'brand', { target: number; measured: number; met: boolean; behind: string[] }>;
  compliant: number;
  complianceRate: number;
  vetoed: number;
  failedThenRectified: number;
  dissolved: number;
  objections: { lodged: number; upheld: number };
  brands: number;
  modelBranches: number;
  obligations: { due: number; onTime: number; late: number; missed: number };
  refusals: Record<string, string>;
  seconds: number;
}

/** Who plays which part, fixed by the seed: the branches whose story the year tells. */
export interface Script {
  /** Scores itself and is scored below 85: fails, rectifies, passes. */
  weak: string;
  /** Its secretary post is vacant: vetoed, rectifies (a secretary elected), passes. */
  vetoed: string;
  /** Passes, but an objection on the compliant list's notice is upheld: rectifies, passes. */
  objected: string;
  /** Passes; an objection against it is lodged and dismissed. */
  cleared: string;
  /** Fails and will not rectify: its committee dissolves it. */
  refusing: string;
  /** Never assesses itself (the `laggard` option). */
  laggard: string | null;
  returnedPlanCommittee: string;
}

interface World extends ActorWorld<Script> {
  /** Objections lodged, by id: whether the inquiry upholds it. */
  objections: Map<string, boolean>;
  refusals: Record<string, string>;
}

/**
 * Wujin's three years (PROCESSES.md §3) against the time-skipping server, the
 * real worker, PostgreSQL and the API, every role acting over HTTP from its
 * inbox: implementation plans (one returned), the audit's case lists and
 * empty shells dissolved, model branches commended on notice; every branch
 * assessed level by level — one below 85, one vetoed, one objected to on the
 * notice (upheld), one objection dismissed, one refusing to rectify and
 * dissolved, the others compliant; the rectified reassessed and put on a
 * second notice; a brand per branch (one returned); the standing obligations of
 * two years (a few late, a few missed). Figures are read back from the database.
 */
export async function runWujinSimulation(o: WujinSimulationOptions): Promise<WujinSimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const stack = await startSimulationStack(o, (owner) => addTree(owner, wujinSimulatedTree(o.branches), wujinDemoUsers));
  try {
    const { client, owner, api, tokenFor, orgId, env } = stack;
    const admin = await tokenFor(await orgId('wj-zzb'), 'administrator');
    const { campaignId, year } = await startSimulatedCampaign(stack, { process: 'wujin', admin, years: 3 });
    progress(`Wujin plan ${year}–${year + 2} started over ${o.branches} branches`);

    const committees: Array<{ id: string }> = await owner.query(`SELECT id FROM organisations WHERE level = 'grassroots_committee' AND code LIKE 'wj-%' ORDER BY code`);
    const branches: Array<{ id: string }> = await owner.query(`SELECT id FROM organisations WHERE level = 'branch' AND code LIKE 'wj-%' AND member_count > 0 ORDER BY code`);
    const at = scriptedBranches(branches, o.seed, 6);
    const script: Script = { weak: at(0), vetoed: at(1), objected: at(2), cleared: at(3), refusing: at(4), laggard: o.laggard ? at(5) : null, returnedPlanCommittee: committees[0]!.id };
    const world: World = { ...actorWorld(stack, { seed: o.seed, campaignId, script }), objections: new Map(), refusals: {} };

    await simulateDays(stack, {
      campaignId,
      maxDays: 3 * 366 + 40,
      reportEvery: 30,
      work: async (now) => {
        world.now = now;
        const objected = await objectToNotices(world);
        const next = await actOnTasks(world);
        // Work done today brings new work tomorrow: only a quiet day lets the clock run on.
        return objected ? now + DAY : next;
      },
      line: () => progressLine(owner, campaignId),
      progress,
    });
    // The last year's obligations close at its end: a day past it, every occurrence is counted done, late or missed.
    await skipTime(env, 2 * DAY, progress);
    await o.onFinished?.({ client, campaignId, api, tokenFor, script: world.script });
    return await summarise(owner, { campaignId, branches: o.branches, seed: o.seed, year, refusals: world.refusals, seconds: (Date.now() - started) / 1000 });
  } finally {
    await stack.stop();
  }
}

async function progressLine(ds: DataSource, campaignId: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT string_agg(stage, ',' ORDER BY seq) FROM campaign_stages WHERE campaign_id = $1 AND status = 'open') AS stages,
            (SELECT count(*)::int FROM tasks WHERE campaign_id = $1 AND status = 'open') AS open,
            (SELECT count(*)::int FROM wujin_branch_standing WHERE campaign_id = $1 AND standing = 'compliant') AS compliant`,
    [campaignId],
  );
  return `stages=${s.stages ?? '-'} open=${s.open} compliant=${s.compliant}`;
}

/** The public reads the compliant list's notices: one objection is upheld on inquiry, one dismissed. Whether any was lodged today. */
async function objectToNotices(w: World): Promise<boolean> {
  let lodged = false;
  // The compliant list's notices only: a branch picked as a model branch is also on that notice, and an objection there is another story.
  const notices: Array<{ id: string; title: string }> = await w.owner.query(
    `SELECT id, title FROM public_notices WHERE campaign_id = $1 AND status = 'open' AND title LIKE $2 ORDER BY title`,
    [w.campaignId, `%${COMPLIANT_LIST_NOTICE}%`],
  );
  for (const n of notices) {
    if (w.acted.has(n.id)) continue;
    w.acted.add(n.id);
    const items: Array<{ item_id: string }> = await w.owner.query(`SELECT item_id FROM public_notice_items WHERE notice_id = $1 AND status = 'listed'`, [n.id]);
    for (const [branch, upheld] of [[w.script.objected, true], [w.script.cleared, false]] as const) {
      if (!items.some((i) => i.item_id === branch) || w.once.has(`objection:${branch}`)) continue;
      w.once.add(`objection:${branch}`);
      const res = await w.api.call('POST', `/public/notices/${n.id}/objections`, null, { itemId: branch, anonymous: true, content: '反映该党支部“三会一课”记录系补记，组织生活流于形式，请予核查。' });
      if (res.status !== 201 && res.status !== 200) throw new Error(`objection: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      w.objections.set(res.body!.objectionId ?? res.body!.id!, upheld);
      lodged = true;
    }
  }
  return lodged;
}

/**
 * The day's work of every role: each open task of the plan, its rubric scoring
 * and its obligations, done when its holder gets to it. When the next work is
 * due: tomorrow after a day's work, else the first instant a holder acts on a
 * task still open.
 */
async function actOnTasks(w: World): Promise<number> {
  const open: OpenTask[] = await w.owner.query(
    `SELECT ${OPEN_TASK_COLUMNS} FROM tasks t
      WHERE t.status = 'open' AND (t.campaign_id = $1
         OR (t.kind = 'obligation' AND t.subject_id IN (SELECT id FROM obligation_occurrences WHERE schedule_id LIKE $2))
         OR (t.subject_type = 'rubric_assessment' AND t.subject_id IN (SELECT id FROM wujin_assessments WHERE campaign_id = $1)))
      ORDER BY ${OPEN_TASK_ORDER}`,
    [w.campaignId, wujinSchedulesOf(w.campaignId)],
  );
  const waiting = open.filter((t) => !w.acted.has(t.id));
  const due = waiting.filter((t) => actionAt(t, w) <= w.now);
  await actInParallel(due, CONCURRENCY, (t) => act(t, w));
  if (due.length) return w.now + DAY;
  return Math.min(...waiting.map((t) => actionAt(t, w)));
}

async function act(t: OpenTask, w: World): Promise<void> {
  const body = await decisionFor(t, w);
  if (!body) return;
  const res = await w.api.call('POST', `/tasks/${t.id}/decision`, await w.tokenFor(t.organisation_id, t.role), body);
  if (res.status !== 200) throw new Error(`${t.kind} ${t.title}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  w.acted.add(t.id);
}

/** When a task is done: a day or three after it arrives, before its deadline; a few obligations a week late, a few never (Infinity). */
function actionAt(t: OpenTask, w: World): number {
  if (t.kind === 'rubric_self_assessment' && t.organisation_id === w.script.laggard) return Infinity;
  if (t.kind === 'obligation') {
    const r = keyed(w.seed, `obligation:${taskKey(t)}`);
    if (r < 0.01) return Infinity;
    if (r < 0.03 && t.due_at) return t.due_at.getTime() + 7 * DAY + 1;
  }
  return actionTime(t, w.seed);
}

/** A branch's scores: most well above 85; the weak and the refusing well below, until the weak one has rectified. */
async function scoreSheet(t: OpenTask, w: World): Promise<{ scores: ScoreSheet; branchId: string; round: number }> {
  const [a] = await w.owner.query(`SELECT a.branch_id, a.round, o.code FROM wujin_assessments a JOIN organisations o ON o.id = a.branch_id WHERE a.id = $1`, [t.subject_id]);
  const low = (a.branch_id === w.script.weak && a.round === 1) || a.branch_id === w.script.refusing;
  const q = low ? 0.7 : 0.9 + keyed(w.seed, `quality:${a.code}`) * 0.1;
  return { scores: rubricScores(t.form!, q, '见支部工作台账（图文）'), branchId: a.branch_id, round: a.round };
}

type Decision = { decision: string; opinion: string; data?: unknown } | null;

async function decisionFor(t: OpenTask, w: World): Promise<Decision> {
  switch (t.kind) {
    case 'obligation': {
      const code = Object.entries(WUJIN_OBLIGATIONS).find(([, v]) => t.title.startsWith(v.title.slice(0, 4)))?.[0];
      return { decision: 'completed', opinion: '', data: { evidence: `${t.title}：已按要求开展，会议记录、签到表和照片已上传${code ? `（${code}）` : ''}。` } };
    }
    case 'wujin_implementation_plan':
      return { decision: 'submitted', opinion: '', data: { summary: '对照考核细则逐项明确任务，分三个阶段推进党支部规范化建设。', duties: [{ duty: '全面清查“空壳”党组织和“失联”党员', owner: '组织委员', dueOn: `${new Date(w.now).getUTCFullYear()}-11-30` }] } };
    case 'wujin_plan_review': {
      const [p] = await w.owner.query(`SELECT committee_id FROM wujin_implementation_plans WHERE id = $1`, [t.subject_id]);
      if (p.committee_id === w.script.returnedPlanCommittee && firstTime(w, 'plan-return')) return { decision: 'return', opinion: '职责任务未落实到人，请明确责任人和完成时限后重新报送' };
      return { decision: 'accept', opinion: '同意' };
    }
    case 'wujin_member_cases':
      return { decision: 'submitted', opinion: '', data: { cases: keyed(w.seed, `cases:${t.title}`) < 0.5 ? [] : [{ memberName: '张某', kind: 'lost_contact', finding: '连续6个月未参加组织生活，联系不上', outcome: '经多方寻找仍无法取得联系，按规定予以停止党籍' }] } };
    case 'wujin_shell_review':
      return { decision: 'dissolve', opinion: '该党支部已无党员，不具备单独组建条件，予以撤销' };
    case 'wujin_model_recommendation': {
      const f = t.form as ModelRecommendationForm;
      return { decision: 'completed', opinion: '', data: { branchIds: f.branches.slice(0, 1).map((b) => b.id), reasons: '党员管理严格，组织生活规范，模范带头作用明显' } };
    }
    case 'wujin_model_selection':
      return { decision: 'completed', opinion: '', data: { chosen: (t.form as ModelSelectionForm).candidates.map((c) => c.id) } };
    case 'rubric_self_assessment':
      return { decision: 'submitted', opinion: '', data: { scores: (await scoreSheet(t, w)).scores } };
    case 'rubric_assessment': {
      const { scores, branchId, round } = await scoreSheet(t, w);
      return { decision: 'submitted', opinion: '', data: { scores, vetoes: branchId === w.script.vetoed && round === 1 ? ['secretary_vacant'] : [] } };
    }
    case 'wujin_declaration': {
      const items = (t.form as unknown as DeclarationForm).items;
      return { decision: 'declared', opinion: '', data: { onSiteItems: items.filter((i) => i.code === 'D1' || i.code === 'D6').map((i) => i.code), note: '阵地建设和台账须实地查看' } };
    }
    case 'wujin_verification': {
      const f = t.form as VerificationForm;
      if (f.vetoes.length || f.assessorTotal < f.passThreshold) {
        // A pass is tried once for each kind of fail (a veto, a score under the line): each refusal is kept.
        const kind = f.vetoes.length ? 'verificationVeto' : 'verificationScore';
        if (!w.refusals[kind]) {
          const res = await w.api.call('POST', `/tasks/${t.id}/decision`, await w.tokenFor(t.organisation_id, t.role), { decision: 'pass', opinion: '', data: { onSiteChecks: [] } });
          if (res.status !== 422) throw new Error(`a pass under the rules was not refused: ${res.status} ${JSON.stringify(res.body)}`);
          w.refusals[kind] = res.body!.message as string;
        }
        return { decision: 'fail', opinion: f.vetoes.length ? `存在一票否决情形：${f.vetoes.join('；')}` : `考核得分${f.assessorTotal}分，未达到${f.passThreshold}分` };
      }
      const checkedOn = chinaDate(new Date(w.now));
      return { decision: 'pass', opinion: '', data: { onSiteChecks: f.onSiteItems.map((i) => ({ itemCode: i.code, checkedBy: '区委组织部组织科', checkedOn, finding: '实地查看，符合要求' })) } };
    }
    case 'objection_investigation':
      return w.objections.get(t.subject_id) ? { decision: 'upheld', opinion: '经核查，反映问题属实，移出合格支部名单，限期整顿' } : { decision: 'dismissed', opinion: '经核查，会议记录与签到表、照片一致，反映问题不属实' };
    case 'wujin_rectification':
      return { decision: 'submitted', opinion: '', data: { measures: '召开支委会专题研究，逐项整改，补选支部书记，规范“三会一课”记录', evidence: '整改报告、支委会会议记录、选举结果批复（图片）' } };
    case 'wujin_rectification_review': {
      const [r] = await w.owner.query(`SELECT branch_id FROM wujin_rectifications WHERE id = $1`, [t.subject_id]);
      if (r.branch_id === w.script.refusing) return { decision: 'dissolve', opinion: '该党支部不配合整顿，软弱涣散问题长期得不到解决，经党(工)委会议研究予以撤销' };
      if (r.branch_id === w.script.weak && firstTime(w, 'rectification-return')) return { decision: 'return', opinion: '整改措施不具体，请补充“三会一课”整改佐证后重新报告' };
      return { decision: 'accept', opinion: '整顿到位，同意申请复核' };
    }
    case 'wujin_brand':
      return { decision: 'submitted', opinion: '', data: { name: `“红色引擎”${t.title.slice(-8)}`, description: '围绕中心工作创建党员示范岗和志愿服务队，形成支部特色', evidence: '品牌创建方案、活动照片' } };
    case 'wujin_brand_review':
      if (firstTime(w, 'brand-return')) return { decision: 'return', opinion: '品牌内涵不够鲜明，请结合本单位特点提炼后重新提交' };
      return { decision: 'accept', opinion: '同意认定' };
    default:
      throw new Error(`the simulation does not know how to do ${t.kind}`);
  }
}

/** The three years' figures, read back from what the process wrote. */
async function summarise(ds: DataSource, run: { campaignId: string; branches: number; seed: number; year: number; refusals: Record<string, string>; seconds: number }): Promise<WujinSimulationSummary> {
  const id = run.campaignId;
  const one = async (sql: string, params: unknown[] = [id]) => Number((await ds.query(sql, params))[0].n);
  const milestones: Array<{ phase_code: 'deploy' | 'compliance' | 'brand'; target: { atLeast: number }; measured: string | null; status: string; behind: Array<{ name: string }> | null }> = await ds.query(
    `SELECT phase_code, target::jsonb AS target, measured, status, behind FROM plan_milestones WHERE plan_id = $1`,
    [id],
  );
  const phases = Object.fromEntries(
    milestones.map((m) => [m.phase_code, { target: m.target.atLeast, measured: Number(m.measured ?? 0), met: m.status === 'met', behind: (m.behind ?? []).map((b) => b.name) }]),
  ) as WujinSimulationSummary['phases'];
  const [standing] = await ds.query(
    `SELECT count(*) FILTER (WHERE standing = 'compliant')::int AS compliant, count(*) FILTER (WHERE standing NOT IN ('dissolved', 'merged'))::int AS active,
            count(*) FILTER (WHERE standing IN ('dissolved', 'merged'))::int AS dissolved, count(*) FILTER (WHERE standing = 'compliant' AND failed_once)::int AS rectified
       FROM wujin_branch_standing WHERE campaign_id = $1`,
    [id],
  );
  const [obl] = await ds.query(
    `SELECT count(*)::int AS due, count(*) FILTER (WHERE status = 'completed' AND NOT completed_late)::int AS on_time,
            count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late, count(*) FILTER (WHERE status <> 'completed')::int AS missed
       FROM obligation_occurrences WHERE schedule_id LIKE $1 AND status <> 'postponed'`,
    [wujinSchedulesOf(id)],
  );
  const [obj] = await ds.query(
    `SELECT count(*)::int AS lodged, count(*) FILTER (WHERE o.status = 'upheld')::int AS upheld FROM objections o JOIN public_notices n ON n.id = o.notice_id WHERE n.campaign_id = $1`,
    [id],
  );
  return {
    process: 'wujin',
    branches: run.branches,
    seed: run.seed,
    years: [run.year, run.year + 1, run.year + 2],
    phases,
    compliant: standing.compliant,
    complianceRate: phases.compliance?.measured ?? 0,
    vetoed: await one(`SELECT count(DISTINCT a.organisation_id)::int AS n FROM rubric_assessments a JOIN wujin_assessments w ON w.id = a.id WHERE w.campaign_id = $1 AND jsonb_array_length(coalesce(a.vetoes, '[]')) > 0`),
    failedThenRectified: standing.rectified,
    dissolved: standing.dissolved,
    objections: { lodged: obj.lodged, upheld: obj.upheld },
    brands: await one(`SELECT count(DISTINCT branch_id)::int AS n FROM wujin_brands WHERE campaign_id = $1 AND status = 'accepted'`),
    modelBranches: await one(`SELECT count(*)::int AS n FROM wujin_model_branches WHERE campaign_id = $1 AND status = 'commended'`),
    obligations: { due: obl.due, onTime: obl.on_time, late: obl.late, missed: obl.missed },
    refusals: run.refusals,
    seconds: Math.round(run.seconds * 10) / 10,
  };
}
