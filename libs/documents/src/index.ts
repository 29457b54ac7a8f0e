export * from './attachments';
export * from './hefei';
export * from './wujin';
