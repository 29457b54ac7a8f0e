import pLimit from 'p-limit';
import type { ScoreSheet, TaskForm } from '../../../libs/domain/src';
import { chinaDate } from '../../../libs/domain/src';
import { SIMULATED_YEARS } from './calendar';
import { keyed } from './random';
import type { SimulationStack } from './stack';
import { skipTime } from './time-skipping';

export const DAY = 86_400_000;

/** An open task as a simulation reads it from the database, to decide whether and how its holder acts. */
export interface OpenTask {
  id: string;
  kind: string;
  organisation_id: string;
  role: string;
  due_at: Date | null;
  form: TaskForm | null;
  subject_id: string;
  title: string;
  created_at: Date;
  group_id: string | null;
  /** The holder's organisation code: the same in every run, where ids are drawn afresh. */
  organisation_code: string;
}

/** The columns of `tasks` an OpenTask is read from (prefix `t.`). */
export const OPEN_TASK_COLUMNS =
  't.id, t.kind, t.organisation_id, t.role, t.due_at, t.form, t.subject_id, t.title, t.created_at, t.group_id, (SELECT code FROM organisations WHERE id = t.organisation_id) AS organisation_code';

/**
 * The order open tasks are worked in: the day they arrived, then names that
 * are the same in every run. The instant of arrival within a day moves with
 * the worker's pace, and ids are drawn afresh.
 */
export const OPEN_TASK_ORDER = "date_trunc('day', t.created_at AT TIME ZONE 'Asia/Shanghai'), organisation_code, t.kind, t.title, t.due_at, t.role";

/**
 * A task named as every run of a seed names it, for keyed draws: its holder,
 * kind, title and deadline. Ids are random, so a draw keyed on one gives the
 * same seed a different year each run.
 */
export function taskKey(t: OpenTask): string {
  return `${t.organisation_code}:${t.role}:${t.kind}:${t.title}:${t.due_at?.toISOString() ?? ''}`;
}

/**
 * A form's candidates, items or branches by name, as every run names them: a
 * form lists them in the order of their ids or tree paths, drawn afresh each
 * run, so an actor that takes "the first" of them takes its own by name.
 */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The hour, China time, at which the simulated people do their day's work. */
export const WORKING_HOUR = 9;
const HOUR = 3_600_000;
const CHINA_OFFSET = 8 * HOUR;

/**
 * Moves the clock to the next WORKING_HOUR, China time. The time-skipping
 * server starts at the machine's time, and its clock runs at wall-clock pace
 * while the actors work: a run begun near midnight in China would see a
 * deadline (the end of a day) pass in the middle of a day's work, or its days
 * turn over as the run goes on. Deadlines fall at midnight, far from the hour.
 */
export async function skipToWorkingHour(env: SimulationStack['env'], progress: (message: string) => void): Promise<void> {
  const intoDay = ((await env.currentTimeMs()) + CHINA_OFFSET) % DAY;
  const wait = (WORKING_HOUR * HOUR - intoDay + DAY) % DAY;
  if (wait > 0) await skipTime(env, wait, progress);
}

/**
 * Enters the simulated calendars of the years a campaign spans (where the
 * database has none), then creates and starts it as the administrator.
 * The time-skipping server starts at today's date and only moves forward, so
 * a campaign runs from next year.
 */
export async function startSimulatedCampaign(
  stack: SimulationStack,
  o: { process: string; admin: string; years: number; parameters?: Record<string, unknown> },
): Promise<{ campaignId: string; year: number; plan: Array<{ stage: string; dueOn: string; dueAt: string }> }> {
  const { env, api, expect } = stack;
  const year = new Date(await env.currentTimeMs()).getUTCFullYear() + 1;
  const known = ((await api.call('GET', '/calendar/years', o.admin)).body as unknown as Array<{ year: number }> | null) ?? [];
  for (let y = year; y < year + o.years; y++) {
    if (!known.some((k) => k.year === y) && SIMULATED_YEARS[y]) expect(`calendar ${y}`, await api.call('PUT', `/calendar/years/${y}`, o.admin, SIMULATED_YEARS[y]), 200);
  }
  const created = expect(`create ${o.process} campaign`, await api.call('POST', '/campaigns', o.admin, { process: o.process, year, parameters: o.parameters ?? {} }), 201);
  expect(`start ${o.process} campaign`, await api.call('POST', `/campaigns/${created.id}/start`, o.admin), 200);
  return { campaignId: created.id!, year, plan: created.plan ?? [] };
}

