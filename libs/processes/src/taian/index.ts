export * from './plan';
export * from './contracts';
