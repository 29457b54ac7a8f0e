export * from './plan';
export * from './contracts';
export * from './forms';
export * from './rules';
