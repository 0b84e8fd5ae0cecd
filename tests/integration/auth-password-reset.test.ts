import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { GOOD_PASSWORD, signUpVerifiedUser, tokenFromLink, uniqueEmail, waitForNextEmail } from '../setup/auth-helpers.ts';

const NEW_PASSWORD = 'Fresh-Start-Password-5';

describe('forgot and reset password', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  async function requestReset(email: string) {
    const response = await server.client().post('/api/v1/auth/forgot-password', { email });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ ok: true });
    const mail = await server.waitForEmail(email, /reset your/i);
    return { mail, token: tokenFromLink(mail.links, '/reset-password') };
  }

  it('resets with the emailed link, ends every session, and the link works once', async () => {
    const { client, email } = await signUpVerifiedUser(server);
    const other = server.client();
    await other.post('/api/v1/auth/sign-in', { email, password: GOOD_PASSWORD });

    const { mail, token } = await requestReset(email);
    expect(mail.links[0]).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=/);
    expect(mail.html).toContain('/reset-password?token=');

    const reset = await server.client().post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    expect((await other.get('/api/v1/me')).status).toBe(401);

    expect((await server.client().post('/api/v1/auth/reset-password', { token, password: 'Yet-Another-Pass-66' })).status).toBe(400);
    expect((await server.client().post('/api/v1/auth/sign-in', { email, password: GOOD_PASSWORD })).status).toBe(401);
    expect((await server.client().post('/api/v1/auth/sign-in', { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const email = uniqueEmail('nobody');
    const response = await server.client().post('/api/v1/auth/forgot-password', { email });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ ok: true });
    const list = await server.client().get(`/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`);
    expect(list.body.items).toEqual([]);
  });

  it('expires reset links after an hour and only the newest link works', async () => {
    const { email } = await signUpVerifiedUser(server);
    const first = await requestReset(email);
    await server.client().post('/api/v1/auth/forgot-password', { email });
    const second = await waitForNextEmail(server, email, /reset your/i, first.mail);
    expect((await server.client().post('/api/v1/auth/reset-password', { token: first.token, password: NEW_PASSWORD })).status).toBe(400);

    server.clock.advance(60 * 60_000 + 1000);
    const late = await server.client().post('/api/v1/auth/reset-password', { token: tokenFromLink(second.links, '/reset-password'), password: NEW_PASSWORD });
    expect(late.status).toBe(400);
    expect(late.body.error.details.issues[0].field).toBe('token');
  });

  it('refuses a common new password, naming the field, without using up the link', async () => {
    const { email } = await signUpVerifiedUser(server);
    const { token } = await requestReset(email);
    const common = await server.client().post('/api/v1/auth/reset-password', { token, password: '1qaz2wsx3edc' });
    expect(common.status).toBe(400);
    expect(common.body.error.details.issues[0]).toMatchObject({ field: 'password' });
    expect((await server.client().post('/api/v1/auth/reset-password', { token, password: NEW_PASSWORD })).status).toBe(200);
  });
});
