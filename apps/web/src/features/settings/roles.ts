import { ROLES, type Role } from '../../lib/types.ts';

/** One line per role, shown wherever roles are handed out (mirrors the server's permission matrix). */
export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  owner: 'Everything, including making other owners and deleting the organisation.',
  admin: 'Everything but ownership: members, settings, API keys and the audit log.',
  manager: 'Works on every ad account, approves proposals and campaign launches, manages rules.',
  member: 'Works only on the ad accounts assigned to them.',
  viewer: 'Sees every number and changes nothing.',
};

/** Roles the current person may hand out (mirrors the server's rule; the server has the last word). */
export function assignableRoles(role: Role): readonly Role[] {
  if (role === 'owner') return ROLES;
  if (role === 'admin') return ROLES.filter((r) => r !== 'owner');
  return [];
}

/** Only members are limited to assigned ad accounts; owners and admins assign them. */
export const canAssignAccounts = (role: Role | undefined) => role === 'owner' || role === 'admin';
