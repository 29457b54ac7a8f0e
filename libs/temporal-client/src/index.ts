export * from './connection';
export * from './updates';
export * from './nomination-gateway';
export * from './process-gateway';
