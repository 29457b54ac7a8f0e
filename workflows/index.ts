export { nominationReview } from './nomination-review.workflow';
export { humanTask } from './human-task.workflow';
export { publicNotice } from './public-notice.workflow';
export { consultation } from './consultation.workflow';
export { differentialSelection } from './differential-selection.workflow';
export { rubricAssessment } from './rubric-assessment.workflow';
export { obligationSchedule } from './obligation-schedule.workflow';
export { phasedPlan } from './phased-plan.workflow';
