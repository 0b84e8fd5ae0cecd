import { formatDateTime } from '../../lib/format.ts';
import type { AdAccount } from '../../lib/types.ts';
import { PLATFORM_NAMES } from './health.tsx';

const HOUR_MS = 3_600_000;

/**
 * The freshness line of an account, with its times in the app's one date format (the server's
 * summary carries its own). Other states keep the server's words.
 */
export function healthSummary(account: AdAccount): string {
  const { health } = account;
  if ((health.state !== 'fresh' && health.state !== 'delayed') || !health.metricsSyncedAt) return health.summary;
  const upTo = health.newestHourAt
    ? `Numbers up to ${formatDateTime(new Date(new Date(health.newestHourAt).getTime() + HOUR_MS).toISOString(), account.timeZone)} (account time)`
    : 'Numbers synced';
  const delay = `${health.reportingDelayHours} hour${health.reportingDelayHours === 1 ? '' : 's'}`;
  return `${upTo}, synced ${formatDateTime(health.metricsSyncedAt)}. ${PLATFORM_NAMES[account.platform]} usually completes an hour's numbers within ${delay}.`;
}
