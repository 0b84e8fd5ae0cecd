import type { ApiKeyScope, Role } from '@adloop/db';

/**
 * The permission matrix: which roles may do what, and which API key scope (if any) allows it.
 * Every authorisation check in the code names one of these permissions; nothing checks a role directly.
 */
export const PERMISSIONS = {
  'org:read': { roles: ['owner', 'admin', 'manager', 'member', 'viewer'], apiKey: 'read' },
  'org:update': { roles: ['owner', 'admin'], apiKey: null },
  'org:delete': { roles: ['owner'], apiKey: null },
  'members:read': { roles: ['owner', 'admin', 'manager', 'member', 'viewer'], apiKey: 'read' },
  'members:manage': { roles: ['owner', 'admin'], apiKey: null },
  /** Leaving is a person's own choice: any role, never an API key. */
  'members:leave': { roles: ['owner', 'admin', 'manager', 'member', 'viewer'], apiKey: null },
  'invitations:manage': { roles: ['owner', 'admin'], apiKey: null },
  'api_keys:read': { roles: ['owner', 'admin'], apiKey: null },
  'api_keys:manage': { roles: ['owner', 'admin'], apiKey: null },
  'audit:read': { roles: ['owner', 'admin'], apiKey: 'read' },
  /** Connecting goes through a browser consent page, so never an API key. Viewers cannot. */
  'connections:manage': { roles: ['owner', 'admin', 'manager', 'member'], apiKey: null },
  /** Disconnecting stops every sync and automation of the platform for everyone: an admin's decision. */
  'connections:disconnect': { roles: ['owner', 'admin'], apiKey: null },
  'data:read': { roles: ['owner', 'admin', 'manager', 'member', 'viewer'], apiKey: 'read' },
  'data:write': { roles: ['owner', 'admin', 'manager', 'member'], apiKey: 'read_write' },
  /** Approving or rejecting a proposal (a rule's, the AI's, a member's new campaign): people only, never a key. */
  'changes:approve': { roles: ['owner', 'admin', 'manager'], apiKey: null },
  /** The approval policy and guardrail limits of the organisation. */
  'changes:settings': { roles: ['owner', 'admin'], apiKey: null },
  /** The kill switch: stopping automated changes is open to approvers (and keys that may write); starting again is `changes:settings`. */
  'automation:stop': { roles: ['owner', 'admin', 'manager'], apiKey: 'read_write' },
  /** Automation rules (issue-wide: managers manage rules). */
  'rules:manage': { roles: ['owner', 'admin', 'manager'], apiKey: 'read_write' },
  /** The brand voice AI copy follows: the people who manage the organisation's advertising. */
  'ai:settings': { roles: ['owner', 'admin', 'manager'], apiKey: null },
  /** The organisation's monthly AI spending limit: money, an admin's decision. */
  'ai:cap': { roles: ['owner', 'admin'], apiKey: null },
  /** The organisation's notification defaults and the delivery log of every notification. */
  'notifications:settings': { roles: ['owner', 'admin'], apiKey: null },
  /** Outbound webhook endpoints (where the organisation's events go, their secrets and delivery log): an admin's decision. */
  'webhooks:manage': { roles: ['owner', 'admin'], apiKey: null },
  /** Which ad accounts each member works on. */
  'members:assign_accounts': { roles: ['owner', 'admin'], apiKey: null },
} as const satisfies Record<string, { roles: readonly Role[]; apiKey: ApiKeyScope | null }>;

export type Permission = keyof typeof PERMISSIONS;

export function roleCan(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** A `read_write` key can do everything a `read` key can. */
export function apiKeyCan(scope: ApiKeyScope, permission: Permission): boolean {
  const needed = PERMISSIONS[permission].apiKey;
  if (needed === null) return false;
  return needed === 'read' || scope === 'read_write';
}

/** Roles a member with `role` may hand out: owners any, admins up to admin. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'owner') return ['owner', 'admin', 'manager', 'member', 'viewer'];
  if (role === 'admin') return ['admin', 'manager', 'member', 'viewer'];
  return [];
}
