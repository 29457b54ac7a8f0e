export * from './attachments';
export * from './hefei';
export * from './wujin';
export * from './zibo';
export * from './liangshan';
export * from './table';
export * from './pdf-table';
