export * from './pool';
export * from './registry';
export * from './server';
