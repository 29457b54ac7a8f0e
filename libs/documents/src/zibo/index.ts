export * from './project-ledger';
