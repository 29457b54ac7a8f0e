import type { DataSource } from 'typeorm';
import { chinaDate } from '../../../../libs/domain/src';
import { addTree, liangshanDemoUsers, liangshanSimulatedTree } from '../../../../libs/persistence/src';
import { LIANGSHAN_THRESHOLD_KEYS, type LiangshanThresholdKey, liangshanSchedulesOf } from '../../../../libs/processes/src/liangshan';
import { type ActorWorld, actorWorld, scriptedBranches } from '../actor-world';
import { DAY, OPEN_TASK_COLUMNS, OPEN_TASK_ORDER, type OpenTask, taskKey, actInParallel, actionTime, simulateDays, startSimulatedCampaign } from '../campaign-days';
import { keyed } from '../random';
import { type Http, type StackOptions, startSimulationStack } from '../stack';
import { skipTime } from '../time-skipping';

/** Decisions sent at once: a prefecture's branches record their items side by side. */
const CONCURRENCY = 24;

export interface LiangshanSimulationOptions extends StackOptions {
  branches: number;
}

type Figure = { target: number; met: number; missed: number };

export interface LiangshanSimulationSummary {
  process: 'liangshan';
  branches: number;
  seed: number;
  year: number;
  items: { listed: number; occurrences: number; due: number; onTime: number; late: number; missed: number };
  records: Record<string, number>;
  notifications: { reminders: number; escalations: number; leadersTold: number };
  thresholds: Record<LiangshanThresholdKey, Figure>;
  /** Branches meeting every threshold, and those missing at least one with what they miss. */
  branchesMeetingAll: number;
  branchesMissing: Array<{ branch: string; missing: LiangshanThresholdKey[] }>;
  seconds: number;
}

/** Who plays which part, fixed by the seed: the branches whose year misses a threshold on purpose (others may by chance). */
interface Script {
  /** Its members are less satisfied with the committee (80%). */
  dissatisfied: string;
  /** Few of its members earn five stars (10%). */
  fewStars: string;
  /** Two of its meetings are not collective study (10 sessions). */
  littleStudy: string;
  /** One leading cadre attends only four meetings. */
  absentCadre: string;
}

type World = ActorWorld<Script>;

const CADRES = ['杨书记', '黄书记', '李组员'];
const MEMBERS = Array.from({ length: 12 }, (_, i) => `党员${String.fromCharCode(0x7532 + i)}`);
const LECTURERS: Record<string, string> = { '4': '杨书记', '6': '李组员', '7': '黄书记', '10': '李组员', '12': '杨书记' };

/**
 * Liangshan's year (PROCESSES.md §5) against the time-skipping server, the
 * real worker, PostgreSQL and the API: every branch's responsible people work
 * through the 25 items of the seed's list from their inbox over HTTP, each
 * completion with its evidence and, where the item keeps one, its record
 * (meetings and who attended, lessons, talks, the democratic review's survey,
 * the star rating, the points); most on time, a few late, a few never. The
 * thresholds are then read back over HTTP from the department head's
 * dashboard, computed per branch from those records.
 */
export async function runLiangshanSimulation(o: LiangshanSimulationOptions): Promise<LiangshanSimulationSummary> {
  const started = Date.now();
  const progress = o.progress ?? (() => undefined);
  const stack = await startSimulationStack(o, (owner) => addTree(owner, liangshanSimulatedTree(o.branches), liangshanDemoUsers));
  try {
    const { owner, api, tokenFor, orgId, env } = stack;
    const admin = await tokenFor(await orgId('ls-zzb'), 'administrator');
    const { campaignId, year } = await startSimulatedCampaign(stack, { process: 'liangshan', admin, years: 2 });
    progress(`Liangshan ${year} started over ${o.branches} branches`);
    const branches: Array<{ id: string }> = await owner.query(`SELECT id FROM organisations WHERE level = 'branch' AND code LIKE 'ls-%' ORDER BY code`);
    const at = scriptedBranches(branches, o.seed, 4);
    const world: World = actorWorld(stack, { seed: o.seed, campaignId, script: { dissatisfied: at(0), fewStars: at(1), littleStudy: at(2), absentCadre: at(3) } });

    await simulateDays(stack, {
      campaignId,
      maxDays: 366 + 31 + 40,
      reportEvery: 30,
      work: async (now) => {
        world.now = now;
        return actOnItems(world);
      },
      line: () => progressLine(owner, campaignId),
      progress,
    });
    await skipTime(env, 2 * DAY, progress);
    const head = await tokenFor(await orgId('ls-zzb'), 'department_head');
    return await summarise(owner, api, head, { campaignId, branches: o.branches, seed: o.seed, year, seconds: (Date.now() - started) / 1000 });
  } finally {
    await stack.stop();
  }
}

