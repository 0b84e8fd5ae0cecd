import { describe, expect, it } from 'vitest';
import { hourlyDates } from './facts.sql.ts';
import { spansFor } from './spans.ts';

const at = new Date('2026-11-18T14:20:00Z');
const zonesOf = (zones: string[], uses: Parameters<typeof spansFor>[0]) => new Map(zones.map((z) => [z, spansFor(uses, at, z)]));

describe('hourlyDates', () => {
  it('reads only the dates holding today so far, in the zone and in UTC', () => {
    // Berlin's day began at 23:00 UTC the day before: UTC-kept rows of the 17th hold its first hour.
    expect(hourlyDates(zonesOf(['Europe/Berlin'], []), at)).toEqual({ since: '2026-11-17', until: '2026-11-18' });
    // Los Angeles: its day began at 08:00 UTC on the 18th.
    expect(hourlyDates(zonesOf(['America/Los_Angeles'], []), at)).toEqual({ since: '2026-11-18', until: '2026-11-18' });
    // Tokyo's day began at 15:00 UTC on the 17th; Auckland is already on the 19th (its day began at 11:00 UTC).
    expect(hourlyDates(zonesOf(['Asia/Tokyo'], []), at)).toEqual({ since: '2026-11-17', until: '2026-11-18' });
    expect(hourlyDates(zonesOf(['Pacific/Auckland'], []), at)).toEqual({ since: '2026-11-18', until: '2026-11-19' });
  });

  it('reaches back to a last-hours window and its previous period', () => {
    const uses = [{ key: 'h6', window: { kind: 'last_hours' as const, hours: 6 }, skipLastDay: false, previous: true, parentAverage: false }];
    // 12 hours before 14:20 UTC is 02:20 UTC, 18:20 on the 17th in Los Angeles.
    expect(hourlyDates(zonesOf(['America/Los_Angeles'], uses), at)).toEqual({ since: '2026-11-17', until: '2026-11-18' });
    expect(hourlyDates(zonesOf(['America/Los_Angeles', 'Pacific/Auckland'], uses), at)).toEqual({ since: '2026-11-17', until: '2026-11-19' });
  });
});
