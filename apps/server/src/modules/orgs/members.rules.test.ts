import { describe, expect, it } from 'vitest';
import { ROLES } from '@adloop/db';
import { accountAssignmentError, membershipChangeError, type MembershipChange } from './members.rules.ts';

const base: MembershipChange = { actorRole: 'owner', isSelf: false, targetRole: 'member', newRole: 'admin', ownerCount: 1 };
const codeOf = (change: Partial<MembershipChange>) => membershipChangeError({ ...base, ...change })?.code ?? null;

describe('membership change rules', () => {
  it('lets owners assign any role and admins up to admin', () => {
    expect(codeOf({ newRole: 'owner' })).toBeNull();
    expect(codeOf({ actorRole: 'admin', newRole: 'admin' })).toBeNull();
    expect(codeOf({ actorRole: 'admin', newRole: 'owner' })).toBe('forbidden');
  });

  it('does not let admins demote or remove owners', () => {
    expect(codeOf({ actorRole: 'admin', targetRole: 'owner', newRole: 'member', ownerCount: 2 })).toBe('forbidden');
    expect(codeOf({ actorRole: 'admin', targetRole: 'owner', newRole: null, ownerCount: 2 })).toBe('forbidden');
  });

  it('protects the last owner from demotion, removal and leaving', () => {
    expect(codeOf({ isSelf: true, targetRole: 'owner', newRole: 'admin' })).toBe('conflict');
    expect(codeOf({ isSelf: true, targetRole: 'owner', newRole: null })).toBe('conflict');
    expect(membershipChangeError({ ...base, isSelf: true, targetRole: 'owner', newRole: null })?.message).toMatch(/last owner cannot leave/);
    expect(codeOf({ targetRole: 'owner', newRole: 'viewer', ownerCount: 2 })).toBeNull();
  });

  it('lets anyone leave, whatever their role', () => {
    expect(codeOf({ actorRole: 'viewer', isSelf: true, targetRole: 'viewer', newRole: null })).toBeNull();
    expect(codeOf({ actorRole: 'owner', isSelf: true, targetRole: 'owner', newRole: null, ownerCount: 2 })).toBeNull();
  });

  it('lets admins promote to and demote from manager, but not managers change anyone', () => {
    expect(codeOf({ actorRole: 'admin', targetRole: 'member', newRole: 'manager' })).toBeNull();
    expect(codeOf({ actorRole: 'admin', targetRole: 'manager', newRole: 'viewer' })).toBeNull();
    expect(codeOf({ actorRole: 'owner', targetRole: 'manager', newRole: 'owner' })).toBeNull();
    for (const newRole of ROLES) {
      expect(codeOf({ actorRole: 'manager', targetRole: 'member', newRole })).toBe('forbidden');
    }
    expect(codeOf({ actorRole: 'manager', targetRole: 'viewer', newRole: null })).toBe('forbidden');
    expect(membershipChangeError({ ...base, actorRole: 'manager', newRole: 'viewer' })?.message).toMatch(/you can assign: none/);
  });

  it('never lets a member or viewer change someone else', () => {
    for (const actorRole of ['member', 'viewer'] as const) {
      for (const targetRole of ROLES) {
        expect(codeOf({ actorRole, targetRole, newRole: 'viewer', ownerCount: 2 })).toBe('forbidden');
        expect(codeOf({ actorRole, targetRole, newRole: null, ownerCount: 2 })).toBe('forbidden');
      }
    }
  });

  it('lets a manager leave like anyone else', () => {
    expect(codeOf({ actorRole: 'manager', isSelf: true, targetRole: 'manager', newRole: null })).toBeNull();
  });
});

describe('ad account assignment rules', () => {
  it('assigns ad accounts to members only, saying why for the other roles', () => {
    expect(accountAssignmentError('member')).toBeNull();
    for (const role of ROLES.filter((r) => r !== 'member')) {
      const error = accountAssignmentError(role);
      expect(error?.code).toBe('conflict');
      expect(error?.message).toContain(`as ${role}`);
      expect(error?.message).toMatch(/every ad account/);
    }
  });
});
