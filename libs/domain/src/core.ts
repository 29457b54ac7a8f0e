/**
 * The domain without its form schemas: everything a workflow may use. zod and
 * the schemas built with it stay out, because every new workflow evaluates the
 * modules it imports afresh in its own scope (workflows/index.ts); a workflow
 * that checks a form loads them when it first does (human-task.ts).
 * `index.ts` adds the schemas for the API, activities and tools.
 */
export * from './organisation';
export * from './roles';
export * from './org-tree';
export * from './nomination';
export * from './tasks';
export * from './calendar';
export * from './differential-selection';
export * from './rubric';
export * from './human-task';
export * from './consultation';
export * from './obligations';
export * from './routing';
export * from './campaign-plan';
export * from './red-flag-selection';
export * from './attachments';
export * from './ledger';
export * from './random';
export * from './failures';
export * from './text';
export * from './login-throttle';
export * from './opinion-phrases';
