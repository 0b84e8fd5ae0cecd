export * from './auth.ts';
export * from './orgs.ts';
export * from './audit.ts';
export * from './mail.ts';
export * from './connections.ts';
