import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { invitations, organizations, users, type Db, type Role } from '@adloop/db';

const inviter = alias(users, 'inviter');

const columns = {
  id: invitations.id,
  orgId: invitations.orgId,
  email: invitations.email,
  role: invitations.role,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
  createdAt: invitations.createdAt,
  inviterId: inviter.id,
  inviterEmail: inviter.email,
  inviterName: inviter.name,
};

export interface InvitationRow {
  id: string;
  orgId: string;
  email: string;
  role: Role;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  inviterId: string | null;
  inviterEmail: string | null;
  inviterName: string | null;
}

const isPending = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** SQL for `invitations`. Only `findByTokenHash` has no `orgId`: the token itself is the capability. */
export function createInvitationsRepository(db: Db) {
  const select = () => db.select(columns).from(invitations).leftJoin(inviter, eq(inviter.id, invitations.invitedBy));
  return {
    /** Pending invitations by (email, id). */
    async listPending(orgId: string, page: { after: readonly [string, string] | null; limit: number }): Promise<InvitationRow[]> {
      const after = page.after
        ? or(gt(invitations.email, page.after[0]), and(eq(invitations.email, page.after[0]), gt(invitations.id, page.after[1])))
        : undefined;
      return select()
        .where(and(eq(invitations.orgId, orgId), isPending, after))
        .orderBy(asc(invitations.email), asc(invitations.id))
        .limit(page.limit);
    },

    async insert(
      orgId: string,
      values: { email: string; role: Role; tokenHash: string; invitedBy: string; expiresAt: Date; createdAt: Date },
    ): Promise<string> {
      const [row] = await db.insert(invitations).values({ orgId, ...values }).returning({ id: invitations.id });
      if (!row) throw new Error('INSERT ... RETURNING gave no row');
      return row.id;
    },

    async findById(orgId: string, invitationId: string): Promise<InvitationRow | null> {
      const [row] = await select().where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId))).limit(1);
      return row ?? null;
    },

    /** Revokes pending invitations (one, or all for an email); returns the ids it revoked. */
    async revokePending(orgId: string, which: { id: string } | { email: string }, now: Date): Promise<string[]> {
      const match = 'id' in which ? eq(invitations.id, which.id) : eq(invitations.email, which.email);
      const rows = await db
        .update(invitations)
        .set({ revokedAt: now })
        .where(and(eq(invitations.orgId, orgId), match, isPending))
        .returning({ id: invitations.id });
      return rows.map((row) => row.id);
    },

    /** Single use: only one concurrent caller gets `true`. */
    async markAccepted(orgId: string, invitationId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId), isPending, gt(invitations.expiresAt, now)))
        .returning({ id: invitations.id });
      return rows.length > 0;
    },

    async findByTokenHash(tokenHash: string): Promise<(InvitationRow & { orgName: string }) | null> {
      const [row] = await db
        .select({ ...columns, orgName: organizations.name })
        .from(invitations)
        .innerJoin(organizations, eq(organizations.id, invitations.orgId))
        .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
        .where(eq(invitations.tokenHash, tokenHash))
        .limit(1);
      return row ?? null;
    },

    /** The accepting person's email state (users belong to auth; this is a read-only look). */
    async findAccount(userId: string): Promise<{ email: string; emailVerifiedAt: Date | null } | null> {
      const [row] = await db
        .select({ email: users.email, emailVerifiedAt: users.emailVerifiedAt })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return row ?? null;
    },
  };
}
