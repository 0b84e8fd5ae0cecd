import { eq, sql } from 'drizzle-orm';
import { organizations, type Db } from '@adloop/db';
import { fieldError, notFound } from '../../platform/errors.ts';
import { addDays, daysBetween, dateInZone, MAX_RANGE_DAYS } from '@adloop/engine';

/** What every report shares: the organisation's settings, the date range, currency conversion in SQL. */

export interface Range {
  since: string;
  until: string;
}

const SETTINGS_TTL_MS = 10_000;
const settingsCache = new WeakMap<object, Map<string, { value: { reportingCurrency: string; timeZone: string }; at: number }>>();

/**
 * The organisation's reporting currency and time zone, cached for 10 seconds per process (read on
 * every report request; changed rarely). A change in this process clears it at once.
 */
export async function orgSettings(db: Db, orgId: string): Promise<{ reportingCurrency: string; timeZone: string }> {
  const cache = settingsCache.get(db) ?? new Map();
  settingsCache.set(db, cache);
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value;
  const [org] = await db.select({ reportingCurrency: organizations.reportingCurrency, timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound('Organisation');
  cache.set(orgId, { value: org, at: Date.now() });
  return org;
}

export function forgetOrgSettings(db: Db, orgId: string): void {
  settingsCache.get(db)?.delete(orgId);
}

/** The asked range, or the last 30 complete days in the organisation's time zone. */
export function resolveRange(query: { since?: string | undefined; until?: string | undefined }, timeZone: string, now: Date): Range {
  const yesterday = addDays(dateInZone(timeZone, now), -1);
  const until = query.until ?? (query.since && query.since > yesterday ? query.since : yesterday);
  const since = query.since ?? addDays(until, -29);
  if (since > until) throw fieldError('since', 'must be on or before until', 'querystring');
  if (daysBetween(since, until) > MAX_RANGE_DAYS) throw fieldError('since', `the range can be at most ${MAX_RANGE_DAYS} days`, 'querystring');
  return { since, until };
}

/** The factor turning an amount of `m.currency` on `m.date` into the reporting currency (NULL without rates). */
export const FX_JOIN = (alias: string, reporting: string) => sql.raw(`
  LEFT JOIN fx_rates fc ON fc.date = ${alias}.date AND fc.currency = ${alias}.currency
  LEFT JOIN fx_rates fr ON fr.date = ${alias}.date AND fr.currency = '${reporting.replace(/[^A-Z]/g, '')}'`);
export const FX_FACTOR = sql.raw(`(fr.rate / fc.rate)`);

export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
