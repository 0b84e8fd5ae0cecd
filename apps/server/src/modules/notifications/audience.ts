import { and, eq, inArray } from 'drizzle-orm';
import { memberships, type Db, type Role } from '@adloop/db';
import { NOTIFICATION_KINDS, type NotificationAudience, type NotificationKind } from '@adloop/contracts';

const AUDIENCE_ROLES: Record<Exclude<NotificationAudience, 'actor'>, readonly Role[]> = {
  admins: ['owner', 'admin'],
  approvers: ['owner', 'admin', 'manager'],
  members: ['owner', 'admin', 'manager', 'member'],
  everyone: ['owner', 'admin', 'manager', 'member', 'viewer'],
};

/** The people of the organisation a kind goes to by default (`actor` kinds go to the people named only). */
export async function audienceOf(db: Db, orgId: string, kind: NotificationKind): Promise<string[]> {
  const audience: NotificationAudience = NOTIFICATION_KINDS[kind].audience;
  if (audience === 'actor') return [];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...AUDIENCE_ROLES[audience]])));
  return rows.map((row) => row.userId);
}

/** Of the people named, those who are members of the organisation (an emitter never reaches outsiders). */
export async function membersAmong(db: Db, orgId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, [...userIds])));
  return rows.map((row) => row.userId);
}

/** Every organisation a person belongs to (account-level events show in each organisation's bell). */
export async function orgsOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ orgId: memberships.orgId }).from(memberships).where(eq(memberships.userId, userId));
  return rows.map((row) => row.orgId);
}
