export * from './connection';
export * from './nomination-gateway';
