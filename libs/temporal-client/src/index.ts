export * from './connection';
export * from './connection-options';
export * from './updates';
export * from './nomination-gateway';
export * from './process-gateway';
