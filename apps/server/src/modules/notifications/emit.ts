import { sql } from 'drizzle-orm';
import { notificationDeliveries, notifications, type Db } from '@adloop/db';
import { NOTIFICATION_KINDS, type NotificationChannel, type NotificationKind } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { audienceOf, membersAmong, orgsOf } from './audience.ts';
import { NOTIFICATIONS_FANOUT } from './notifications.jobs.ts';
import { loadPreferenceCheck } from './preferences.repository.ts';

export interface NotificationEvent {
  /** The organisation; null for an account-level event (security), which needs `recipients`. */
  orgId: string | null;
  kind: NotificationKind;
  title: string;
  body?: string;
  /** A path in the web app (`/orgs/<id>/…`) to act on it. */
  link?: string | null;
  /** Explicit recipients (user ids); otherwise the kind's default audience. */
  recipients?: string[];
  /** Same key while an incident is ongoing → folded into the open event, never sent twice. */
  incidentKey?: string;
  /** An open incident with no occurrence for this long is over: the next emit starts (and sends) a new one. */
  incidentIdleMs?: number;
  /**
   * Only through these channels (a rule's notify action chooses them); each still follows its own
   * settings (people's preferences, the Slack install's kinds, the endpoints' subscriptions). Absent: all.
   */
  channels?: readonly NotificationChannel[];
  /** Extra JSON for webhooks / Slack blocks (ids, figures). */
  data?: Record<string, unknown>;
}

/**
 * Records the event and enqueues its fan-out (inside the caller's transaction when `db` is one).
 * The in-app channel is delivered here, in the same transaction, so the bell is immediate; email,
 * Slack and webhooks go through the `notifications.fanout` job. An event whose `incidentKey` is
 * already open folds into it (its id is returned, nothing is sent again). Returns null when nobody
 * was there to tell. Call `announceNotifications` after the commit to refresh open bells at once.
 */
export async function emitNotification(ctx: Pick<AppContext, 'jobs' | 'clock'>, db: Db, event: NotificationEvent): Promise<string | null> {
  const info = NOTIFICATION_KINDS[event.kind];
  const at = ctx.clock.now();
  const named = event.recipients ? [...new Set(event.recipients)] : null;
  const recipients = event.orgId === null ? (named ?? []) : named ? await membersAmong(db, event.orgId, named) : await audienceOf(db, event.orgId, event.kind);
  if (recipients.length === 0 && event.orgId === null) return null;
  const scope = event.orgId ?? `user:${recipients[0]}`;
  if (event.incidentKey && event.incidentIdleMs !== undefined) {
    const idleSince = new Date(at.getTime() - event.incidentIdleMs).toISOString();
    await db.execute(sql`update notification_events set resolved_at = ${at.toISOString()}::timestamptz
      where scope = ${scope} and kind = ${event.kind} and incident_key = ${event.incidentKey} and resolved_at is null and last_at < ${idleSince}::timestamptz`);
  }
  const result = (await db.execute(sql`
    insert into notification_events (org_id, scope, kind, severity, title, body, link, data, recipients, incident_key, first_at, last_at)
    values (${event.orgId}, ${scope}, ${event.kind}, ${info.severity}, ${event.title}, ${event.body ?? ''}, ${event.link ?? null},
            ${JSON.stringify(event.data ?? {})}::jsonb, ${JSON.stringify(recipients)}::jsonb, ${event.incidentKey ?? null}, ${at.toISOString()}::timestamptz, ${at.toISOString()}::timestamptz)
    on conflict (scope, kind, incident_key) where resolved_at is null and incident_key is not null
    do update set occurrences = notification_events.occurrences + 1, last_at = excluded.last_at
    returning id, (xmax = 0) as inserted`)) as unknown as { rows: { id: string; inserted: boolean }[] };
  const row = result.rows[0];
  if (!row) throw new Error('notification event not recorded');
  if (!row.inserted) return row.id;
  const channels = event.channels ? [...new Set(event.channels)] : null;
  await deliverInApp(db, row.id, event, recipients, at, !channels || channels.includes('in_app'));
  const fanout = fanoutOf(row.id, channels);
  if (fanout) await ctx.jobs.enqueue(NOTIFICATIONS_FANOUT, fanout, { db });
  return row.id;
}

/** The event's fan-out job beyond the bell (every channel when the emitter chose none); null when it chose the bell only. */
export function fanoutOf(eventId: string, channels: readonly NotificationChannel[] | null): { eventId: string; channels?: NotificationChannel[] } | null {
  if (!channels) return { eventId };
  const beyondBell = channels.filter((c) => c !== 'in_app');
  return beyondBell.length > 0 ? { eventId, channels: beyondBell } : null;
}

/** A person's in-app delivery of an event: sent, or skipped by their preference. */
export function inAppDelivery(eventId: string, orgId: string | null, userId: string, wanted: boolean, at: Date): typeof notificationDeliveries.$inferInsert {
  return { eventId, orgId, channel: 'in_app', recipientUserId: userId, target: userId, state: wanted ? 'sent' : 'skipped', createdAt: at, sentAt: wanted ? at : null, attempts: wanted ? 1 : 0 };
}

/** The event's row in a person's bell in one organisation. */
export function bellRow(orgId: string, userId: string, event: Pick<NotificationEvent, 'kind' | 'title' | 'body' | 'link'>, at: Date): typeof notifications.$inferInsert {
  return { orgId, userId, kind: event.kind, title: event.title, body: event.body ?? '', link: event.link ?? null, createdAt: at };
}

/** The bell: one row per person (in each of their organisations for account-level events), where their preference allows and the emitter chose it. */
async function deliverInApp(db: Db, eventId: string, event: NotificationEvent, recipients: readonly string[], at: Date, isChosen: boolean): Promise<void> {
  if (recipients.length === 0 || !isChosen) return;
  const allowed = await loadPreferenceCheck(db, event.orgId, event.kind, recipients);
  const rows: (typeof notifications.$inferInsert)[] = [];
  const deliveries: (typeof notificationDeliveries.$inferInsert)[] = [];
  for (const userId of recipients) {
    const wanted = allowed(userId, 'in_app');
    deliveries.push(inAppDelivery(eventId, event.orgId, userId, wanted, at));
    if (!wanted) continue;
    const orgIds = event.orgId ? [event.orgId] : await orgsOf(db, userId);
    for (const orgId of orgIds) rows.push(bellRow(orgId, userId, event, at));
  }
  await db.insert(notificationDeliveries).values(deliveries).onConflictDoNothing();
  if (rows.length > 0) await db.insert(notifications).values(rows);
}

/** Ends an open incident: the next emit with the same key starts (and sends) a new event. */
export async function resolveNotificationIncident(db: Db, scope: { orgId: string | null; userId?: string }, kind: NotificationKind, incidentKey: string, at: Date): Promise<void> {
  const key = scope.orgId ?? `user:${scope.userId ?? ''}`;
  await db.execute(sql`update notification_events set resolved_at = ${at.toISOString()}::timestamptz where scope = ${key} and kind = ${kind} and incident_key = ${incidentKey} and resolved_at is null`);
}
