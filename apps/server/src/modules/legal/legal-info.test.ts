import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LegalInfo } from '@adloop/contracts';
import { loadConfig } from '../../platform/config.ts';
import { startTestServer, type TestServer } from '../../../../../tests/setup/server.ts';

describe('GET /api/v1/legal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      operator: { companyName: 'Example Ads GmbH', address: 'Hauptstraße 1, 10115 Berlin', contactEmail: 'privacy@example.org', dataRegion: 'EU (Frankfurt)' },
      legal: { securityContacts: ['mailto:psirt@example.org'], securityTxtExpires: undefined, securityPolicyUrl: undefined, preferredLanguages: ['en'] },
    });
  });
  afterAll(async () => server?.close());

  it('answers the operator’s details without signing in', async () => {
    const response = await fetch(`${server.url}/api/v1/legal`);
    expect(response.status).toBe(200);
    expect(LegalInfo.parse(await response.json())).toEqual({
      companyName: 'Example Ads GmbH',
      address: 'Hauptstraße 1, 10115 Berlin',
      contactEmail: 'privacy@example.org',
      dataRegion: 'EU (Frankfurt)',
      securityContacts: ['mailto:psirt@example.org'],
    });
  });
});

describe('operator settings', () => {
  it('are obvious placeholders until the operator sets them', () => {
    expect(loadConfig({}).operator).toEqual({ companyName: '[Company name]', address: '[Registered address]', contactEmail: '[Contact email]', dataRegion: '[Data region]' });
    expect(loadConfig({ OPERATOR_COMPANY_NAME: 'Example Ads GmbH', DATA_REGION: 'EU (Frankfurt)' }).operator).toMatchObject({ companyName: 'Example Ads GmbH', dataRegion: 'EU (Frankfurt)' });
  });
});
