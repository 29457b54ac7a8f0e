export * from './attachments';
export * from './hefei';
