import { describe, expect, it } from 'vitest';
import { syncCountsText } from './sync-counts.ts';

const format = (n: number) => n.toLocaleString('en-US');

describe('sync log counts', () => {
  it('writes what a structure sync counted in words, never the server’s keys', () => {
    const text = syncCountsText({ campaigns: 12, adGroups: 30, ads: 1, outsideChanges: 1 }, 'google_ads', format);
    expect(text).toBe('12 campaigns, 30 ad groups, 1 ad, 1 change made outside Adloop');
    expect(text).not.toMatch(/adGroups|outsideChanges/);
  });

  it('uses Meta’s word for ad groups', () => {
    expect(syncCountsText({ adGroups: 1 }, 'meta', format)).toBe('1 ad set');
    expect(syncCountsText({ adGroups: 4 }, 'meta', format)).toBe('4 ad sets');
  });

  it('writes numbers rows and unknown keys as words too', () => {
    expect(syncCountsText({ rows: 1200, written: 3, days: 30, shrunk: 1 }, 'tiktok', format)).toBe('1,200 rows read, 3 rows saved, 30 days, 1 report asked again in smaller parts');
    expect(syncCountsText({ newThings: 2, other_count: 1 }, 'tiktok', format)).toBe('2 new things, 1 other count');
    expect(syncCountsText({}, 'tiktok', format)).toBe('—');
  });
});
