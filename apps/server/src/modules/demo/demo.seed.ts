import { count } from 'drizzle-orm';
import { users, type Db } from '@adloop/db';
import { hashPassword } from '../auth/passwords.ts';
import { systemSource } from '../audit/audit.writer.ts';
import { insertOrganizationWithOwner } from '../orgs/orgs.service.ts';
import { DEMO_EMAIL, demoPassword } from './demo-credentials.ts';

export { DEMO_EMAIL };

/**
 * Sandbox mode only: on a database with no users, creates a verified demo user who owns a demo
 * organisation, and returns the credentials to print. The password is derived from the
 * installation's secret key (`demoPassword`), so later starts can print it again.
 */
export async function seedDemoIfEmpty(db: Db, secretKey: string): Promise<{ email: string; password: string; userId: string; orgId: string } | null> {
  const [row] = await db.select({ value: count() }).from(users);
  if ((row?.value ?? 0) > 0) return null;
  const password = demoPassword(secretKey);
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