/**
 * The furthest the clock moves at once: a task that arrives while it moves is
 * seen at most this long after, as its holder would take a day or three
 * anyway (and every notice, deadline and reply window is longer).
 */
export const LONGEST_STEP_DAYS = 3;

/**
 * The simulated days: everyone does the day's work, then the clock moves on,
 * until the campaign has ended or `maxDays` have passed. When the day's work
 * says when it next has something to do, the clock moves straight there (by
 * whole days, at most LONGEST_STEP_DAYS); otherwise a day. A progress line is
 * printed every `reportEvery` days and whenever the open stages change, with
 * the seconds the run has taken so far.
 */
export async function simulateDays(
  stack: SimulationStack,
  o: {
    campaignId: string;
    maxDays: number;
    reportEvery: number;
    /** The day's work; it may answer the earliest instant at which anyone it knows of will act next. */
    work: (now: number) => Promise<number | void>;
    /** The day's state in a line, its first word the open stages (`stages=…`). */
    line: () => Promise<string>;
    progress: (message: string) => void;
    /** Whether the days are over, given the campaign's status; by default once it has completed or been cancelled. */
    over?: (status: string) => Promise<boolean>;
  },
): Promise<void> {
  const over = o.over ?? (async (status: string) => status === 'completed' || status === 'cancelled');
  let last = '';
  let reported = -Infinity;
  const started = Date.now();
  for (let day = 0; day < o.maxDays; ) {
    const now = await stack.env.currentTimeMs();
    const next = await o.work(now);
    const [c] = await stack.owner.query(`SELECT status FROM campaigns WHERE id = $1`, [o.campaignId]);
    if (await over(c.status)) return;
    const line = await o.line();
    if (day - reported >= o.reportEvery || line.split(' ')[0] !== last.split(' ')[0]) {
      // The wall-clock seconds so far: where a long run spends its time.
      o.progress(`${chinaDate(new Date(now))} ${line} (${Math.round((Date.now() - started) / 1000)} s)`);
      reported = day;
    }
    last = line;
    const days = daysUntil(now, next);
    await skipTime(stack.env, days * DAY, o.progress);
    day += days;
  }
}

/** Whole days from `now` to the next instant anyone acts, between one and LONGEST_STEP_DAYS. */
export function daysUntil(now: number, next: number | void): number {
  if (next === undefined || !Number.isFinite(next)) return next === Infinity ? LONGEST_STEP_DAYS : 1;
  return Math.min(LONGEST_STEP_DAYS, Math.max(1, Math.ceil((next - now) / DAY)));
}

/** When a task's holder gets to it: a day or three after it arrives (fixed by the seed), and at the latest the day before its deadline. */
export function actionTime(t: OpenTask, seed: number): number {
  const delay = 1 + Math.floor(keyed(seed, `${t.kind}:${t.title}`) * 3);
  const wanted = t.created_at.getTime() + delay * DAY;
  return Math.min(wanted, t.due_at ? t.due_at.getTime() - DAY : wanted);
}

export function dueForAction(t: OpenTask, seed: number, now: number): boolean {
  return now >= actionTime(t, seed);
}

const half = (x: number) => Math.round(x * 2) / 2;

/** A score for every item of a rubric form: `quality` of each item's points, in half points. */
export function rubricScores(form: TaskForm, quality: number, evidence: string): ScoreSheet {
  const rubric = form.rubric as { areas: Array<{ items: Array<{ code: string; points: number }> }> };
  return Object.fromEntries(rubric.areas.flatMap((a) => a.items).map((i) => [i.code, { score: Math.min(i.points, half(i.points * quality)), evidence }]));
}

/** `act` on every item, at most `people` at once: a district's inbox worked by its people side by side. */
export async function actInParallel<T>(items: readonly T[], people: number, act: (item: T) => Promise<void>): Promise<void> {
  const limit = pLimit(people);
  await Promise.all(items.map((item) => limit(() => act(item))));
}
