import type { CampaignCandidate } from '../../libs/contracts/src';
import type { SelectionCandidate } from '../../libs/domain/src/core';
import type { ConsultationOutcome } from '../steps/campaign-steps';

/** Marks campaigns whose candidates carry the evaluation and the inspection up to every later pick; older histories replay without it. */
export const CANDIDATE_EVIDENCE_PATCH = 'candidate-evidence';

/** The inspection's line beside a candidate, as the deciders and form 附件3 read it. */
export const inspectionNote = (i: NonNullable<CampaignCandidate['inspection']>) => `考察（${i.inspectedOn}，${i.inspectors}）：${i.findings}`;

/**
 * A committee's pool: each candidate with its evaluation score (this level's
 * vote, else the one carried up from the grassroots), a veto as the reason it
 * cannot be chosen, and beside it what the deciders should weigh — the
 * inspection's findings, the agencies' objections and unanswered requests.
 */
export function candidatePool(candidates: CampaignCandidate[], consulted: ConsultationOutcome, scores: Record<string, number> = {}): SelectionCandidate[] {
  return candidates.map((c) => {
    const notes = [...(c.inspection ? [inspectionNote(c.inspection)] : []), ...(consulted.notes.get(c.nominationId) ?? [])];
    return {
      id: c.nominationId,
      name: c.name,
      score: scores[c.nominationId] ?? c.evaluation?.score ?? 0,
      priority: c.priority,
      ...(consulted.vetoed.has(c.nominationId) ? { excludedBecause: `征求意见一票否决：${consulted.vetoed.get(c.nominationId)}` } : {}),
      ...(notes.length ? { notes } : {}),
    };
  });
}
