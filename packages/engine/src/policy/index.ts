export * from './types.ts';
export { needsApproval } from './needs-approval.ts';
export { stakePerDay, type StakeSubject } from './stake.ts';
