import { describe, expect, it } from 'vitest';
import { NOW, ruleDef } from './fixtures.test-helpers.ts';
import { resolveWindow, windowKey, windowsOf, windowWords } from './windows.ts';

const NY = 'America/New_York';

describe('window keys', () => {
  it('name each window stably, keeping "skip last day" only where it can take effect', () => {
    expect(windowKey({ kind: 'last_days', days: 3, includeToday: false }, true)).toBe('last_days:3:false:skip');
    expect(windowKey({ kind: 'last_days', days: 3, includeToday: false }, false)).toBe('last_days:3:false:all');
    expect(windowKey({ kind: 'last_days', days: 3, includeToday: true }, true)).toBe('last_days:3:true:all');
    expect(windowKey({ kind: 'last_days', days: 1, includeToday: false }, true)).toBe('last_days:1:false:all');
    expect(windowKey({ kind: 'last_hours', hours: 6 }, true)).toBe('last_hours:6');
    expect(windowKey({ kind: 'today' }, true)).toBe('today');
    expect(windowKey({ kind: 'lifetime' }, false)).toBe('lifetime');
  });
});

describe('windows a rule reads', () => {
  it('leaves the last day out for conversion metrics unless the condition says otherwise', () => {
    const def = ruleDef({
      when: {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'cpa', operator: 'gt', compare: { kind: 'value', value: 40 } },
          { kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 40 } },
          { kind: 'condition', metric: 'roas', skipLastDay: false, operator: 'lt', compare: { kind: 'previous_period', pct: -20 } },
        ],
      },
    });
    expect(windowsOf(def)).toEqual([
      { key: 'last_days:3:false:skip', window: { kind: 'last_days', days: 3, includeToday: false }, skipLastDay: true, previous: false, parentAverage: false },
      { key: 'last_days:3:false:all', window: { kind: 'last_days', days: 3, includeToday: false }, skipLastDay: false, previous: true, parentAverage: false },
    ]);
  });

  it('reads today for budget pacing, nothing for settings, the same window for a compared metric, and the minimums window only when a minimum is set', () => {
    const def = ruleDef({
      when: {
        kind: 'any',
        conditions: [
          { kind: 'condition', metric: 'budget_pacing', operator: 'gt', compare: { kind: 'value', value: 1.2 } },
          { kind: 'condition', metric: 'budget', operator: 'gt', compare: { kind: 'value', value: 10 } },
          { kind: 'condition', metric: 'cpc', window: { kind: 'yesterday' }, operator: 'gt', compare: { kind: 'metric', metric: 'cpm', factor: 2 } },
          { kind: 'condition', metric: 'ctr', window: { kind: 'yesterday' }, operator: 'lt', compare: { kind: 'parent_average', factor: 0.5 } },
        ],
      },
    });
    expect(windowsOf(def).map((w) => [w.key, w.previous, w.parentAverage])).toEqual([
      ['today', false, false],
      ['yesterday', false, true],
    ]);
    const withMinimum = ruleDef({ limits: { minSpend: 20, minimumsWindow: { kind: 'last_days', days: 7, includeToday: false } } });
    expect(windowsOf(withMinimum).map((w) => w.key)).toEqual(['last_days:3:false:skip', 'last_days:7:false:all']);
  });
});

