export * from './core';
// The audit screen's names of actions: the API's only.
export * from './audit-actions';
export * from './audit-changes';
export * from './audit-fields';
// The form schemas (zod): the API's, the activities' and the tools'; never a workflow's.
export * from './consultation-schema';
export * from './task-forms';
export * from './engine-forms';
export * from './form-attachments';
