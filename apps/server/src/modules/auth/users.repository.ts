import { asc, eq, sql } from 'drizzle-orm';
import { memberships, organizations, users, type Db, type Role } from '@adloop/db';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row ?? null;
}

export async function findUserById(db: Db, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  return row ?? null;
}

/** Locks the user row for the rest of the transaction (password, MFA and email changes). */
export async function findUserForUpdate(db: Db, userId: string): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, userId)).limit(1).for('update');
  return row ?? null;
}

/** Inserts a user, or returns null when the email is taken (also under a concurrent sign-up). */
export async function insertUser(
  db: Db,
  values: { email: string; name: string; passwordHash: string; at: Date },
): Promise<UserRow | null> {
  const [row] = await db
    .insert(users)
    .values({ email: values.email, name: values.name, passwordHash: values.passwordHash, createdAt: values.at, updatedAt: values.at })
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row ?? null;
}

export type UserChanges = Partial<
  Pick<UserRow, 'email' | 'name' | 'passwordHash' | 'emailVerifiedAt' | 'mfaSecretEnc' | 'mfaEnabledAt' | 'mfaLastStep'>
>;

export async function updateUser(db: Db, userId: string, changes: UserChanges, at: Date): Promise<UserRow | null> {
  const [row] = await db
    .update(users)
    .set({ ...changes, updatedAt: at })
    .where(eq(users.id, userId))
    .returning();
  return row ?? null;
}

/**
 * Records `step` as the last accepted TOTP step unless an equal or later one was accepted
 * meanwhile (two requests racing with the same code): false means the code was already used.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ mfaLastStep: step })
    .where(sql`${users.id} = ${userId} and (${users.mfaLastStep} is null or ${users.mfaLastStep} < ${step})`)
    .returning({ id: users.id });
  return rows.length > 0;
}

export interface UserOrganization {
  id: string;
  name: string;
  role: Role;
  requireMfa: boolean;
}

export function listUserOrganizations(db: Db, userId: string): Promise<UserOrganization[]> {
  return db
    .select({ id: organizations.id, name: organizations.name, role: memberships.role, requireMfa: organizations.requireMfa })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name), asc(organizations.id));
}
