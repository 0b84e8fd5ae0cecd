import { describe, expect, it } from 'vitest';
import { incidentCandidates, planIncidents } from './incident-fold.ts';
import type { AnomalyFinding } from './anomaly.types.ts';

const HOUR = 3_600_000;
const finding = (over: Partial<AnomalyFinding>): AnomalyFinding => ({
  metric: 'conversions', at: 10 * HOUR, since: 8 * HOUR, observed: 0, expected: 9, lower: 3, upper: 16, direction: 'down', method: 'tracking_break', confidence: 'normal', score: 4, ...over,
});

describe('incident candidates and their folding', () => {
  it('one candidate per metric under the scope’s likely cause, latest figures and earliest start', () => {
    const list = incidentCandidates('campaign:c1', [
      { grain: 'hour', finding: finding({ at: 10 * HOUR, since: 8 * HOUR }) },
      { grain: 'day', finding: finding({ at: 0, since: 0, observed: 2, expected: 30, method: 'poisson' }) },
      { grain: 'hour', finding: finding({ metric: 'conversion_rate', method: 'poisson', at: 9 * HOUR, since: 9 * HOUR }) },
    ]);
    expect(list.map((c) => c.key)).toEqual(['campaign:c1|conversion_rate|tracking', 'campaign:c1|conversions|tracking']);
    const conversions = list.find((c) => c.metric === 'conversions')!;
    expect(conversions.grain).toBe('hour');
    expect(conversions.finding.observed).toBe(0);
    expect(conversions.finding.since).toBe(0);
    expect(incidentCandidates('account', [])).toEqual([]);
  });

  it('opens new keys, folds repeats, resolves what was not found for the quiet period, and reopens later', () => {
    const [c] = incidentCandidates('account', [{ grain: 'hour', finding: finding({ metric: 'spend', method: 'seasonal_esd', direction: 'up' }) }]);
    const first = planIncidents([], [c!, c!], 10 * HOUR, 2 * HOUR);
    expect(first.open).toHaveLength(1);
    const open = [{ id: 'i1', key: c!.key, lastSeenAt: 10 * HOUR }];
    expect(planIncidents(open, [c!], 11 * HOUR, 2 * HOUR)).toEqual({ open: [], repeat: [{ id: 'i1', candidate: c }], resolve: [] });
    // One clean check is not enough; two hours without it is.
    expect(planIncidents(open, [], 11 * HOUR, 2 * HOUR).resolve).toEqual([]);
    expect(planIncidents(open, [], 12 * HOUR, 2 * HOUR).resolve).toEqual(['i1']);
    expect(planIncidents([], [c!], 20 * HOUR, 2 * HOUR).open).toHaveLength(1);
  });
});
