import type { Role } from '@adloop/db';
import { signUpVerifiedUser, tokenFromLink, uniqueEmail, type SignedUpUser } from './auth-helpers.ts';
import type { TestServer } from './server.ts';

function expectStatus(what: string, actual: number, expected: number, body: unknown): void {
  if (actual !== expected) throw new Error(`${what}: expected HTTP ${expected}, got ${actual}: ${JSON.stringify(body)}`);
}

/** Invites `email` to `orgId` as `inviter` and returns the token from the invitation email. */
export async function inviteByEmail(server: TestServer, inviter: SignedUpUser, orgId: string, email: string, role: Role): Promise<{ token: string; invitationId: string }> {
  const response = await inviter.client.post(`/api/v1/orgs/${orgId}/invitations`, { email, role });
  expectStatus('invite', response.status, 201, response.body);
  const mail = await server.waitForEmail(email, /invited to join/);
  return { token: tokenFromLink(mail.links, '/accept-invitation'), invitationId: response.body.id };
}

/** A new verified user who joined `orgId` with `role` through a real invitation. */
export async function joinAs(server: TestServer, inviter: SignedUpUser, orgId: string, role: Role): Promise<SignedUpUser> {
  const email = uniqueEmail(role);
  const { token } = await inviteByEmail(server, inviter, orgId, email, role);
  const user = await signUpVerifiedUser(server, { email, name: `The ${role}` });
  const accept = await user.client.post('/api/v1/invitations/accept', { token });
  expectStatus('accept', accept.status, 200, accept.body);
  return user;
}

export interface OrgWithTeam {
  orgId: string;
  name: string;
  /** One user per role; the owner created the organisation at sign-up. */
  team: Record<Role, SignedUpUser>;
}

/** An organisation with an owner, an admin, a manager, a member and a viewer. */
export async function orgWithTeam(server: TestServer, name: string): Promise<OrgWithTeam> {
  const owner = await signUpVerifiedUser(server, { organizationName: name, name: `${name} owner` });
  if (!owner.orgId) throw new Error('sign-up did not create an organisation');
  const orgId = owner.orgId;
  const [admin, manager, member, viewer] = await Promise.all([
    joinAs(server, owner, orgId, 'admin'),
    joinAs(server, owner, orgId, 'manager'),
    joinAs(server, owner, orgId, 'member'),
    joinAs(server, owner, orgId, 'viewer'),
  ]);
  return { orgId, name, team: { owner, admin, manager, member, viewer } };
}

/** Creates an API key in `orgId` and returns its one-time secret and id. */
export async function createKey(owner: SignedUpUser, orgId: string, scope: 'read' | 'read_write', name = `${scope} key`): Promise<{ id: string; secret: string }> {
  const response = await owner.client.post(`/api/v1/orgs/${orgId}/api-keys`, { name, scope });
  expectStatus('create key', response.status, 201, response.body);
  return { id: response.body.apiKey.id, secret: response.body.secret };
}
