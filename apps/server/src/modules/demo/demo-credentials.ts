import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { users, type Db } from '@adloop/db';
import { verifyPassword } from '../auth/passwords.ts';

export const DEMO_EMAIL = 'demo@adloop.local';

export interface DemoSignIn {
  email: string;
  password: string;
}

/**
 * The demo user's password, derived from the installation's secret key: the same on every
 * start (so it can be printed every time) without being stored anywhere, and different per
 * installation.
 */
export function demoPassword(secretKey: string): string {
  const digest = createHmac('sha256', Buffer.from(secretKey, 'hex')).update('adloop demo sign-in').digest('base64url');
  return `demo-${digest.slice(0, 16)}`;
}

export type DemoAccountState =
  | { kind: 'absent' }
  /** The demo user exists but someone changed its password: it is no longer offered. */
  | { kind: 'changed'; email: string }
  | { kind: 'ready'; signIn: DemoSignIn };

/** Whether the demo user exists and still signs in with the derived password. */
export async function findDemoAccount(db: Db, secretKey: string): Promise<DemoAccountState> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, DEMO_EMAIL)).limit(1);
  if (!user) return { kind: 'absent' };
  const password = demoPassword(secretKey);
  if (!(await verifyPassword(user.passwordHash, password))) return { kind: 'changed', email: DEMO_EMAIL };
  return { kind: 'ready', signIn: { email: DEMO_EMAIL, password } };
}
