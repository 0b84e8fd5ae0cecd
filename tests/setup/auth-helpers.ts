import { randomUUID } from 'node:crypto';
import type { MeResponse } from '@adloop/contracts';
import type { TestClient } from './http-client.ts';
import { EMAIL_WAIT_MS, type CaughtEmail, type TestServer } from './server.ts';

export interface SignUpOptions {
  email?: string;
  password?: string;
  name?: string;
  /** Also create an organisation owned by the new user. */
  organizationName?: string;
}

export interface SignedUpUser {
  /** A cookie-jar client already signed in as the user. */
  client: TestClient;
  user: MeResponse['user'];
  email: string;
  password: string;
  /** The organisation created at sign-up, when `organizationName` was given. */
  orgId?: string;
}

/** A unique address per call, so tests sharing one database never collide. */
export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.test`;
}

/** A password that passes the policy (long, not a common one). */
export const GOOD_PASSWORD = 'Plenty-Of-Lanterns-42';

/** The token from a link in an email, e.g. `.../verify-email?token=abc`. */
export function tokenFromLink(links: string[], path: string): string {
  const link = links.find((l) => new URL(l).pathname === path);
  const token = link ? new URL(link).searchParams.get('token') : null;
  if (!token) throw new Error(`No ${path} link with a token in: ${links.join(', ')}`);
  return token;
}

function expectStatus(what: string, actual: number, expected: number, body: unknown): void {
  if (actual !== expected) throw new Error(`${what}: expected HTTP ${expected}, got ${actual}: ${JSON.stringify(body)}`);
}

/**
 * Signs a user up through the real API, follows the verification email and signs in.
 * Returns a client holding the session cookie (and sending the CSRF header).
 */
export async function signUpVerifiedUser(server: TestServer, options: SignUpOptions = {}): Promise<SignedUpUser> {
  const email = (options.email ?? uniqueEmail()).toLowerCase();
  const password = options.password ?? GOOD_PASSWORD;
  const client = server.client();
  const signUp = await client.post('/api/v1/auth/sign-up', {
    email,
    password,
    name: options.name ?? 'Test User',
    ...(options.organizationName !== undefined ? { organizationName: options.organizationName } : {}),
  });
  expectStatus('sign-up', signUp.status, 201, signUp.body);

  const mail = await server.waitForEmail(email, /verify/i);
  const verify = await client.post('/api/v1/auth/verify-email', { token: tokenFromLink(mail.links, '/verify-email') });
  expectStatus('verify-email', verify.status, 200, verify.body);

  const signIn = await client.post('/api/v1/auth/sign-in', { email, password });
  expectStatus('sign-in', signIn.status, 200, signIn.body);

  const me = await client.get<MeResponse>('/api/v1/me');
  expectStatus('me', me.status, 200, me.body);
  const orgId = options.organizationName?.trim() ? me.body.organizations[0]?.id : undefined;
  return { client, user: me.body.user, email, password, ...(orgId ? { orgId } : {}) };
}

/** Waits for an email to `to` matching `subject` that is newer than `previous` (for a second email of a kind). */
export async function waitForNextEmail(server: TestServer, to: string, subject: RegExp, previous: { id: string } | null): Promise<CaughtEmail> {
  const deadline = Date.now() + EMAIL_WAIT_MS;
  for (;;) {
    const mail = await server.waitForEmail(to, subject, Math.max(0, deadline - Date.now()));
    if (mail.id !== previous?.id) return mail;
    if (Date.now() > deadline) throw new Error(`No new email to ${to} matching ${subject} within ${EMAIL_WAIT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
