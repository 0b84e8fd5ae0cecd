import { randomUUID } from 'node:crypto';
import { NOTIFICATION_KINDS } from '@adloop/contracts';
import { notificationDeliveries, notificationEvents, notifications, type Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { membersAmong } from './audience.ts';
import { bellRow, fanoutOf, inAppDelivery, type NotificationEvent } from './emit.ts';
import { NOTIFICATIONS_FANOUT } from './notifications.jobs.ts';
import { loadPreferenceCheck, type PreferenceCheck } from './preferences.repository.ts';

/** An organisation's event for named people, never folded into an open incident (what `emitNotifications` takes). */
export type OrgNotificationEvent = Omit<NotificationEvent, 'orgId' | 'recipients' | 'incidentKey' | 'incidentIdleMs'> & { orgId: string; recipients: string[] };

/** Rows per insert: well under PostgreSQL's 65,535 bound values for the widest of the tables. */
const CHUNK = 2_000;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

/**
 * Many organisation events at once, as `emitNotification` records each of them (the recipients who
 * are still members, the bell delivered where each person's preference allows and the event chose
 * it, the other channels through one fan-out job per event), in a few multi-row statements instead
 * of several per event: a scheduler tick's rules tell their approvers together. Returns the event ids
 * in order.
 */
export async function emitNotifications(ctx: Pick<AppContext, 'jobs' | 'clock'>, db: Db, events: readonly OrgNotificationEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const at = ctx.clock.now();
  // Who is still a member, and what each person chose for each kind: one read per organisation, and per kind.
  const named = new Map<string, Set<string>>();
  for (const e of events) {
    const set = named.get(e.orgId) ?? new Set<string>();
    for (const id of e.recipients) set.add(id);
    named.set(e.orgId, set);
  }
  const members = new Map<string, Set<string>>();
  for (const [orgId, ids] of named) members.set(orgId, new Set(await membersAmong(db, orgId, [...ids])));
  const checks = new Map<string, PreferenceCheck>();
  for (const e of events) {
    const key = `${e.orgId}|${e.kind}`;
    if (!checks.has(key)) checks.set(key, await loadPreferenceCheck(db, e.orgId, e.kind, [...(members.get(e.orgId) ?? [])]));
  }

  const eventRows: (typeof notificationEvents.$inferInsert)[] = [];
  const deliveries: (typeof notificationDeliveries.$inferInsert)[] = [];
  const bell: (typeof notifications.$inferInsert)[] = [];
  const fanouts: NonNullable<ReturnType<typeof fanoutOf>>[] = [];
  const ids: string[] = [];
  for (const e of events) {
    const id = randomUUID();
    ids.push(id);
    const isMember = members.get(e.orgId)!;
    const recipients = [...new Set(e.recipients)].filter((userId) => isMember.has(userId));
    eventRows.push({
      id,
      orgId: e.orgId,
      scope: e.orgId,
      kind: e.kind,
      severity: NOTIFICATION_KINDS[e.kind].severity,
      title: e.title,
      body: e.body ?? '',
      link: e.link ?? null,
      data: e.data ?? {},
      recipients,
      firstAt: at,
      lastAt: at,
    });
    const channels = e.channels ? [...new Set(e.channels)] : null;
    if (recipients.length > 0 && (!channels || channels.includes('in_app'))) {
      const allowed = checks.get(`${e.orgId}|${e.kind}`)!;
      for (const userId of recipients) {
        const wanted = allowed(userId, 'in_app');
        deliveries.push(inAppDelivery(id, e.orgId, userId, wanted, at));
        if (wanted) bell.push(bellRow(e.orgId, userId, e, at));
      }
    }
    const fanout = fanoutOf(id, channels);
    if (fanout) fanouts.push(fanout);
  }
  await insertChunked(eventRows, (chunk) => db.insert(notificationEvents).values(chunk));
  await insertChunked(deliveries, (chunk) => db.insert(notificationDeliveries).values(chunk).onConflictDoNothing());
  await insertChunked(bell, (chunk) => db.insert(notifications).values(chunk));
  if (fanouts.length > 0) await ctx.jobs.enqueueMany(NOTIFICATIONS_FANOUT, fanouts, { db });
  return ids;
}
