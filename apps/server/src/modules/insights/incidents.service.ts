import { inArray, sql } from 'drizzle-orm';
import { users } from '@adloop/db';
import type { AnomalyIncident, AnomalyIncidentPage, AnomalyIncidentsQuery, SnoozeAnomalyBody } from '@adloop/contracts';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { decodeCursor, toPage } from '../../platform/pagination.ts';
import { canSeeAccount, type OrgAccess } from '../auth/auth.guard.ts';
import { rowsOf } from '../metrics/report-scope.ts';
import { acknowledgeIncident, findIncident, listIncidentRows, snoozeIncident, type IncidentRow } from './incidents.repository.ts';
import { chartLink } from './incidents.words.ts';

/** Longest snooze: thirty days ahead. */
const MAX_SNOOZE_MS = 30 * 86_400_000;
const Cursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

async function presentAll(ctx: AppContext, orgId: string, rows: readonly IncidentRow[]): Promise<AnomalyIncident[]> {
  if (rows.length === 0) return [];
  const accountIds = [...new Set(rows.map((r) => r.adAccountId))];
  const currencies = new Map(
    rowsOf<{ id: string; currency: string }>(await ctx.db.execute(sql`SELECT id::text AS id, currency FROM ad_accounts WHERE org_id = ${orgId}::uuid AND id IN (${sql.join(accountIds.map((id) => sql`${id}::uuid`), sql`, `)})`))
      .map((r) => [r.id, r.currency]),
  );
  const people = [...new Set(rows.map((r) => r.acknowledgedById).filter((id): id is string => id !== null))];
  const names = new Map(people.length === 0 ? [] : (await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, people))).map((u) => [u.id, u.name || u.email]));
  const now = ctx.clock.now();
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map((r) => ({
    id: r.id, accountId: r.adAccountId, campaignId: r.campaignId, name: r.name, currency: currencies.get(r.adAccountId) ?? '',
    metric: r.metric, cause: r.cause, status: r.status, grain: r.grain, direction: r.direction, method: r.method, confidence: r.confidence,
    observed: r.observed, expected: r.expected, lower: r.lower, upper: r.upper,
    since: r.since.toISOString(), lastAt: r.lastAt.toISOString(), openedAt: r.openedAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(),
    resolvedAt: iso(r.resolvedAt), occurrences: r.occurrences,
    snoozedUntil: r.snoozedUntil && r.snoozedUntil > now ? r.snoozedUntil.toISOString() : null,
    acknowledgedAt: iso(r.acknowledgedAt), acknowledgedBy: r.acknowledgedById ? (names.get(r.acknowledgedById) ?? null) : r.acknowledgedAt ? 'API key' : null,
    link: chartLink(orgId, r, r.resolvedAt ?? now),
  }));
}

/** Open or resolved incidents of the accounts the caller may see, newest first, paged. */
export async function listIncidents(ctx: AppContext, access: OrgAccess, query: AnomalyIncidentsQuery): Promise<AnomalyIncidentPage> {
  const after = decodeCursor(query.cursor, Cursor);
  if (query.accountId !== undefined && !canSeeAccount(access, query.accountId)) {
    throw new AppError('not_found', 'accountId: no ad account of this organisation with this id', { issues: [{ location: 'querystring', field: 'accountId', message: 'is not an ad account of this organisation' }] });
  }
  const accountIds = query.accountId !== undefined ? [query.accountId] : access.accountIds;
  const rows = await listIncidentRows(ctx.db, access.orgId, { status: query.status, accountIds }, after, query.limit + 1);
  const page = toPage(rows, query.limit, (r) => r, (r) => [r.openedAt.toISOString(), r.id]);
  return { items: await presentAll(ctx, access.orgId, page.items), nextCursor: page.nextCursor };
}

async function visible(ctx: AppContext, access: OrgAccess, id: string): Promise<IncidentRow> {
  const row = await findIncident(ctx.db, access.orgId, id);
  if (!row || !canSeeAccount(access, row.adAccountId)) throw new AppError('not_found', 'incidentId: no anomaly incident of this organisation with this id', { issues: [{ location: 'params', field: 'incidentId', message: 'is not an anomaly incident of this organisation' }] });
  return row;
}

export async function getIncident(ctx: AppContext, access: OrgAccess, id: string): Promise<AnomalyIncident> {
  return (await presentAll(ctx, access.orgId, [await visible(ctx, access, id)]))[0]!;
}

const userOf = (access: OrgAccess): string | null => (access.actor.kind === 'user' ? access.actor.userId : null);

/** No alerts for the incident (nor for its metric and cause on the same scope, should it reopen) until `until`. */
export async function snooze(ctx: AppContext, access: OrgAccess, id: string, body: SnoozeAnomalyBody): Promise<AnomalyIncident> {
  const row = await visible(ctx, access, id);
  const until = new Date(body.until);
  const now = ctx.clock.now();
  if (until.getTime() <= now.getTime()) throw fieldError('until', 'must be in the future');
  if (until.getTime() - now.getTime() > MAX_SNOOZE_MS) throw fieldError('until', 'must be at most 30 days ahead');
  if (row.status === 'resolved') throw new AppError('conflict', 'This anomaly is already over: there is nothing to snooze.');
  const updated = await snoozeIncident(ctx.db, access.orgId, id, until, userOf(access));
  return (await presentAll(ctx, access.orgId, [updated ?? row]))[0]!;
}

/** A person has seen it (kept once set: the first acknowledgement stands). */
export async function acknowledge(ctx: AppContext, access: OrgAccess, id: string): Promise<AnomalyIncident> {
  const row = await visible(ctx, access, id);
  const updated = await acknowledgeIncident(ctx.db, access.orgId, id, ctx.clock.now(), userOf(access));
  return (await presentAll(ctx, access.orgId, [updated ?? row]))[0]!;
}
