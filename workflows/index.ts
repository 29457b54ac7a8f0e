/* eslint-disable @typescript-eslint/no-require-imports -- a workflow type's modules load when a workflow of that type runs (below) */
/**
 * Every workflow type the worker registers, each loaded only when a workflow
 * of that type runs. In the SDK's reused V8 context every new workflow
 * evaluates, in its own module scope, every module it requires (only the
 * SDK's own modules are shared): with `export … from` here each new workflow
 * of any type evaluated every process's workflows, zod and all the form
 * schemas — ~30 ms of CPU and ~1 MiB of heap per new workflow (bench/README.md,
 * "Submission: the worker's CPU"). Each export is a function of the same
 * name that requires its module when the workflow starts, inside the
 * workflow's own scope; what the workflow does, and so its history, is unchanged.
 */

import type * as NominationReviewModule from './nomination-review.workflow';
import type * as HumanTaskModule from './human-task.workflow';
import type * as PublicNoticeModule from './public-notice.workflow';
import type * as ConsultationModule from './consultation.workflow';
import type * as DifferentialSelectionModule from './differential-selection.workflow';
import type * as RubricAssessmentModule from './rubric-assessment.workflow';
import type * as ObligationScheduleModule from './obligation-schedule.workflow';
import type * as PhasedPlanModule from './phased-plan.workflow';
import type * as TaianRedFlagCampaignModule from './taian/red-flag-campaign.workflow';
import type * as TaianRedFlagUnitsModule from './taian/red-flag-units.workflow';
import type * as TaianDynamicManagementModule from './taian/dynamic-management.workflow';
import type * as HefeiCampaignModule from './hefei/campaign.workflow';
import type * as HefeiCommitteeYearModule from './hefei/committee-year.workflow';
import type * as HefeiRectificationModule from './hefei/rectification.workflow';
import type * as WujinPlanModule from './wujin/plan.workflow';
import type * as WujinAssessmentModule from './wujin/assessment.workflow';
import type * as WujinRectificationModule from './wujin/rectification.workflow';
import type * as WujinCommitteeModule from './wujin/committee.workflow';
import type * as WujinReElectionDelayModule from './wujin/re-election-delay.workflow';
import type * as ZiboYearModule from './zibo/year.workflow';
import type * as ZiboBranchYearModule from './zibo/branch-year.workflow';
import type * as ZiboHelpCaseModule from './zibo/help-case.workflow';
import type * as LiangshanYearModule from './liangshan/year.workflow';

/**
 * A function named `name` (the workflow type) that requires the workflow's
 * module when called and runs it. Nothing is kept here: this module, too, is
 * evaluated afresh for each workflow, and `require` answers from that
 * workflow's own module cache.
 */
function lazy<F extends (...args: never[]) => unknown>(name: string, load: () => F): F {
  const named = {
    [name](...args: Parameters<F>): ReturnType<F> {
      return load()(...args) as ReturnType<F>;
    },
  };
  return named[name] as unknown as F;
}

export const nominationReview = lazy('nominationReview', () => (require('./nomination-review.workflow') as typeof NominationReviewModule).nominationReview);
export const humanTask = lazy('humanTask', () => (require('./human-task.workflow') as typeof HumanTaskModule).humanTask);
export const publicNotice = lazy('publicNotice', () => (require('./public-notice.workflow') as typeof PublicNoticeModule).publicNotice);
export const consultation = lazy('consultation', () => (require('./consultation.workflow') as typeof ConsultationModule).consultation);
export const differentialSelection = lazy('differentialSelection', () => (require('./differential-selection.workflow') as typeof DifferentialSelectionModule).differentialSelection);
export const rubricAssessment = lazy('rubricAssessment', () => (require('./rubric-assessment.workflow') as typeof RubricAssessmentModule).rubricAssessment);
export const obligationSchedule = lazy('obligationSchedule', () => (require('./obligation-schedule.workflow') as typeof ObligationScheduleModule).obligationSchedule);
export const phasedPlan = lazy('phasedPlan', () => (require('./phased-plan.workflow') as typeof PhasedPlanModule).phasedPlan);
export const redFlagCampaign = lazy('redFlagCampaign', () => (require('./taian/red-flag-campaign.workflow') as typeof TaianRedFlagCampaignModule).redFlagCampaign);
export const grassrootsRecommendation = lazy('grassrootsRecommendation', () => (require('./taian/red-flag-units.workflow') as typeof TaianRedFlagUnitsModule).grassrootsRecommendation);
export const cityManagedSelection = lazy('cityManagedSelection', () => (require('./taian/red-flag-units.workflow') as typeof TaianRedFlagUnitsModule).cityManagedSelection);
export const redFlagDynamicManagement = lazy('redFlagDynamicManagement', () => (require('./taian/dynamic-management.workflow') as typeof TaianDynamicManagementModule).redFlagDynamicManagement);
export const hefeiCampaign = lazy('hefeiCampaign', () => (require('./hefei/campaign.workflow') as typeof HefeiCampaignModule).hefeiCampaign);
export const hefeiCommitteeYear = lazy('hefeiCommitteeYear', () => (require('./hefei/committee-year.workflow') as typeof HefeiCommitteeYearModule).hefeiCommitteeYear);
export const hefeiRectification = lazy('hefeiRectification', () => (require('./hefei/rectification.workflow') as typeof HefeiRectificationModule).hefeiRectification);
export const wujinPlan = lazy('wujinPlan', () => (require('./wujin/plan.workflow') as typeof WujinPlanModule).wujinPlan);
export const wujinAssessment = lazy('wujinAssessment', () => (require('./wujin/assessment.workflow') as typeof WujinAssessmentModule).wujinAssessment);
export const wujinRectification = lazy('wujinRectification', () => (require('./wujin/rectification.workflow') as typeof WujinRectificationModule).wujinRectification);
export const wujinCommitteeBrands = lazy('wujinCommitteeBrands', () => (require('./wujin/committee.workflow') as typeof WujinCommitteeModule).wujinCommitteeBrands);
export const wujinCommitteeCompliance = lazy('wujinCommitteeCompliance', () => (require('./wujin/committee.workflow') as typeof WujinCommitteeModule).wujinCommitteeCompliance);
export const wujinCommitteeObligations = lazy('wujinCommitteeObligations', () => (require('./wujin/committee.workflow') as typeof WujinCommitteeModule).wujinCommitteeObligations);
export const wujinReElectionDelay = lazy('wujinReElectionDelay', () => (require('./wujin/re-election-delay.workflow') as typeof WujinReElectionDelayModule).wujinReElectionDelay);
export const ziboYear = lazy('ziboYear', () => (require('./zibo/year.workflow') as typeof ZiboYearModule).ziboYear);
export const ziboBranchYear = lazy('ziboBranchYear', () => (require('./zibo/branch-year.workflow') as typeof ZiboBranchYearModule).ziboBranchYear);
export const ziboHelpCase = lazy('ziboHelpCase', () => (require('./zibo/help-case.workflow') as typeof ZiboHelpCaseModule).ziboHelpCase);
export const liangshanYear = lazy('liangshanYear', () => (require('./liangshan/year.workflow') as typeof LiangshanYearModule).liangshanYear);
export const liangshanCommitteeYear = lazy('liangshanCommitteeYear', () => (require('./liangshan/year.workflow') as typeof LiangshanYearModule).liangshanCommitteeYear);
