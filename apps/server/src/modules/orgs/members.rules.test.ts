import { describe, expect, it } from 'vitest';
import { membershipChangeError, type MembershipChange } from './members.rules.ts';

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
});
