export * from './plan';
export * from './contracts';
export * from './forms';
