import { z } from 'zod';
import { PageQuery, page } from './common.ts';
import { InsightAnomalyMetric } from './insights.ts';

/** Anomaly incidents: stored by the hourly check, listed, snoozed and acknowledged by people. */
export const AnomalyIncidentParams = z.strictObject({ orgId: z.uuid(), incidentId: z.uuid() });
export type AnomalyIncidentParams = z.infer<typeof AnomalyIncidentParams>;

export const AnomalyIncidentsQuery = PageQuery.extend({
  status: z.enum(['open', 'resolved']).default('open'),
  /** Only this ad account's incidents. */
  accountId: z.uuid().optional(),
});
export type AnomalyIncidentsQuery = z.infer<typeof AnomalyIncidentsQuery>;

export const AnomalyIncident = z
  .object({
    id: z.uuid(),
    accountId: z.uuid(),
    /** Null when the account as a whole is off. */
    campaignId: z.uuid().nullable(),
    name: z.string(),
    currency: z.string(),
    metric: InsightAnomalyMetric,
    cause: z.enum(['tracking', 'cost', 'delivery', 'overspend', 'performance']),
    status: z.enum(['open', 'resolved']),
    grain: z.enum(['hour', 'day']),
    direction: z.enum(['up', 'down']),
    method: z.string(),
    confidence: z.enum(['normal', 'low']),
    /** Latest period's observed value against the expected one and its normal interval (spend and CPC in micros). */
    observed: z.number(),
    expected: z.number(),
    lower: z.number(),
    upper: z.number(),
    since: z.iso.datetime(),
    lastAt: z.iso.datetime(),
    openedAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    /** Checks that found it (repeats folded in, notified once). */
    occurrences: z.number().int(),
    snoozedUntil: z.iso.datetime().nullable(),
    acknowledgedAt: z.iso.datetime().nullable(),
    acknowledgedBy: z.string().nullable(),
    /** The chart to look at: the campaign's detail around it, or the account's insights. */
    link: z.string(),
  })
  .meta({ id: 'AnomalyIncident' });
export type AnomalyIncident = z.infer<typeof AnomalyIncident>;

export const AnomalyIncidentPage = page(AnomalyIncident).meta({ id: 'AnomalyIncidentPage' });
export type AnomalyIncidentPage = z.infer<typeof AnomalyIncidentPage>;

/** Silence an incident's alerts until a time (at most 30 days ahead). */
export const SnoozeAnomalyBody = z.strictObject({ until: z.iso.datetime({ offset: true }) });
export type SnoozeAnomalyBody = z.infer<typeof SnoozeAnomalyBody>;
