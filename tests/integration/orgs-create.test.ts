import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organization } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { GOOD_PASSWORD, signUpVerifiedUser, tokenFromLink, uniqueEmail, type SignedUpUser } from '../setup/auth-helpers.ts';

interface ValidationError {
  error: { code: string; details: { issues: Array<{ location: string; field: string; message: string }> } };
}

describe('creating an organisation', () => {
  let server: TestServer;
  let person: SignedUpUser;
  beforeAll(async () => {
    server = await startTestServer();
    person = await signUpVerifiedUser(server);
  }, 120_000);
  afterAll(async () => server?.close());

  it('keeps the reporting currency and time zone chosen at creation', async () => {
    const created = await person.client.post<Organization>('/api/v1/orgs', { name: 'Brauhaus Media', reportingCurrency: 'EUR', timeZone: 'Europe/Berlin' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Brauhaus Media', reportingCurrency: 'EUR', timeZone: 'Europe/Berlin', role: 'owner' });
    const read = await person.client.get<Organization>(`/api/v1/orgs/${created.body.id}`);
    expect(read.body).toMatchObject({ reportingCurrency: 'EUR', timeZone: 'Europe/Berlin' });
    const audit = await person.client.get<{ items: Array<{ action: string; after: Record<string, unknown> | null }> }>(`/api/v1/orgs/${created.body.id}/audit-log`);
    expect(audit.body.items.find((entry) => entry.action === 'org.created')?.after).toMatchObject({ reportingCurrency: 'EUR', timeZone: 'Europe/Berlin' });
  });

  it('falls back to USD and UTC for an API caller that sends neither', async () => {
    const created = await person.client.post<Organization>('/api/v1/orgs', { name: 'Plain Co' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reportingCurrency: 'USD', timeZone: 'UTC' });
  });

  it.each([
    ['a lower-case code', { reportingCurrency: 'eur' }, 'reportingCurrency'],
    ['a code that is not ISO 4217', { reportingCurrency: 'XYZ' }, 'reportingCurrency'],
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['a fixed offset instead of a zone', { timeZone: '+01:00' }, 'timeZone'],
    ['a number for the zone', { timeZone: 1 }, 'timeZone'],
  ])('refuses %s with a 400 naming the field', async (_what, fields, field) => {
    const refused = await person.client.post<ValidationError>('/api/v1/orgs', { name: 'Bad Settings', ...fields });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(refused.body.error.details.issues.map((issue) => issue.field)).toEqual([field]);
  });

  it('names both fields when both are wrong, and creates nothing', async () => {
    const before = (await person.client.get<{ organizations: unknown[] }>('/api/v1/me')).body.organizations.length;
    const refused = await person.client.post<ValidationError>('/api/v1/orgs', { name: 'Twice Wrong', reportingCurrency: 'Dollars', timeZone: 'Somewhere' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues.map((issue) => issue.field).sort()).toEqual(['reportingCurrency', 'timeZone']);
    expect((await person.client.get<{ organizations: unknown[] }>('/api/v1/me')).body.organizations.length).toBe(before);
  });

  it('takes them at sign-up too, for the organisation created with the account', async () => {
    const email = uniqueEmail('signup-org');
    const client = server.client();
    const signUp = await client.post('/api/v1/auth/sign-up', { email, password: GOOD_PASSWORD, name: 'Sofia', organizationName: 'Lisboa Leads', reportingCurrency: 'EUR', timeZone: 'Europe/Lisbon' });
    expect(signUp.status).toBe(201);
    const mail = await server.waitForEmail(email, /verify/i);
    await client.post('/api/v1/auth/verify-email', { token: tokenFromLink(mail.links, '/verify-email') });
    await client.post('/api/v1/auth/sign-in', { email, password: GOOD_PASSWORD });
    const orgId = (await client.get<{ organizations: Array<{ id: string }> }>('/api/v1/me')).body.organizations[0]!.id;
    expect((await client.get<Organization>(`/api/v1/orgs/${orgId}`)).body).toMatchObject({ name: 'Lisboa Leads', reportingCurrency: 'EUR', timeZone: 'Europe/Lisbon' });

    const refused = await server.client().post<ValidationError>('/api/v1/auth/sign-up', { email: uniqueEmail('bad-zone'), password: GOOD_PASSWORD, name: 'Ana', organizationName: 'X', timeZone: 'Lisbon' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.issues.map((issue) => issue.field)).toEqual(['timeZone']);
  });
});
