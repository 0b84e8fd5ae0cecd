import { and, eq, inArray, ne } from 'drizzle-orm';
import { memberships, notifications, users, type Db, type Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { PERMISSIONS } from '../orgs/permissions.ts';
import type { ChangeActor } from './actor.ts';
import type { ChangeRow } from './changes.repository.ts';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * Tells everyone who may approve (owners, admins, managers: `changes:approve`) that proposals wait:
 * one in-app notification each and one email each, inside the caller's transaction. The proposer is
 * left out. Returns how many people were told (publish the notification hint after the commit).
 */
export async function notifyApprovers(ctx: Pick<AppContext, 'mailer' | 'config'>, db: Db, orgId: string, proposer: ChangeActor, proposals: readonly ChangeRow[], at: Date): Promise<number> {
  const roles: readonly Role[] = PERMISSIONS['changes:approve'].roles;
  const approvers = await db
    .select({ userId: memberships.userId, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...roles]), proposer.type === 'user' && proposer.id ? ne(memberships.userId, proposer.id) : undefined));
  if (approvers.length === 0) return 0;
  const title = proposals.length === 1 ? `${proposer.label} proposes a change` : `${proposer.label} proposes ${proposals.length} changes`;
  const body = 'It waits for your approval in the approval inbox: approve, edit or reject it there before it expires.';
  const link = `/orgs/${orgId}/approvals`;
  await db.insert(notifications).values(approvers.map(({ userId }) => ({ orgId, userId, kind: 'change.proposed', title, body, link, createdAt: at })));
  const url = `${ctx.config.publicUrl}${link}`;
  for (const { email } of approvers) {
    await ctx.mailer.send(
      {
        to: email,
        subject: `Adloop: ${title}`,
        text: `${title}.\n\n${body}\n\nOpen the approval inbox: ${url}\n`,
        html: `<!doctype html><html><body style="font-family:sans-serif"><p>${escapeHtml(title)}.</p><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(url)}">Open the approval inbox</a></p></body></html>`,
      },
      { db },
    );
  }
  return approvers.length;
}
