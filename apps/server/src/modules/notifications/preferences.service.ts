import { and, eq, isNull } from 'drizzle-orm';
import { notificationPreferences, notificationSettings, organizations, users, type Db } from '@adloop/db';
import { ALWAYS_ON, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, NOTIFICATION_KIND_NAMES, type NotificationChannel, type NotificationKind, type NotificationSettings } from '@adloop/contracts';
import { isKnownZone } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { fieldError } from '../../platform/errors.ts';
import { readUnsubscribeToken } from './unsubscribe-token.ts';
import { listPreferenceCells } from './preferences.repository.ts';

export function catalogue() {
  return {
    kinds: NOTIFICATION_KIND_NAMES.map((kind) => ({ kind, ...NOTIFICATION_KINDS[kind], alwaysOn: [...(ALWAYS_ON[kind] ?? [])] })),
    channels: [...NOTIFICATION_CHANNELS],
  };
}

const isLocked = (kind: NotificationKind, channel: NotificationChannel) => (ALWAYS_ON[kind] ?? []).includes(channel);

const cells = listPreferenceCells;

const DEFAULT_SETTINGS: NotificationSettings = { timeZone: 'UTC', quietStart: null, quietEnd: null, digest: 'off' };

export async function mySettings(db: Db, userId: string): Promise<NotificationSettings> {
  const [row] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId));
  return row ? { timeZone: row.timeZone, quietStart: row.quietStart, quietEnd: row.quietEnd, digest: row.digest } : DEFAULT_SETTINGS;
}

export async function myPreferences(ctx: AppContext, orgId: string, userId: string) {
  const [defaults, mine, settings] = [await cells(ctx.db, orgId, null), await cells(ctx.db, orgId, userId), await mySettings(ctx.db, userId)];
  if (settings === DEFAULT_SETTINGS) {
    // Until the person chooses, their organisation's time zone.
    const [org] = await ctx.db.select({ timeZone: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
    return { defaults, mine, settings: { ...settings, timeZone: org?.timeZone ?? 'UTC' } };
  }
  return { defaults, mine, settings };
}

type Cell = { kind: NotificationKind; channel: NotificationChannel; enabled: boolean | null };

/** Sets (or, with `enabled: null`, clears) cells for a person or, with `userId` null, the organisation's defaults. */
export async function setCells(db: Db, orgId: string, userId: string | null, list: readonly Cell[], at: Date): Promise<void> {
  list.forEach((cell, index) => {
    if (isLocked(cell.kind, cell.channel) && cell.enabled === false) {
      throw fieldError(`${userId ? 'preferences' : 'defaults'}.${index}.enabled`, 'Security alerts about your own account always reach you in the app and by email');
    }
  });
  for (const cell of list) {
    const where = and(eq(notificationPreferences.orgId, orgId), userId ? eq(notificationPreferences.userId, userId) : isNull(notificationPreferences.userId), eq(notificationPreferences.kind, cell.kind), eq(notificationPreferences.channel, cell.channel));
    if (cell.enabled === null) {
      await db.delete(notificationPreferences).where(where);
      continue;
    }
    await db
      .insert(notificationPreferences)
      .values({ orgId, userId, kind: cell.kind, channel: cell.channel, enabled: cell.enabled, updatedAt: at })
      .onConflictDoUpdate({ target: [notificationPreferences.orgId, notificationPreferences.userId, notificationPreferences.kind, notificationPreferences.channel], set: { enabled: cell.enabled, updatedAt: at } });
  }
}

export async function saveSettings(db: Db, userId: string, settings: NotificationSettings, at: Date): Promise<void> {
  if (!isKnownZone(settings.timeZone)) throw fieldError('settings.timeZone', 'Unknown time zone: use an IANA name such as Europe/Paris');
  if ((settings.quietStart === null) !== (settings.quietEnd === null)) throw fieldError('settings.quietEnd', 'Give both the start and the end of quiet hours, or neither');
  await db
    .insert(notificationSettings)
    .values({ userId, ...settings, updatedAt: at })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...settings, updatedAt: at } });
}

export async function updateMyPreferences(ctx: AppContext, orgId: string, userId: string, body: { preferences?: Cell[] | undefined; settings?: NotificationSettings | undefined }) {
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (body.preferences) await setCells(tx, orgId, userId, body.preferences, at);
    if (body.settings) await saveSettings(tx, userId, body.settings, at);
  });
  return myPreferences(ctx, orgId, userId);
}

/** What a one-click unsubscribe token stands for (the web page shows it before the person confirms). */
export async function describeUnsubscribe(ctx: AppContext, token: string, apply: boolean) {
  const scope = readUnsubscribeToken(ctx.secretKey, token);
  if (!scope || !scope.orgId) throw fieldError('token', 'This unsubscribe link is not valid', 'querystring');
  const orgId = scope.orgId;
  const [person] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, scope.userId));
  const [org] = await ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  if (!person || !org) throw fieldError('token', 'This unsubscribe link is no longer valid: the account or organisation is gone', 'querystring');
  const kinds = scope.kind ? [scope.kind] : NOTIFICATION_KIND_NAMES.filter((kind) => !isLocked(kind, 'email'));
  const current = await cells(ctx.db, orgId, scope.userId);
  const off = (kind: NotificationKind) => current.some((cell) => cell.kind === kind && cell.channel === 'email' && !cell.enabled);
  if (apply) await setCells(ctx.db, orgId, scope.userId, kinds.filter((kind) => !isLocked(kind, 'email')).map((kind) => ({ kind, channel: 'email' as const, enabled: false })), ctx.clock.now());
  return {
    kind: scope.kind,
    label: scope.kind ? NOTIFICATION_KINDS[scope.kind].label : 'All notification emails',
    organizationName: org.name,
    email: person.email,
    unsubscribed: apply || kinds.every(off),
  };
}

