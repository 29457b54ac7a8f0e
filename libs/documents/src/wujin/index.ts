export * from './score-sheet';
export * from './compliance-list';
