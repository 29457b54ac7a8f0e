export * from './entities';
export * from './data-source';
export * from './passwords';
export { MIGRATIONS } from './migrations';
export { seedDemo, type SeedResult } from './seed/seed-demo';
export { DEMO_PASSWORD, demoTree, demoUsers } from './seed/demo-tree';
export * from './ids';
export * from './audit';
export * from './calendar';
