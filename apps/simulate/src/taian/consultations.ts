/** The agencies answering the committees' consultations: the discipline body vetoes, the police object, one agency stays silent. */
import { byName } from '../campaign-days';
import { keyed } from '../random';
import type { ActorContext } from './actor-context';
import type { TaianTask } from './tasks';

/** The agencies' open consultation requests (kind `consultation_request`), in the order the morning's inbox gives them (see `openTasks`). */
export async function answerConsultations(x: Pick<ActorContext, 'owner' | 'api' | 'tokenFor' | 'script' | 'acted' | 'seed'>, requests: readonly TaianTask[]): Promise<void> {
  for (const request of requests) {
    const t = request as TaianTask & { form: { candidates: Array<{ id: string; name: string }> } };
    if (x.script.silentAgencies.has(t.organisation_id) || x.acted.has(t.id)) continue;
    const token = await x.tokenFor(t.organisation_id, 'agency_consultee');
    const detail = await x.api.call('GET', `/consultations/${t.subject_id}`, token);
    const [kind] = await x.owner.query(`SELECT agency_kind FROM organisations WHERE id = $1`, [t.organisation_id]);
    const branches = new Map<string, string>(
      ((await x.owner.query(`SELECT id::text, branch_id FROM nominations WHERE id::text = ANY($1)`, [t.form.candidates.map((c) => c.id)])) as Array<{ id: string; branch_id: string }>).map((r) => [r.id, r.branch_id]),
    );
    // The discipline inspection body vetoes the scripted branches, and if nobody was vetoed yet the first candidate by name
    // of the first request it answers (a request lists its candidates in an order that changes from run to run).
    const discipline = kind.agency_kind === 'discipline_inspection';
    if (discipline && x.script.vetoesIssued === 0 && t.form.candidates.length) x.script.vetoBranches.add(branches.get(byName(t.form.candidates)[0]!.id) ?? '');
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
