import { describe, expect, it } from 'vitest';
import { needsApproval } from './needs-approval.ts';
import { DEFAULT_APPROVAL_POLICY, type ApprovalQuestion } from './types.ts';

const ask = (over: Partial<ApprovalQuestion>) => needsApproval({ actorType: 'user', role: 'member', canApprove: false, field: 'daily_budget', before: '100000000', after: '150000000', ...over }, DEFAULT_APPROVAL_POLICY);

describe('needs approval', () => {
  it('always for the AI, for rules unless in auto mode', () => {
    expect(ask({ actorType: 'ai', role: null, canApprove: true }).needed).toBe(true);
    expect(ask({ actorType: 'rule', role: null }).needed).toBe(true);
    expect(ask({ actorType: 'rule', role: null, ruleMode: 'auto' }).needed).toBe(false);
  });
  it('for a member’s new campaign while the policy says so; not for managers', () => {
    expect(ask({ field: 'campaign' })).toEqual({ needed: true, why: 'New campaigns by members wait for a manager' });
    expect(needsApproval({ actorType: 'user', role: 'member', canApprove: false, field: 'campaign', before: null, after: 'paused' }, { ...DEFAULT_APPROVAL_POLICY, memberLaunches: false }).needed).toBe(false);
    expect(ask({ field: 'campaign', role: 'manager', canApprove: true }).needed).toBe(false);
    expect(ask({ field: 'ad' })).toEqual({ needed: true, why: 'New ads by members wait for a manager' });
    expect(ask({ field: 'ad', role: 'admin', canApprove: true }).needed).toBe(false);
  });
  it('for budget moves above the amount or percentage, for those who cannot approve', () => {
    const policy = { memberLaunches: true, budgetAbove: { amountMicros: 40_000_000, percent: null } };
    const q: ApprovalQuestion = { actorType: 'api_key', role: null, canApprove: false, field: 'daily_budget', before: '100000000', after: '150000000' };
    expect(needsApproval(q, policy).needed).toBe(true);
    expect(needsApproval({ ...q, after: '130000000' }, policy).needed).toBe(false);
    expect(needsApproval({ ...q, after: '130000000' }, { memberLaunches: true, budgetAbove: { amountMicros: null, percent: 20 } }).needed).toBe(true);
    expect(needsApproval({ ...q, canApprove: true }, policy).needed).toBe(false);
    expect(ask({}).needed).toBe(false);
  });
});
