export * from './organisation';
export * from './roles';
export * from './org-tree';
export * from './nomination';
export * from './tasks';
export * from './calendar';
