export const DEFAULT_TASK_QUEUE = 'pennant';
