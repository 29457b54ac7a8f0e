export * from './responsibility-list';
