import { describe, expect, it } from 'vitest';
import { apiKeyCan, assignableRoles, roleCan } from './permissions.ts';

describe('permission matrix', () => {
  it('lets viewers read but not change anything', () => {
    expect(roleCan('viewer', 'data:read')).toBe(true);
    expect(roleCan('viewer', 'data:write')).toBe(false);
    expect(roleCan('viewer', 'members:manage')).toBe(false);
  });

  it('keeps organisation deletion to owners', () => {
    expect(roleCan('owner', 'org:delete')).toBe(true);
    expect(roleCan('admin', 'org:delete')).toBe(false);
  });

  it('limits API keys by scope and never lets them manage keys or members', () => {
    expect(apiKeyCan('read', 'data:read')).toBe(true);
    expect(apiKeyCan('read', 'data:write')).toBe(false);
    expect(apiKeyCan('read_write', 'data:write')).toBe(true);
    expect(apiKeyCan('read_write', 'api_keys:manage')).toBe(false);
    expect(apiKeyCan('read_write', 'members:manage')).toBe(false);
  });

  it('does not let admins create owners', () => {
    expect(assignableRoles('admin')).not.toContain('owner');
    expect(assignableRoles('member')).toEqual([]);
  });

  it('gives managers approvals and rules but not members, keys or settings', () => {
    expect(roleCan('manager', 'changes:approve')).toBe(true);
    expect(roleCan('manager', 'rules:manage')).toBe(true);
    expect(roleCan('manager', 'data:write')).toBe(true);
    expect(roleCan('manager', 'members:manage')).toBe(false);
    expect(roleCan('manager', 'members:assign_accounts')).toBe(false);
    expect(roleCan('manager', 'changes:settings')).toBe(false);
    expect(roleCan('member', 'changes:approve')).toBe(false);
    expect(apiKeyCan('read_write', 'changes:approve')).toBe(false);
    expect(apiKeyCan('read_write', 'members:assign_accounts')).toBe(false);
  });

  it('lets owners hand out manager, admins too, and nobody below admin hand out anything', () => {
    expect(assignableRoles('owner')).toContain('manager');
    expect(assignableRoles('admin')).toEqual(['admin', 'manager', 'member', 'viewer']);
    expect(assignableRoles('manager')).toEqual([]);
    expect(assignableRoles('viewer')).toEqual([]);
  });
});