describe('resolving a window in the account’s zone', () => {
  // 2026-06-10T16:00Z is Wednesday 12:00 in New York.
  it('today so far, compared with yesterday up to the same time', () => {
    expect(resolveWindow({ kind: 'today' }, false, NOW, NY)).toEqual({
      key: 'today',
      days: null,
      today: '2026-06-10',
      hours: null,
      previous: { days: null, today: null, hours: { fromUtc: '2026-06-09T04:00:00.000Z', toUtc: '2026-06-09T16:00:00.000Z' } },
    });
  });

  it('yesterday and the day before', () => {
    const w = resolveWindow({ kind: 'yesterday' }, true, NOW, NY);
    expect(w.days).toEqual({ since: '2026-06-09', until: '2026-06-09' });
    expect(w.previous?.days).toEqual({ since: '2026-06-08', until: '2026-06-08' });
  });

  it('the last whole hours, and the hours before them', () => {
    const w = resolveWindow({ kind: 'last_hours', hours: 6 }, false, new Date('2026-06-10T16:25:00Z'), NY);
    expect(w.hours).toEqual({ fromUtc: '2026-06-10T10:00:00.000Z', toUtc: '2026-06-10T16:00:00.000Z' });
    expect(w.previous?.hours).toEqual({ fromUtc: '2026-06-10T04:00:00.000Z', toUtc: '2026-06-10T10:00:00.000Z' });
    expect(w.days).toBeNull();
  });

  it('the last N complete days, with yesterday left out when skipping', () => {
    const all = resolveWindow({ kind: 'last_days', days: 3, includeToday: false }, false, NOW, NY);
    expect(all.days).toEqual({ since: '2026-06-07', until: '2026-06-09' });
    expect(all.previous?.days).toEqual({ since: '2026-06-04', until: '2026-06-06' });
    const skip = resolveWindow({ kind: 'last_days', days: 3, includeToday: false }, true, NOW, NY);
    expect(skip.key).toBe('last_days:3:false:skip');
    expect(skip.days).toEqual({ since: '2026-06-07', until: '2026-06-08' });
    expect(skip.previous?.days).toEqual({ since: '2026-06-05', until: '2026-06-06' });
  });

  it('the last N days and today so far, with a previous period of the same length', () => {
    const w = resolveWindow({ kind: 'last_days', days: 3, includeToday: true }, true, NOW, NY);
    expect(w).toMatchObject({ key: 'last_days:3:true:all', days: { since: '2026-06-07', until: '2026-06-09' }, today: '2026-06-10' });
    expect(w.previous).toEqual({
      days: { since: '2026-06-03', until: '2026-06-05' },
      today: null,
      hours: { fromUtc: '2026-06-06T04:00:00.000Z', toUtc: '2026-06-06T16:00:00.000Z' },
    });
  });

  it('this week from Monday, this month from the 1st, and a lifetime without a previous period', () => {
    const week = resolveWindow({ kind: 'week_to_date' }, false, NOW, NY);
    expect(week.days).toEqual({ since: '2026-06-08', until: '2026-06-09' });
    expect(week.previous?.days).toEqual({ since: '2026-06-05', until: '2026-06-06' });
    expect(week.previous?.hours?.fromUtc).toBe('2026-06-07T04:00:00.000Z');
    const monday = resolveWindow({ kind: 'week_to_date' }, false, new Date('2026-06-08T16:00:00Z'), NY);
    expect(monday.days).toBeNull();
    expect(monday.today).toBe('2026-06-08');
    const month = resolveWindow({ kind: 'month_to_date' }, false, NOW, NY);
    expect(month.days).toEqual({ since: '2026-06-01', until: '2026-06-09' });
    expect(month.previous?.days).toEqual({ since: '2026-05-22', until: '2026-05-30' });
    expect(month.previous?.hours?.fromUtc).toBe('2026-05-31T04:00:00.000Z');
    const life = resolveWindow({ kind: 'lifetime' }, true, NOW, NY);
    expect(life).toEqual({ key: 'lifetime', days: { since: null, until: '2026-06-09' }, today: '2026-06-10', hours: null, previous: null });
  });

  it('uses the account’s calendar (already tomorrow in Tokyo)', () => {
    expect(resolveWindow({ kind: 'yesterday' }, false, NOW, 'Asia/Tokyo').days).toEqual({ since: '2026-06-10', until: '2026-06-10' });
  });
});

describe('windows in words', () => {
  it('says what the window covers', () => {
    expect(windowWords({ kind: 'last_days', days: 7, includeToday: false }, true)).toBe('the last 7 days (yesterday left out)');
    expect(windowWords({ kind: 'last_days', days: 7, includeToday: true }, true)).toBe('the last 7 days and today so far');
    expect(windowWords({ kind: 'last_hours', hours: 1 }, false)).toBe('the last hour');
    expect(windowWords({ kind: 'today' }, false)).toBe('today so far');
  });
});

describe('a zone the runtime does not know', () => {
  it('reads windows and the schedule on UTC’s clock instead of throwing (the run then skips those objects and says why)', async () => {
    const { nextRunAt } = await import('./schedule.ts');
    const now = new Date('2026-06-10T16:30:00Z');
    expect(resolveWindow({ kind: 'today' }, false, now, 'Not/AZone')).toEqual(resolveWindow({ kind: 'today' }, false, now, 'UTC'));
    expect(resolveWindow({ kind: 'last_days', days: 7, includeToday: true }, false, now, '')).toEqual(resolveWindow({ kind: 'last_days', days: 7, includeToday: true }, false, now, 'UTC'));
    expect(nextRunAt({ frequency: 'daily', at: '06:00' }, now, 'Not/AZone').toISOString()).toBe('2026-06-11T06:00:00.000Z');
    expect(nextRunAt({ frequency: 'hourly' }, now, 'Bad Zone').toISOString()).toBe('2026-06-10T17:00:00.000Z');
  });
});
