import { and, asc, eq, gt } from 'drizzle-orm';
import { memberships, users, type Db, type Role } from '@adloop/db';

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  mfaEnabledAt: Date | null;
  joinedAt: Date;
}

const memberColumns = {
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  mfaEnabledAt: users.mfaEnabledAt,
  joinedAt: memberships.createdAt,
};

/** SQL for `memberships` (joined to `users` for display). `orgId` comes first in every method. */
export function createMembersRepository(db: Db) {
  return {
    /** Sorted by email (unique), so the email alone is a stable keyset position. */
    async list(orgId: string, page: { afterEmail: string | null; limit: number }): Promise<MemberRow[]> {
      return db
        .select(memberColumns)
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), page.afterEmail === null ? undefined : gt(users.email, page.afterEmail)))
        .orderBy(asc(users.email))
        .limit(page.limit);
    },

    /** With `forUpdate`, locks the row so concurrent role changes on one member serialise. */
    async find(orgId: string, userId: string, options: { forUpdate?: boolean } = {}): Promise<MemberRow | null> {
      const query = db
        .select(memberColumns)
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
        .limit(1);
      const [row] = options.forUpdate ? await query.for('update', { of: memberships }) : await query;
      return row ?? null;
    },

    async findByEmail(orgId: string, email: string): Promise<MemberRow | null> {
      const [row] = await db
        .select(memberColumns)
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.orgId, orgId), eq(users.email, email)))
        .limit(1);
      return row ?? null;
    },

    /**
     * Locks the organisation's owner rows and counts them. Run inside the transaction that
     * demotes or removes an owner, so two owners demoting each other cannot leave none.
     */
    async lockOwners(orgId: string): Promise<number> {
      const rows = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')))
        .for('update');
      return rows.length;
    },

    async insert(orgId: string, userId: string, role: Role, createdAt: Date): Promise<void> {
      await db.insert(memberships).values({ orgId, userId, role, createdAt });
    },

    async updateRole(orgId: string, userId: string, role: Role): Promise<void> {
      await db
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    },

    async delete(orgId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(memberships)
        .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
        .returning({ userId: memberships.userId });
      return rows.length > 0;
    },
  };
}

