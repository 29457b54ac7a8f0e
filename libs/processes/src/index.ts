export * from './definition';
export * from './registry';
export * from './forms';
