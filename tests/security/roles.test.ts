import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';

/** A connection id that does not exist: the permission is decided before the connection is looked up. */
const SOME_CONNECTION = '00000000-0000-4000-8000-000000000001';

describe('who may disconnect a platform', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Disconnect Roles');
  });
  afterAll(async () => server?.close());

  it('refuses members and viewers: disconnecting stops every sync and automation of the platform', async () => {
    for (const person of [org.team.member, org.team.viewer]) {
      const response = await person.client.delete(`/api/v1/orgs/${org.orgId}/connections/${SOME_CONNECTION}`);
      expect(response.status).toBe(403);
    }
  });

  it('lets owners and admins through to the connection', async () => {
    for (const person of [org.team.owner, org.team.admin]) {
      expect((await person.client.delete(`/api/v1/orgs/${org.orgId}/connections/${SOME_CONNECTION}`)).status).toBe(404);
    }
  });
});
