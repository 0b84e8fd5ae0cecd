import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { memberships, users, type DbHandle } from '@adloop/db';
import { openTestDatabase } from '../../../../../tests/setup/db.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { DEMO_EMAIL, seedDemoIfEmpty } from './demo.seed.ts';
import { demoPassword, findDemoAccount } from './demo-credentials.ts';

const KEY = 'ab'.repeat(32);

describe('demo seed', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => handle?.close());

  it('creates a verified demo owner once, and never again', async () => {
    expect(await findDemoAccount(handle.db, KEY)).toEqual({ kind: 'absent' });
    const demo = await seedDemoIfEmpty(handle.db, KEY);
    expect(demo?.email).toBe(DEMO_EMAIL);
    const [user] = await handle.db.select().from(users).where(eq(users.email, DEMO_EMAIL));
    expect(user?.emailVerifiedAt).not.toBeNull();
    expect(await verifyPassword(user?.passwordHash ?? '', demo?.password ?? '')).toBe(true);
    const roles = await handle.db.select().from(memberships).where(eq(memberships.userId, user?.id ?? ''));
    expect(roles.map((r) => r.role)).toEqual(['owner']);
    expect(await seedDemoIfEmpty(handle.db, KEY)).toBeNull();
  });

  it('finds the same sign-in again on a later start, until the password is changed', async () => {
    const again = await findDemoAccount(handle.db, KEY);
    expect(again).toEqual({ kind: 'ready', signIn: { email: DEMO_EMAIL, password: demoPassword(KEY) } });
    expect(await findDemoAccount(handle.db, 'cd'.repeat(32))).toEqual({ kind: 'changed', email: DEMO_EMAIL });
    await handle.db.update(users).set({ passwordHash: await hashPassword('a-password-of-my-own') }).where(eq(users.email, DEMO_EMAIL));
    expect(await findDemoAccount(handle.db, KEY)).toEqual({ kind: 'changed', email: DEMO_EMAIL });
  });

  it('derives a different password per installation key', () => {
    expect(demoPassword(KEY)).toMatch(/^demo-[\w-]{16}$/);
    expect(demoPassword(KEY)).toBe(demoPassword(KEY));
    expect(demoPassword('cd'.repeat(32))).not.toBe(demoPassword(KEY));
  });
});
