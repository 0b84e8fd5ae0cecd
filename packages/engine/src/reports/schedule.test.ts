import { describe, expect, it } from 'vitest';
import { nextReportRun, reportPeriodRange } from './schedule.ts';

const weekly = { frequency: 'weekly', hour: 8, weekday: 1, monthDay: 1 } as const;

describe('nextReportRun', () => {
  it('sends a weekly report on Monday at 08:00 in the organisation time zone', () => {
    // Wednesday 2026-03-04 12:00 UTC → Monday 2026-03-09 08:00 in Berlin (UTC+1) = 07:00 UTC.
    expect(nextReportRun(weekly, 'Europe/Berlin', new Date('2026-03-04T12:00:00Z'))?.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    // New York on Monday at 07:59 local is still before the send: the same day at 08:00 local (UTC-5).
    expect(nextReportRun(weekly, 'America/New_York', new Date('2026-03-02T12:59:00Z'))?.toISOString()).toBe('2026-03-02T13:00:00.000Z');
  });

  it('keeps 08:00 local across a daylight-saving change', () => {
    const daily = { ...weekly, frequency: 'daily' } as const;
    // Berlin moves to UTC+2 on 2026-03-29: 08:00 local is 07:00 UTC on the 28th and 06:00 UTC on the 29th.
    const first = nextReportRun(daily, 'Europe/Berlin', new Date('2026-03-28T06:00:00Z'));
    expect(first?.toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(nextReportRun(daily, 'Europe/Berlin', first!)?.toISOString()).toBe('2026-03-29T06:00:00.000Z');
  });

  it('sends a monthly report on its day; an unscheduled one never', () => {
    const monthly = { ...weekly, frequency: 'monthly', monthDay: 3, hour: 9 } as const;
    expect(nextReportRun(monthly, 'Asia/Tokyo', new Date('2026-01-05T00:00:00Z'))?.toISOString()).toBe('2026-02-03T00:00:00.000Z');
    expect(nextReportRun({ ...weekly, frequency: 'none' }, 'UTC', new Date())).toBeNull();
  });
});

describe('reportPeriodRange', () => {
  it('counts complete days back from the run day', () => {
    expect(reportPeriodRange('yesterday', '2026-03-09')).toEqual({ since: '2026-03-08', until: '2026-03-08' });
    expect(reportPeriodRange('last_7_days', '2026-03-09')).toEqual({ since: '2026-03-02', until: '2026-03-08' });
    expect(reportPeriodRange('last_week', '2026-03-11')).toEqual({ since: '2026-03-02', until: '2026-03-08' });
    expect(reportPeriodRange('last_week', '2026-03-09')).toEqual({ since: '2026-03-02', until: '2026-03-08' });
    expect(reportPeriodRange('last_month', '2026-03-01')).toEqual({ since: '2026-02-01', until: '2026-02-28' });
  });
});
