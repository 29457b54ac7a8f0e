export * from './core';
// The form schemas (zod): the API's, the activities' and the tools'; never a workflow's.
export * from './consultation-schema';
export * from './task-forms';
export * from './engine-forms';
export * from './form-attachments';
