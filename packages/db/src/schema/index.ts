export * from './auth.ts';
export * from './orgs.ts';
export * from './audit.ts';
export * from './mail.ts';
export * from './connections.ts';
export * from './campaigns.ts';
export * from './sync.ts';
export * from './notifications.ts';
