import type { RuleAction, RuleDefinitionInput } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { ruleConflict } from './conflicts.ts';
import { ruleDef } from './fixtures.test-helpers.ts';

const rule = (id: string, then: RuleAction[], over: Partial<RuleDefinitionInput> = {}) => ({ id, name: `Rule ${id}`, definition: ruleDef({ then, ...over }) });
const raise: RuleAction = { type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 } };
const lower: RuleAction = { type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 10 } };

describe('rules that can undo each other', () => {
  it('pause against enable, and raise against lower, on objects both can reach', () => {
    expect(ruleConflict(rule('a', [{ type: 'pause' }]), rule('b', [{ type: 'enable' }], { scope: { level: 'campaign', statuses: ['paused'] } }))).toMatchObject({ kind: 'pause vs enable' });
    expect(ruleConflict(rule('a', [{ type: 'pause_until', until: 'tomorrow' }]), rule('b', [{ type: 'enable' }]))?.explanation).toMatch(/“Rule a” pauses and “Rule b” enables the status/);
    expect(ruleConflict(rule('a', [raise]), rule('b', [lower]))).toMatchObject({ kind: 'raise budget vs lower budget' });
    expect(ruleConflict(rule('a', [{ type: 'set_budget', amount: 50 }]), rule('b', [raise]))).toMatchObject({ kind: 'set budget vs raise budget' });
    expect(ruleConflict(rule('a', [{ type: 'set_bid', amount: 1 }]), rule('b', [{ type: 'set_bid', amount: 2 }]))).toMatchObject({ kind: 'set bid vs set bid' });
  });

  it('a campaign rule and an ad-group rule fight over status only', () => {
    const adGroups = { scope: { level: 'ad_group' as const } };
    expect(ruleConflict(rule('a', [{ type: 'pause' }]), rule('b', [{ type: 'enable' }], adGroups))?.explanation).toMatch(/ad groups/);
    expect(ruleConflict(rule('a', [raise]), rule('b', [lower], adGroups))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'pause' }]), rule('b', [{ type: 'enable' }], { scope: { level: 'ad' } }))).toBeNull();
  });

  it('none when the scopes cannot meet or the directions agree', () => {
    expect(ruleConflict(rule('a', [{ type: 'pause' }]), rule('a', [{ type: 'enable' }]))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'pause' }], { scope: { level: 'campaign', platforms: ['meta'] } }), rule('b', [{ type: 'enable' }], { scope: { level: 'campaign', platforms: ['tiktok'] } }))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'pause' }], { scope: { level: 'campaign', nameContains: 'Brand US' } }), rule('b', [{ type: 'enable' }], { scope: { level: 'campaign', nameNotContains: 'brand' } }))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'pause' }], { scope: { level: 'campaign', createdBefore: '2026-01-01' } }), rule('b', [{ type: 'enable' }], { scope: { level: 'campaign', createdAfter: '2026-02-01' } }))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'pause' }]), rule('b', [{ type: 'pause' }, lower]))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'set_budget', amount: 50 }]), rule('b', [{ type: 'set_budget', amount: 50 }]))).toBeNull();
    expect(ruleConflict(rule('a', [{ type: 'notify', channels: ['in_app'] }]), rule('b', [{ type: 'enable' }]))).toBeNull();
  });
});
