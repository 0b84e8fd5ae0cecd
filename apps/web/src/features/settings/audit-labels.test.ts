import { describe, expect, it } from 'vitest';
import { actionText, fieldLabel, targetText } from './audit-labels.ts';

describe('audit log in words', () => {
  it('says what a campaign change did instead of campaign.changed', () => {
    expect(actionText({ action: 'campaign.changed', after: { status: 'paused', changeId: 'x', platform: 'meta' } })).toBe('Paused a campaign');
    expect(actionText({ action: 'campaign.changed', after: { status: 'active' } })).toBe('Enabled a campaign');
    expect(actionText({ action: 'campaign.changed', after: { daily_budget: '12000000' } })).toBe('Changed a daily budget');
    expect(actionText({ action: 'campaign.change_undone', after: { status: 'active' } })).toBe('Undo: Enabled a campaign');
    expect(actionText({ action: 'api_key.created', after: null })).toBe('Created an API key');
  });

  it('writes unknown actions and fields as words, never as codes', () => {
    expect(actionText({ action: 'report.scheduled_sent', after: null })).toBe('Report scheduled sent');
    expect(actionText({ action: 'constructor', after: null })).toBe('Constructor');
    expect(fieldLabel('reportingCurrency')).toBe('Reporting currency');
    expect(fieldLabel('some_new_field')).toBe('Some new field');
  });

  it('names the target by kind and name, or the kind alone', () => {
    expect(targetText({ targetType: 'campaign', targetLabel: 'Winter sale' })).toBe('Campaign · Winter sale');
    expect(targetText({ targetType: 'api_key', targetLabel: null })).toBe('API key');
    expect(targetText({ targetType: null, targetLabel: null })).toBe('—');
  });
});
