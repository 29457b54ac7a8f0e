export * from './cache';
export * from './embedded-postgres';
export * from './ports';
export * from './temporal-cli';
export * from './test-server';
export * from './cached-install';
export * from './display';
export * from './schemathesis';
