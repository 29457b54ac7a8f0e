export { nominationReview } from './nomination-review.workflow';
