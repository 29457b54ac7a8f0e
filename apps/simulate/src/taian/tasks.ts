/** The actors working their open tasks each day, late where scripted, and the bad requests they try once to see them refused. */
import { type SelectionForm, addCalendarDays, chinaEndOfDay } from '../../../../libs/domain/src';
import { DAY, OPEN_TASK_COLUMNS, OPEN_TASK_ORDER, type OpenTask, byName } from '../campaign-days';
import type { ActorContext } from './actor-context';
import { type TaianForm, decisionFor } from './decisions';

/** An open task of a Tai'an year, with its form. */
export type TaianTask = Omit<OpenTask, 'form'> & { form: TaianForm | null };

/**
 * Work that arrived this long before the morning's reading is found the next
 * morning. A deadline the engine counts from a decision (a committee waiting
 * three more days for an agency) passes at the hour the decision was taken,
 * as a later day's reading begins: whether what it opens were already in the
 * inbox would depend on the worker's pace.
 */
export const ARRIVAL_LAG = 3_600_000;

/**
 * The open tasks of the campaign (and the reviews of its applications), the
 * agencies' consultation requests among them, as the inboxes show them in the
 * morning: worked by the day they arrived, then by names that are the same in
 * every run (the instant of arrival within a day moves with the worker's pace,
 * and ids are drawn afresh, so ordering by either would give a seed a
 * different year).
 */
export async function openTasks(x: Pick<ActorContext, 'owner' | 'campaignId' | 'now'>): Promise<TaianTask[]> {
  return x.owner.query(
    `SELECT ${OPEN_TASK_COLUMNS} FROM tasks t
      WHERE t.status = 'open' AND (t.campaign_id = $1 OR t.kind = 'nomination_review') AND t.created_at < $2
      ORDER BY ${OPEN_TASK_ORDER}`,
    [x.campaignId, new Date(x.now - ARRIVAL_LAG)],
  );
}

/** Everyone with an open task does it: on time, or — for the late committees — only after its deadline, asking for an extension when refused. */
export async function actOnTasks(x: ActorContext, open: readonly TaianTask[]): Promise<void> {
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
      const extended = chinaEndOfDay(addCalendarDays(x.today, 3));
      const ext = await x.api.call('POST', `/tasks/${t.id}/actions`, x.adminToken, { type: 'extend', dueAt: extended, opinion: '因特殊情况逾期，经批准延期三日报送' });
      if (ext.status !== 200) throw new Error(`extension refused: ${JSON.stringify(ext.body)}`);
      x.stats.extensions++;
      res = await x.api.call('POST', `/tasks/${t.id}/decision`, token, body);
    }
    if (res.status !== 200 && res.status !== 409) throw new Error(`${t.kind} ${t.id}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    if (t.kind === 'consultation_gap') x.waitedFor.add(t.subject_id);
  }
}

/**
 * Once each, a committee first tries a pick the rules refuse: a candidate barred by its ledger grade, or more than the
 * cap without a reason. Each must be refused (422) with its rule named, and change nothing.
 */
async function tryBreakingThePick(x: ActorContext, taskId: string, token: string, form: SelectionForm, body: Record<string, unknown>): Promise<void> {
  const data = body.data as { chosen: string[]; capException?: string };
  const barred = byName(form.candidates).find((c) => c.ineligibleBecause && !c.excludedBecause);
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
