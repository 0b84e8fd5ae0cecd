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
});
