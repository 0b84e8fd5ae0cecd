import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import { notificationPreferences, notificationSettings, type Db } from '@adloop/db';
import { ALWAYS_ON, isNotificationKind, NOTIFICATION_CHANNELS, type NotificationChannel, type NotificationKind } from '@adloop/contracts';

/** Decides whether a kind goes to a person on a channel: their own choice, else the organisation's default, else on. */
export type PreferenceCheck = (userId: string, channel: NotificationChannel) => boolean;

export async function loadPreferenceCheck(db: Db, orgId: string | null, kind: NotificationKind, userIds: readonly string[]): Promise<PreferenceCheck> {
  const always = ALWAYS_ON[kind] ?? [];
  if (orgId === null || userIds.length === 0) return () => true;
  const rows = await db
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.orgId, orgId), eq(notificationPreferences.kind, kind), or(isNull(notificationPreferences.userId), inArray(notificationPreferences.userId, [...userIds]))));
  const own = new Map<string, boolean>();
  const defaults = new Map<string, boolean>();
  for (const row of rows) {
    if (row.userId === null) defaults.set(row.channel, row.enabled);
    else own.set(`${row.userId}|${row.channel}`, row.enabled);
  }
  return (userId, channel) => (always as readonly string[]).includes(channel) || (own.get(`${userId}|${channel}`) ?? defaults.get(channel) ?? true);
}

export type PersonSettings = typeof notificationSettings.$inferSelect;

export async function loadSettings(db: Db, userIds: readonly string[]): Promise<Map<string, PersonSettings>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.select().from(notificationSettings).where(inArray(notificationSettings.userId, [...userIds]));
  return new Map(rows.map((row) => [row.userId, row]));
}

/** The cells stored for a person, or with `userId` null the organisation's defaults. */
export async function listPreferenceCells(db: Db, orgId: string, userId: string | null): Promise<{ kind: NotificationKind; channel: NotificationChannel; enabled: boolean }[]> {
  const rows = await db
    .select({ kind: notificationPreferences.kind, channel: notificationPreferences.channel, enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.orgId, orgId), userId ? eq(notificationPreferences.userId, userId) : isNull(notificationPreferences.userId)));
  return rows.filter((row): row is { kind: NotificationKind; channel: NotificationChannel; enabled: boolean } => isNotificationKind(row.kind) && (NOTIFICATION_CHANNELS as readonly string[]).includes(row.channel));
}
