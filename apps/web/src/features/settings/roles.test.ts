import { describe, expect, it } from 'vitest';
import { ROLES } from '../../lib/types.ts';
import { ROLE_DESCRIPTIONS, assignableRoles, canAssignAccounts } from './roles.ts';

describe('roles in the members page', () => {
  it('describes every role in one line', () => {
    for (const role of ROLES) expect(ROLE_DESCRIPTIONS[role]).toMatch(/^[A-Z][^\n]+\.$/);
    expect(ROLE_DESCRIPTIONS.manager).toMatch(/approves/);
    expect(ROLE_DESCRIPTIONS.member).toMatch(/assigned/);
  });

  it('offers manager to owners and admins, nothing to the roles below', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'admin', 'manager', 'member', 'viewer']);
    expect(assignableRoles('admin')).toEqual(['admin', 'manager', 'member', 'viewer']);
    for (const role of ['manager', 'member', 'viewer'] as const) {
      expect(assignableRoles(role)).toEqual([]);
      expect(canAssignAccounts(role)).toBe(false);
    }
    expect(canAssignAccounts('admin')).toBe(true);
  });
});
