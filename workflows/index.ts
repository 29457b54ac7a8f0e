export { nominationReview } from './nomination-review.workflow';
export { humanTask } from './human-task.workflow';
