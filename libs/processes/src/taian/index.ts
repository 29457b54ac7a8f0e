export * from './plan';
export * from './contracts';
export * from './forms';
export * from './plans';
export * from './rules';
