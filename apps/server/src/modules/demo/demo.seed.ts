import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import { users, type Db } from '@adloop/db';
import { hashPassword } from '../auth/passwords.ts';
import { systemSource } from '../audit/audit.writer.ts';
import { insertOrganizationWithOwner } from '../orgs/orgs.service.ts';

export const DEMO_EMAIL = 'demo@adloop.local';

/**
 * Sandbox mode only: on a database with no users, creates a verified demo user who owns a demo
 * organisation, and returns the credentials to print. The password is random per data folder.
 */
export async function seedDemoIfEmpty(db: Db): Promise<{ email: string; password: string; userId: string; orgId: string } | null> {
  const [row] = await db.select({ value: count() }).from(users);
  if ((row?.value ?? 0) > 0) return null;
  const password = `demo-${randomBytes(9).toString('base64url')}`;
  const passwordHash = await hashPassword(password);
  const ids = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: DEMO_EMAIL, name: 'Demo User', passwordHash, emailVerifiedAt: new Date() })
      .returning({ id: users.id });
    if (!user) throw new Error('demo seed insert returned nothing');
    const org = await insertOrganizationWithOwner(tx, systemSource('demo seed'), user.id, 'Demo Agency', new Date());
    return { userId: user.id, orgId: org.id };
  });
  return { email: DEMO_EMAIL, password, ...ids };
}
