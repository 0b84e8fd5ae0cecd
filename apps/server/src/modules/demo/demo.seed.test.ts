import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { memberships, users, type DbHandle } from '@adloop/db';
import { openTestDatabase } from '../../../../../tests/setup/db.ts';
import { verifyPassword } from '../auth/passwords.ts';
import { DEMO_EMAIL, seedDemoIfEmpty } from './demo.seed.ts';

describe('demo seed', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => handle?.close());

  it('creates a verified demo owner once, and never again', async () => {
    const demo = await seedDemoIfEmpty(handle.db);
    expect(demo?.email).toBe(DEMO_EMAIL);
    const [user] = await handle.db.select().from(users).where(eq(users.email, DEMO_EMAIL));
    expect(user?.emailVerifiedAt).not.toBeNull();
    expect(await verifyPassword(user?.passwordHash ?? '', demo?.password ?? '')).toBe(true);
    const roles = await handle.db.select().from(memberships).where(eq(memberships.userId, user?.id ?? ''));
    expect(roles.map((r) => r.role)).toEqual(['owner']);
    expect(await seedDemoIfEmpty(handle.db)).toBeNull();
  });
});
