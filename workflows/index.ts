export { nominationReview } from './nomination-review.workflow';
export { humanTask } from './human-task.workflow';
export { publicNotice } from './public-notice.workflow';
export { consultation } from './consultation.workflow';
