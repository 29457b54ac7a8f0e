import type { HefeiRectificationInput, HefeiRectificationResult } from '../../libs/processes/src/hefei';
import { workflowTime } from '../steps/workflow-time';
import { decider, decision, dueAfter, hefei, hefeiTask } from './steps';

/** Days a returned rectification has to be done again. */
const REDO_DAYS = 7;

/**
 * One problem's rectification (整改): the branch reports what it did, with
 * evidence, by the deadline; whoever found the problem (the bureau committee,
 * or the committee that graded the branch below standard) accepts it or
 * returns it with an opinion, and a returned one is done again.
 */
export async function hefeiRectification(input: HefeiRectificationInput): Promise<HefeiRectificationResult> {
  let returned = 0;
  for (let round = 0; ; round++) {
    const dueAt = round === 0 ? input.dueAt : dueAfter(REDO_DAYS, input.dueAt);
    const submitted = await hefeiTask({
      campaignId: input.campaignId,
      stage: input.stage,
      kind: 'hefei_rectification',
      title: `${round === 0 ? '整改' : '重新整改'}：${input.problem}（${input.branch.name}）`,
      subject: { type: 'hefei_rectification', id: input.rectificationId },
      assignees: [{ organisationId: input.branch.id, role: 'submitter' }],
      outcomes: ['submitted'],
      form: { kind: 'evidence' },
      dueAt,
      escalateTo: { organisationId: input.above.id, role: 'reviewer' },
    });
    const report = decision(submitted);
    await hefei.recordRectificationStep({
      rectificationId: input.rectificationId,
      action: 'submitted',
      content: (report.data as { evidence: string }).evidence,
      actor: decider(submitted),
      key: `${input.rectificationId}:submitted:${round}`,
      late: (submitted.missed ?? 0) > 0,
      at: workflowTime(),
    });
    const review = await hefeiTask({
      campaignId: input.campaignId,
      stage: input.stage,
      kind: 'hefei_rectification_review',
      title: `验收整改：${input.problem}（${input.branch.name}）`,
      subject: { type: 'hefei_rectification', id: input.rectificationId },
      assignees: [{ organisationId: input.inspector.id, role: 'reviewer' }],
      outcomes: ['accept', 'return'],
      opinionRequiredFor: ['return'],
      dueAt: dueAfter(REDO_DAYS, dueAt),
      escalateTo: null,
    });
    const verdict = decision(review);
    const accepted = review.outcome === 'accept';
    await hefei.recordRectificationStep({
      rectificationId: input.rectificationId,
      action: accepted ? 'accepted' : 'returned',
      content: verdict.opinion,
      actor: decider(review),
      key: `${input.rectificationId}:${accepted ? 'accepted' : 'returned'}:${round}`,
      at: workflowTime(),
    });
    if (accepted) return { rectificationId: input.rectificationId, returned };
    returned++;
  }
}
