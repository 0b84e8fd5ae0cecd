import { sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { rowsOf } from '../metrics/report-scope.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { emitNotification, resolveNotificationIncident } from '../notifications/emit.ts';
import type { IncidentRow } from './incidents.repository.ts';
import { chartLink, incidentSummary, openedTitle, resolvedTitle } from './incidents.words.ts';

/** One notification key per incident: a retried check folds into the event already sent, never sends twice. */
const incidentKeyOf = (row: IncidentRow): string => `anomaly:${row.id}`;

const dataOf = (row: IncidentRow) => ({
  incidentId: row.id, adAccountId: row.adAccountId, campaignId: row.campaignId, metric: row.metric, cause: row.cause, grain: row.grain,
  observed: row.observed, expected: row.expected, lower: row.lower, upper: row.upper, since: row.since.toISOString(),
});

/** Who hears of an account's anomalies: owners, admins and managers, and the members assigned to the account (never viewers, never members without it). */
async function recipientsOf(ctx: AppContext, orgId: string, accountId: string): Promise<string[]> {
  return rowsOf<{ user_id: string }>(
    await ctx.db.execute(sql`
      SELECT m.user_id::text AS user_id FROM memberships m
      WHERE m.org_id = ${orgId}::uuid AND (m.role IN ('owner', 'admin', 'manager')
        OR (m.role = 'member' AND EXISTS (SELECT 1 FROM member_ad_accounts a WHERE a.org_id = m.org_id AND a.user_id = m.user_id AND a.ad_account_id = ${accountId}::uuid)))`),
  ).map((r) => r.user_id);
}

/**
 * Tells the people of the account about the incidents a check opened and resolved (after its
 * transaction committed), through the notification channels: `anomaly.opened` with the figures and
 * the link to the chart, `anomaly.resolved` when back to normal. Snoozed incidents stay quiet. Each
 * incident is told once each way: only its opening (an insert on the open key) and its resolution
 * notify, and the incident's notification key folds a retried check into the event already sent.
 */
export async function notifyIncidents(ctx: AppContext, orgId: string, opened: readonly IncidentRow[], resolved: readonly IncidentRow[], currencyOf: (accountId: string) => string, now: Date): Promise<void> {
  const people = new Map<string, string[]>();
  const recipients = async (accountId: string): Promise<string[]> => {
    const known = people.get(accountId);
    if (known) return known;
    const found = await recipientsOf(ctx, orgId, accountId);
    people.set(accountId, found);
    return found;
  };
  let sent = 0;
  for (const row of opened) {
    if (row.snoozedUntil && row.snoozedUntil > now) continue;
    const id = await emitNotification(ctx, ctx.db, {
      orgId, kind: 'anomaly.opened', title: openedTitle(row), body: incidentSummary(row, currencyOf(row.adAccountId)), link: chartLink(orgId, row, now),
      recipients: await recipients(row.adAccountId), incidentKey: incidentKeyOf(row), data: dataOf(row),
    });
    if (id) sent += 1;
  }
  for (const row of resolved) {
    await resolveNotificationIncident(ctx.db, { orgId }, 'anomaly.opened', incidentKeyOf(row), now);
    if (row.snoozedUntil && row.snoozedUntil > now) continue;
    const id = await emitNotification(ctx, ctx.db, {
      orgId, kind: 'anomaly.resolved', title: resolvedTitle(row), body: `Back within its normal range at ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC.`, link: chartLink(orgId, row, now),
      recipients: await recipients(row.adAccountId), incidentKey: incidentKeyOf(row), data: dataOf(row),
    });
    if (id) sent += 1;
  }
  await announceNotifications(ctx, orgId, sent);
}