async function progressLine(ds: DataSource, campaignId: string): Promise<string> {
  const [s] = await ds.query(
    `SELECT (SELECT string_agg(stage, ',' ORDER BY seq) FROM campaign_stages WHERE campaign_id = $1 AND status = 'open') AS stages,
            count(*) FILTER (WHERE x.status = 'open')::int AS open, count(*) FILTER (WHERE x.status = 'completed')::int AS done, count(*) FILTER (WHERE x.status = 'overdue')::int AS overdue
       FROM obligation_occurrences x WHERE x.schedule_id LIKE $2`,
    [campaignId, liangshanSchedulesOf(campaignId)],
  );
  return `stages=${s.stages ?? '-'} open=${s.open} done=${s.done} overdue=${s.overdue}`;
}

/** The day's work: each open item of a branch's list, done when its people get to it; answers when the next is (the clock may move straight there). */
async function actOnItems(w: World): Promise<number> {
  const open: OpenTask[] = await w.owner.query(
    `SELECT ${OPEN_TASK_COLUMNS} FROM tasks t JOIN obligation_occurrences x ON x.id = t.id
      WHERE t.status = 'open' AND t.kind = 'obligation' AND x.schedule_id LIKE $1 ORDER BY ${OPEN_TASK_ORDER}`,
    [liangshanSchedulesOf(w.campaignId)],
  );
  const waiting = open.filter((t) => !w.acted.has(t.id));
  const due = waiting.filter((t) => plannedAt(t, w) <= w.now);
  const next = Math.min(...waiting.map((t) => plannedAt(t, w)).filter((at) => at > w.now));
  await actInParallel(due, CONCURRENCY, async (t) => {
    const res = await w.api.call('POST', `/tasks/${t.id}/decision`, await w.tokenFor(t.organisation_id, t.role), { decision: 'completed', opinion: '', data: await recordFor(t, w) });
    if (res.status !== 200) throw new Error(`${t.title}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    w.acted.add(t.id);
  });
  return next;
}

/** When an item's people get to it: most a day or three after it opens (long ones late in their period); one in a hundred never, two in a hundred a week late. */
function plannedAt(t: OpenTask, w: World): number {
  const r = keyed(w.seed, `item:${taskKey(t)}`);
  if (r < 0.01) return Infinity;
  if (r < 0.03 && t.due_at) return t.due_at.getTime() + 7 * DAY + 1;
  if (t.due_at && t.due_at.getTime() - t.created_at.getTime() > 90 * DAY) {
    // A whole year's (or half a year's) item is done some time in its last quarter.
    return t.due_at.getTime() - Math.floor(10 + keyed(w.seed, `late-in-year:${taskKey(t)}`) * 60) * DAY;
  }
  return actionTime(t, w.seed);
}

async function recordFor(t: OpenTask, w: World): Promise<Record<string, unknown>> {
  const branch = t.organisation_id;
  const s = w.script;
  const evidence = `${t.title}：已按清单要求完成，会议记录、签到表和照片已归档。`;
  const month = String(new Date(w.now + 8 * 3600_000).getUTCMonth() + 1);
  const openedMonth = String(new Date(t.created_at.getTime() + 8 * 3600_000).getUTCMonth() + 1);
  switch (t.form?.kind) {
    case 'liangshan_session': {
      const n = Number(openedMonth);
      const study = !(branch === s.littleStudy && (n === 2 || n === 8));
      const cadres = branch === s.absentCadre && n > 4 ? CADRES.slice(0, 2) : CADRES;
      return { evidence, heldOn: chinaDate(new Date(w.now)), attendees: 10 + (n % 5), collectiveStudy: study, leadingCadres: cadres };
    }
    case 'liangshan_lesson':
      return { evidence, lecturer: LECTURERS[openedMonth] ?? CADRES[0]!, topic: '学习贯彻党章党规，做合格党员' };
    case 'liangshan_talks':
      return { evidence, talks: CADRES.flatMap((c, i) => MEMBERS.slice(i * 4, i * 4 + 4).map((m) => ({ leader: c, member: m }))) };
    case 'liangshan_democratic_review': {
      const surveyed = 20;
      return { evidence, surveyed, satisfied: branch === s.dissatisfied ? 16 : 19 + Math.round(keyed(w.seed, `satisfied:${t.organisation_code}`)) };
    }
    case 'liangshan_star_rating': {
      const five = branch === s.fewStars ? 1 : 3 + Math.floor(keyed(w.seed, `stars:${t.organisation_code}`) * 3);
      return { evidence, ratings: MEMBERS.map((m, i) => ({ member: m, stars: i < five ? 5 : 3 + (i % 2) })) };
    }
    case 'liangshan_points_standard':
      return { evidence, rules: [{ item: '按时参加组织生活', points: 2 }, { item: '按月足额交纳党费', points: 1 }, { item: '无故缺席组织生活', points: -2 }] };
    case 'liangshan_points_ranking':
      return { evidence, scores: MEMBERS.map((m, i) => ({ member: m, points: 60 + ((i * 7 + Number(month)) % 40) })) };
    default:
      return { evidence };
  }
}

/** The year's figures: the items from the record, the thresholds as the department head's dashboard computes them. */
async function summarise(ds: DataSource, api: Http, headToken: string, run: { campaignId: string; branches: number; seed: number; year: number; seconds: number }): Promise<LiangshanSimulationSummary> {
  const prefix = liangshanSchedulesOf(run.campaignId);
  const [items] = await ds.query(
    `SELECT count(*)::int AS occurrences, count(*) FILTER (WHERE status IN ('completed', 'overdue'))::int AS due,
            count(*) FILTER (WHERE status = 'completed' AND NOT completed_late)::int AS on_time,
            count(*) FILTER (WHERE status = 'completed' AND completed_late)::int AS late, count(*) FILTER (WHERE status = 'overdue')::int AS missed,
            count(DISTINCT obligation_code)::int AS listed
       FROM obligation_occurrences WHERE schedule_id LIKE $1`,
    [prefix],
  );
  const records: Array<{ record_kind: string; n: number }> = await ds.query(
    `SELECT record_kind, count(*)::int AS n FROM obligation_occurrences WHERE schedule_id LIKE $1 AND status = 'completed' AND record_kind IS NOT NULL GROUP BY record_kind ORDER BY record_kind`,
    [prefix],
  );
  const [notes] = await ds.query(
    `SELECT count(*) FILTER (WHERE n.kind = 'reminder')::int AS reminders, count(*) FILTER (WHERE n.kind = 'escalation')::int AS escalations,
            count(*) FILTER (WHERE n.kind = 'escalation' AND n.organisation_id = x.organisation_id)::int AS leaders
       FROM notifications n JOIN obligation_occurrences x ON x.id = n.task_id WHERE x.schedule_id LIKE $1`,
    [prefix],
  );
  const res = await api.call('GET', `/campaigns/${run.campaignId}/dashboard`, headToken);
  if (res.status !== 200) throw new Error(`dashboard: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  const th = res.body!.thresholds as { targets: Record<LiangshanThresholdKey, number>; met: Record<LiangshanThresholdKey, number>; branches: Array<{ branchName: string; metAll: boolean; figures: Array<{ key: LiangshanThresholdKey; met: boolean }> }> };
  const total = th.branches.length;
  return {
    process: 'liangshan',
    branches: run.branches,
    seed: run.seed,
    year: run.year,
    items: { listed: items.listed, occurrences: items.occurrences, due: items.due, onTime: items.on_time, late: items.late, missed: items.missed },
    records: Object.fromEntries(records.map((r) => [r.record_kind.replace('liangshan_', ''), r.n])),
    notifications: { reminders: notes.reminders, escalations: notes.escalations, leadersTold: notes.leaders },
    thresholds: Object.fromEntries(LIANGSHAN_THRESHOLD_KEYS.map((k) => [k, { target: th.targets[k], met: th.met[k], missed: total - th.met[k] }])) as LiangshanSimulationSummary['thresholds'],
    branchesMeetingAll: th.branches.filter((b) => b.metAll).length,
    branchesMissing: th.branches.filter((b) => !b.metAll).map((b) => ({ branch: b.branchName, missing: b.figures.filter((f) => !f.met).map((f) => f.key) })),
    seconds: Math.round(run.seconds * 10) / 10,
  };
}
