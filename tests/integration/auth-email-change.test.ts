import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, tokenFromLink, uniqueEmail } from '../setup/auth-helpers.ts';

describe('changing the email address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('changes the email only once the new address confirms, and tells the old one', async () => {
    const { client, email, password, user } = await signUpVerifiedUser(server);
    const newEmail = uniqueEmail('moved');

    const wrong = await client.post('/api/v1/me/email', { newEmail, password: 'Not-My-Password-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.issues[0].field).toBe('password');

    const request = await client.post('/api/v1/me/email', { newEmail: newEmail.toUpperCase(), password });
    expect(request.status).toBe(202);
    const mail = await server.waitForEmail(newEmail, /confirm your new email/i);
    expect(mail.html).toContain('/confirm-email?token=');
    expect((await client.get('/api/v1/me')).body.user.email).toBe(email);

    const token = tokenFromLink(mail.links, '/confirm-email');
    expect((await server.client().post('/api/v1/auth/confirm-email-change', { token })).status).toBe(200);
    expect((await client.get('/api/v1/me')).body.user).toMatchObject({ email: newEmail, emailVerified: true });
    const notice = await server.waitForEmail(email, /email was changed/i);
    expect(notice.text).toContain(newEmail);

    expect((await server.client().post('/api/v1/auth/confirm-email-change', { token })).status).toBe(400);
    expect((await server.client().post('/api/v1/auth/sign-in', { email, password })).status).toBe(401);
    expect((await server.client().post('/api/v1/auth/sign-in', { email: newEmail, password })).status).toBe(200);

    const entries = await server.ctx.db.select().from(auditLog).where(and(eq(auditLog.targetId, user.id), eq(auditLog.action, 'user.email_changed')));
    expect(entries[0]).toMatchObject({ before: { email }, after: { email: newEmail } });
  });

  it('does not reveal that the new address has an account', async () => {
    const taken = await signUpVerifiedUser(server);
    const { client, password } = await signUpVerifiedUser(server);
    const response = await client.post('/api/v1/me/email', { newEmail: taken.email, password });
    expect(response.status).toBe(202);
    const mail = await server.waitForEmail(taken.email, /email was entered/i);
    expect(mail.links.filter((l) => l.includes('token='))).toEqual([]);
  });

  it('refuses the current address, naming the field', async () => {
    const { client, email, password } = await signUpVerifiedUser(server);
    const response = await client.post('/api/v1/me/email', { newEmail: email, password });
    expect(response.status).toBe(400);
    expect(response.body.error.details.issues[0].field).toBe('newEmail');
  });
});
