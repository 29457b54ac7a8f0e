export * from './actors';
export * from './tasks';
export * from './nomination';
export * from './errors';
export * from './task-queues';
export * from './human-task';
export * from './public-notice';
export * from './consultation';
