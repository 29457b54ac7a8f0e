export * from './grading-table';
export * from './rectification-ledger';
