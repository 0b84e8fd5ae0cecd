import { describe, expect, it } from 'vitest';
import { entityLabel } from './change-history.tsx';
import type { CampaignChange } from '../../lib/types.ts';
import { changeValue, describeApplied, objectWords } from './changes.tsx';

const names = new Map([['g1', 'Prospecting']]);
const base: CampaignChange = {
  id: '00000000-0000-4000-8000-000000000001',
  campaignId: null,
  campaignName: 'Brand',
  entityName: 'Brand',
  adAccountId: null,
  platform: 'google_ads',
  entityLevel: 'campaign',
  entityId: null,
  action: 'pause',
  field: 'status',
  before: 'active',
  after: 'paused',
  currency: 'USD',
  state: 'applied',
  current: null,
  message: null,
  origin: 'adloop',
  undoOf: null,
  undoneBy: null,
  canUndo: false,
  actorType: 'user',
  actorId: null,
  actorLabel: null,
  reason: null,
  evidence: null,
  payload: null,
  stakeMicrosPerDay: null,
  guardrails: [],
  expiresAt: null,
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
  proposedAfter: null,
  stale: null,
  createdAt: '2026-12-07T00:00:00Z',
  appliedAt: null,
};

describe('changes of ad groups, ads and the new fields in words', () => {
  it('names the level and the object in the history, in the platform’s word for an ad group', () => {
    expect(entityLabel({ entityLevel: 'ad_group', entityId: 'g1', platform: 'meta' }, names)).toBe('Ad set “Prospecting”');
    expect(entityLabel({ entityLevel: 'ad_group', entityId: 'g1', platform: 'tiktok' }, names)).toBe('Ad group “Prospecting”');
    expect(entityLabel({ entityLevel: 'ad', entityId: 'gone', platform: 'meta' }, names)).toBe('Ad');
    expect(entityLabel({ entityLevel: 'campaign', entityId: null, platform: 'meta' }, names)).toBeNull();
  });

  it('says which object a toast is about', () => {
    expect(objectWords({ entityLevel: 'campaign', platform: 'google_ads', campaignName: 'Brand' })).toBe('“Brand”');
    expect(objectWords({ entityLevel: 'ad_group', platform: 'meta', campaignName: 'Brand' })).toBe('an ad set of “Brand”');
    expect(objectWords({ entityLevel: 'ad', platform: 'tiktok', campaignName: 'Brand' })).toBe('an ad of “Brand”');
  });

  it('shows names, bids and target ROAS values as such, not as budgets', () => {
    expect(changeValue({ field: 'name', currency: 'USD' }, 'Spring')).toBe('Spring');
    expect(changeValue({ field: 'target_roas', currency: 'USD' }, '3.5')).toBe('3.5 (350 %)');
    expect(changeValue({ field: 'target_roas', currency: 'USD' }, null)).toBe('not set');
    expect(changeValue({ field: 'bid', currency: 'USD' }, null)).toBe('no bid');
    expect(changeValue({ field: 'bid', currency: 'USD' }, '1500000')).toContain('1.50');
  });

  it('says a campaign ended in words, not as a status value', () => {
    const ended = { field: 'status', after: 'removed', action: 'remove', entityLevel: 'campaign', platform: 'google_ads', campaignName: 'Brand', currency: 'USD' } as const;
    expect(describeApplied({ ...base, ...ended })).toBe('Removed “Brand”.');
    expect(describeApplied({ ...base, ...ended, after: 'archived', action: 'archive' })).toBe('Archived “Brand”.');
  });
});
