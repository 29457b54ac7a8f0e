/** The day's work of Zibo's roles: which open tasks and duties their holders get to, and sending each decision. */
import { DAY, OPEN_TASK_COLUMNS, OPEN_TASK_ORDER, type OpenTask, taskKey, actInParallel, actionTime } from '../campaign-days';
import { keyed } from '../random';
import { decisionFor, recordsWanted } from './decisions';
import { type World, schedulesOf } from './world';

/** Decisions sent at once: the bureau's branches act side by side, as their people would. */
const CONCURRENCY = 16;

/**
 * The day's work of every role: each open task of the year and each counted
 * duty, done when its holder gets to it. When the next work is due: tomorrow
 * after a day's work, else the first instant a holder acts on a task still open.
 */
export async function actOnTasks(w: World): Promise<number> {
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
