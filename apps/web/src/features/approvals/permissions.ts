import type { Role } from '../../lib/types.ts';

/** Approving and rejecting proposals: owners, admins and managers (the server's `changes:approve`). */
export const canApprove = (role: Role | null | undefined) => role === 'owner' || role === 'admin' || role === 'manager';
/** The approval policy, guardrail limits and resuming automation (`changes:settings`). */
export const canEditChangeSettings = (role: Role | null | undefined) => role === 'owner' || role === 'admin';
/** Stopping automated changes (`automation:stop`). */
export const canStopAutomation = (role: Role | null | undefined) => role === 'owner' || role === 'admin' || role === 'manager';
