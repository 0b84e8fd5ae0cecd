import type { AppContext } from '../../platform/context.ts';

/**
 * Registers the change module's jobs on this process's queue. The apply job (`APPLY_CHANGE`,
 * `applyChange`, `recoverChangeRun`) is registered with the sync's jobs for now.
 */
export function registerChangeJobs(_ctx: AppContext): void {}

/** The change module's cron schedules. */
export async function scheduleChangeJobs(_ctx: AppContext): Promise<void> {}
