import type { RuleScope } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { facts } from './fixtures.test-helpers.ts';
import { matchesScope } from './scope.ts';

const scope = (over: Partial<RuleScope> = {}): RuleScope => ({ platforms: [], accountIds: [], level: 'campaign', statuses: ['active'], ...over });

describe('whether an object is in a rule’s scope', () => {
  it('checks level, platforms and accounts (empty: all)', () => {
    expect(matchesScope(scope(), facts())).toBe(true);
    expect(matchesScope(scope({ level: 'ad' }), facts())).toBe(false);
    expect(matchesScope(scope({ platforms: ['google_ads'] }), facts())).toBe(false);
    expect(matchesScope(scope({ platforms: ['meta', 'tiktok'] }), facts())).toBe(true);
    expect(matchesScope(scope({ accountIds: ['00000000-0000-4000-8000-0000000000ff'] }), facts())).toBe(false);
  });

  it('filters by name (ignoring case), status, objective, labels and first-seen date', () => {
    expect(matchesScope(scope({ nameContains: 'PROSPECT' }), facts())).toBe(true);
    expect(matchesScope(scope({ nameNotContains: 'us' }), facts())).toBe(false);
    expect(matchesScope(scope(), facts({ status: 'paused' }))).toBe(false);
    expect(matchesScope(scope({ statuses: [] }), facts({ status: 'paused' }))).toBe(true);
    expect(matchesScope(scope({ objectives: ['leads'] }), facts())).toBe(false);
    expect(matchesScope(scope({ objectives: ['sales'] }), facts({ objective: null }))).toBe(false);
    expect(matchesScope(scope({ labels: ['a', 'b'] }), facts({ labels: ['b'] }))).toBe(true);
    expect(matchesScope(scope({ labels: ['a'] }), facts())).toBe(false);
    expect(matchesScope(scope({ createdAfter: '2026-01-10', createdBefore: '2026-01-10' }), facts())).toBe(true);
    expect(matchesScope(scope({ createdAfter: '2026-01-11' }), facts())).toBe(false);
    expect(matchesScope(scope({ createdBefore: '2026-01-09' }), facts({ createdAt: null }))).toBe(false);
  });

  it('takes a fixed list of objects instead of the filters', () => {
    const e = facts({ status: 'paused', name: 'Other' });
    expect(matchesScope(scope({ entityIds: [e.id], nameContains: 'Prospect' }), e)).toBe(true);
    expect(matchesScope(scope({ entityIds: ['00000000-0000-4000-8000-0000000000ff'] }), e)).toBe(false);
  });
});
