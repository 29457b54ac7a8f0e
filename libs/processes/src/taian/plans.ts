import type { PlanSubject } from './contracts';
import type { CultivationPlanForm, MentoringPlanForm } from './forms';
import { type RedFlagCampaignParams, mentees } from './plan';

/** "各县市区党委每年至少培树50个过硬党支部典型": the document's figure, when a campaign's parameters predate it. */
export const CULTIVATION_PER_COUNTY = 50;

/**
 * What a city-managed committee is asked to file after the naming:
 *
 * - the three-year cultivation plan (附件2), whether or not it had a branch
 *   named — every county cultivates. A county's committee (县市区党委) at least
 *   `cultivationPerCounty` branches a year, or every branch it governs when it
 *   has fewer (a small simulated county cannot name 50 it does not have);
 *   the others "结合实际确定培育数量": at least one a year, their own choice beyond;
 * - with named branches, the mentoring table (附件4): each named branch
 *   "帮带5个左右党支部", between menteesPerRedFlag ∓ menteesTolerance, of the
 *   committee's own branches, none twice — so where the subtree has too few
 *   branches for that many distinct mentees each, the minimum is what it holds.
 */
export function plansAsked(params: RedFlagCampaignParams, cm: PlanSubject): { cultivation: CultivationPlanForm; mentoring: MentoringPlanForm | null } {
  const perCounty = params.cultivationPerCounty ?? CULTIVATION_PER_COUNTY;
  const cultivation: CultivationPlanForm = {
    kind: 'cultivation_plan',
    years: [params.year, params.year + 1, params.year + 2],
    minRowsPerYear: Math.max(1, cm.county ? Math.min(perCounty, cm.branches.length) : 1),
    branches: cm.branches,
  };
  if (!cm.mentors.length) return { cultivation, mentoring: null };
  const range = mentees(params);
  const room = Math.floor((cm.branches.length - cm.mentors.length) / cm.mentors.length);
  return {
    cultivation,
    mentoring: {
      kind: 'mentoring_plan',
      mentors: cm.mentors,
      branches: cm.branches,
      minMenteesPerMentor: Math.max(0, Math.min(range.min, room)),
      maxMenteesPerMentor: range.max,
      lastDeadline: `${params.year + 2}-12-31`,
    },
  };
}
