import { describe, expect, it } from 'vitest';
import { hasNarrowingFilters, inboxQuery, inboxSearch, readInboxFilters } from './inbox-filters.ts';

const account = '0b8f5f3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

describe('inbox filters', () => {
  it('opens on the waiting proposals with nothing else narrowed', () => {
    const filters = readInboxFilters({});
    expect(filters.state).toBe('waiting');
    expect(hasNarrowingFilters(filters)).toBe(false);
    expect(inboxQuery(filters)).toEqual({ state: 'proposed', platform: undefined, actorType: undefined, entityLevel: undefined, adAccountId: undefined });
    expect(inboxSearch(filters)).toEqual({});
  });

  it('turns the URL into the API query with the API’s names', () => {
    const filters = readInboxFilters({ state: 'rejected', actor: 'rule', level: 'ad_group', platform: 'meta', account });
    expect(inboxQuery(filters)).toEqual({ state: 'rejected', platform: 'meta', actorType: 'rule', entityLevel: 'ad_group', adAccountId: account });
    expect(hasNarrowingFilters(filters)).toBe(true);
  });

  it('drops values it does not know instead of sending them', () => {
    const filters = readInboxFilters({ state: 'everything', actor: 'robot', level: 'keyword', platform: 'myspace', account: 'not-an-id' });
    expect(filters).toEqual({ state: 'waiting', actorType: undefined, entityLevel: undefined, platform: undefined, adAccountId: undefined });
  });

  it('asks the server for decided or all proposals, and for the platform', () => {
    expect(inboxQuery(readInboxFilters({ state: 'decided', platform: 'google_ads' }))).toMatchObject({ state: 'decided', platform: 'google_ads' });
    expect(inboxQuery(readInboxFilters({ state: 'all' })).state).toBe('all');
  });

  it('writes the filters back to the URL and reads them the same way', () => {
    const filters = readInboxFilters({ state: 'expired', actor: 'ai', platform: 'tiktok', account });
    expect(readInboxFilters(inboxSearch(filters))).toEqual(filters);
  });
});
