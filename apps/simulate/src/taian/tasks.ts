/** The actors working their open tasks each day, late where scripted, and the bad requests they try once to see them refused. */
import type { SelectionForm } from '../../../../libs/domain/src';
import { DAY } from '../campaign-days';
import type { ActorContext } from './actor-context';
import { type TaianForm, decisionFor } from './decisions';

/** Everyone with an open task does it: on time, or — for the late committees — only after its deadline, asking for an extension when refused. */
export async function actOnTasks(x: ActorContext): Promise<void> {
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
