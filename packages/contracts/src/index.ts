export * from './common.ts';
export * from './health.ts';
export * from './mail.ts';
export * from './orgs.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './connections.ts';
export * from './campaigns.ts';
