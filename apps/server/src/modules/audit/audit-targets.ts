import { and, eq, inArray } from 'drizzle-orm';
import { apiKeys, campaigns, invitations, organizations, platformConnections, users, type Db } from '@adloop/db';
import { PLATFORM_LABELS } from '@adloop/contracts/labels';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The names of the things a page of audit entries points at ("Winter sale", "Meta connection",
 * "ana@example.com"), keyed `type:id`, read in one query per kind. Org-owned things are looked up
 * within `orgId` only (null for a person's own activity: then only people and organisations).
 * Things deleted since keep no name: the entry then shows its kind alone.
 */
export async function auditTargetLabels(db: Db, orgId: string | null, targets: { targetType: string | null; targetId: string | null }[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(targets.filter((t) => t.targetType === type && t.targetId && UUID.test(t.targetId)).map((t) => t.targetId!))];
  const labels = new Map<string, string>();
  const put = (type: string, rows: { id: string; label: string }[]) => rows.forEach((r) => labels.set(`${type}:${r.id}`, r.label));

  const people = [...new Set([...ids('user'), ...ids('member')])];
  const lookups: Promise<void>[] = [];
  if (people.length)
    lookups.push(
      db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(inArray(users.id, people))
        .then((rows) => {
          const named = rows.map((u) => ({ id: u.id, label: u.name ? `${u.name} (${u.email})` : u.email }));
          put('user', named);
          put('member', named);
        }),
    );
  const orgIds = ids('organization');
  if (orgIds.length) lookups.push(db.select({ id: organizations.id, label: organizations.name }).from(organizations).where(inArray(organizations.id, orgIds)).then((rows) => put('organization', rows)));
  if (orgId !== null) {
    const campaignIds = ids('campaign');
    if (campaignIds.length) lookups.push(db.select({ id: campaigns.id, label: campaigns.name }).from(campaigns).where(and(eq(campaigns.orgId, orgId), inArray(campaigns.id, campaignIds))).then((rows) => put('campaign', rows)));
    const keyIds = ids('api_key');
    if (keyIds.length) lookups.push(db.select({ id: apiKeys.id, label: apiKeys.name }).from(apiKeys).where(and(eq(apiKeys.orgId, orgId), inArray(apiKeys.id, keyIds))).then((rows) => put('api_key', rows)));
    const inviteIds = ids('invitation');
    if (inviteIds.length) lookups.push(db.select({ id: invitations.id, label: invitations.email }).from(invitations).where(and(eq(invitations.orgId, orgId), inArray(invitations.id, inviteIds))).then((rows) => put('invitation', rows)));
    const connectionIds = ids('connection');
    if (connectionIds.length)
      lookups.push(
        db
          .select({ id: platformConnections.id, platform: platformConnections.platform })
          .from(platformConnections)
          .where(and(eq(platformConnections.orgId, orgId), inArray(platformConnections.id, connectionIds)))
          .then((rows) => put('connection', rows.map((c) => ({ id: c.id, label: `${PLATFORM_LABELS[c.platform]} connection` })))),
      );
  }
  await Promise.all(lookups);
  return labels;
}
