import { describe, expect, it } from 'vitest';
import { toAuditFilters } from './audit.service.ts';

describe('toAuditFilters', () => {
  it('reads a trailing .* as a prefix match', () => {
    expect(toAuditFilters({ action: 'member.*' })).toEqual({ action: { value: 'member.', isPrefix: true } });
    expect(toAuditFilters({ action: 'member.left' })).toEqual({ action: { value: 'member.left', isPrefix: false } });
  });

  it('parses the time window and drops absent filters', () => {
    expect(toAuditFilters({ from: '2030-01-01T00:00:00Z', actorType: 'api_key' })).toEqual({
      actorType: 'api_key',
      from: new Date('2030-01-01T00:00:00Z'),
    });
    expect(toAuditFilters({})).toEqual({});
  });
});
