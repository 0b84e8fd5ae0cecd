import { describe, expect, it } from 'vitest';
import { detectAnomalies } from './detect.ts';
import { generalizedEsd } from './esd.ts';
import { likelyCause, updateIncidents } from './incidents.ts';
import { poissonCdf, poissonQuantile, robustScale, studentTQuantile } from './robust-stats.ts';
import { dailyOf, hourlySeries } from './anomaly.test-series.ts';
import type { AnomalyFinding } from './anomaly.types.ts';

const DAYS = 35;

describe('robust statistics', () => {
  it('t quantiles and Poisson CDF match tables', () => {
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 2);
    expect(studentTQuantile(0.995, 30)).toBeCloseTo(2.75, 2);
    expect(poissonCdf(0, 3)).toBeCloseTo(Math.exp(-3), 10);
    expect(poissonCdf(5, 5)).toBeCloseTo(0.616, 3);
  });

  it('Poisson quantiles are the smallest count whose CDF reaches p, at low and at very high lambda', () => {
    for (const lambda of [0.05, 3, 7, 40, 900, 2400]) {
      for (const p of [0.0005, 0.001, 0.5, 0.999]) {
        const k = poissonQuantile(p, lambda);
        expect(poissonCdf(k, lambda)).toBeGreaterThanOrEqual(p);
        if (k > 0) expect(poissonCdf(k - 1, lambda)).toBeLessThan(p);
      }
    }
    expect(poissonQuantile(0.0005, 7)).toBe(0);
    expect(poissonQuantile(0.001, 7)).toBe(1);
  });

  it('falls back to the mean absolute deviation when more than half the values are equal', () => {
    const { center, scale } = robustScale([0, 0, 0, 0, 0, 0, 2, 4]);
    expect(center).toBe(0);
    expect(scale).toBeGreaterThan(0);
  });

  it('generalised ESD finds planted outliers and nothing in clean noise', () => {
    const values = Array.from({ length: 200 }, (_, i) => Math.sin(i * 12.9898) * 0.5);
    expect(generalizedEsd(values).outliers).toEqual([]);
    values[17] = 9;
    values[120] = -7;
    expect(generalizedEsd(values).outliers.sort((a, b) => a - b)).toEqual([17, 120]);
  });
});

describe('detectAnomalies', () => {
  it('finds nothing on the last day of a clean series', () => {
    const points = hourlySeries({ hours: DAYS * 24, seed: 3 });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 24 });
    expect(found.filter((f) => f.method !== 'poisson')).toEqual([]);
  });

  it('flags a one-hour spend spike at that hour, as overspend, with expected inside its interval', () => {
    const spikeAt = DAYS * 24 - 5;
    const points = hourlySeries({ hours: DAYS * 24, seed: 4, effect: (i) => (i === spikeAt ? { spend: 2.5 } : {}) });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 24 }).filter((f) => f.metric === 'spend');
    expect(found.map((f) => f.at)).toContain(spikeAt * 3_600_000);
    const spike = found.find((f) => f.at === spikeAt * 3_600_000);
    expect(spike?.direction).toBe('up');
    expect(spike && spike.lower <= spike.expected && spike.expected <= spike.upper && spike.observed > spike.upper).toBe(true);
    expect(likelyCause(found)).toBe('overspend');
  });

  it('flags a CPC spike as a cost problem', () => {
    const from = DAYS * 24 - 6;
    const points = hourlySeries({ hours: DAYS * 24, seed: 5, effect: (i) => (i >= from ? { cpc: 2.2 } : {}) });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 6 });
    expect(found.some((f) => f.metric === 'cpc' && f.direction === 'up')).toBe(true);
    expect(likelyCause(found)).toBe('cost');
  });

  it('sees broken tracking: conversions stop while clicks continue, since the break', () => {
    const from = DAYS * 24 - 20;
    const points = hourlySeries({ hours: DAYS * 24, seed: 6, cvr: 0.08, effect: (i) => (i >= from ? { tracking: 0 } : {}) });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 1 });
    const tracking = found.find((f) => f.method === 'tracking_break');
    expect(tracking).toBeDefined();
    expect(tracking?.since).toBeLessThanOrEqual((from + 2) * 3_600_000);
    expect(likelyCause(found)).toBe('tracking');
  });

  it('once conversions are back, the break is no longer reported as going on', () => {
    const from = DAYS * 24 - 30;
    const back = DAYS * 24 - 3;
    const points = hourlySeries({ hours: DAYS * 24, seed: 6, cvr: 0.08, effect: (i) => (i >= from && i < back ? { tracking: 0 } : {}) });
    expect(points.slice(back).some((p) => p.conversions > 0)).toBe(true);
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 1 });
    expect(found.filter((f) => f.method === 'tracking_break')).toEqual([]);
    // During the break it was found.
    const during = detectAnomalies({ grain: 'hour', points: points.slice(0, back), firstPhase: 0, recent: 1 });
    expect(during.some((f) => f.method === 'tracking_break')).toBe(true);
  });

  it('sees a daily level shift (−40 % delivery) as a level shift since its first day', () => {
    const fromDay = 80;
    const hourly = hourlySeries({ hours: 84 * 24, seed: 7, effect: (i) => (i >= fromDay * 24 ? { spend: 0.6 } : {}) });
    const found = detectAnomalies({ grain: 'day', points: dailyOf(hourly), firstPhase: 0, recent: 1 }).filter((f) => f.metric === 'spend');
    expect(found[0]?.method).toBe('level_shift');
    expect(found[0]?.since).toBe(fromDay * 86_400_000);
    expect(found[0]?.direction).toBe('down');
  });

  it('does not alert on the noise of a few clicks an hour (counts must be improbable under Poisson too)', () => {
    const points = hourlySeries({ hours: DAYS * 24, seed: 10, spendPerHour: 3, cpc: 1, cvr: 0.05 });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0, recent: 7 * 24 });
    expect(found.filter((f) => f.metric === 'clicks' || f.metric === 'cpc' || f.metric === 'conversions')).toEqual([]);
  });

  it('uses a rolling median/MAD with low confidence on a short history', () => {
    const points = hourlySeries({ hours: 30, seed: 8, effect: (i) => (i === 29 ? { spend: 6 } : {}) });
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0 });
    const spend = found.find((f) => f.metric === 'spend');
    expect(spend?.method).toBe('rolling_mad');
    expect(spend?.confidence).toBe('low');
  });

  it('tests zero-heavy conversions with a Poisson tail', () => {
    const last = DAYS * 24 - 1;
    const points = hourlySeries({ hours: DAYS * 24, seed: 9, cvr: 0.01 }).map((p, i) => (i === last ? { ...p, conversions: 9 } : p));
    const found = detectAnomalies({ grain: 'hour', points, firstPhase: 0 });
    expect(found.some((f) => f.metric === 'conversions' && f.method === 'poisson' && f.direction === 'up')).toBe(true);
  });
});

describe('updateIncidents', () => {
  const finding = (at: number, over: Partial<AnomalyFinding> = {}): AnomalyFinding => ({
    metric: 'spend', at, since: at, observed: 50, expected: 20, lower: 10, upper: 30, direction: 'up', method: 'seasonal_esd', confidence: 'normal', score: 6, ...over,
  });
  const H = 3_600_000;

  it('opens one incident, extends it while findings continue, resolves it after a quiet spell', () => {
    let incidents = updateIncidents([], new Map([['c1', [finding(0)]]]), 0, { resolveAfterMs: 3 * H });
    expect(incidents).toHaveLength(1);
    incidents = updateIncidents(incidents, new Map([['c1', [finding(H, { metric: 'cpc', direction: 'up' })]]]), H, { resolveAfterMs: 3 * H });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.findings.map((f) => f.metric)).toEqual(['cpc', 'spend']);
    expect(incidents[0]?.cause).toBe('cost');
    incidents = updateIncidents(incidents, new Map(), 3 * H, { resolveAfterMs: 3 * H });
    expect(incidents[0]?.status).toBe('open');
    incidents = updateIncidents(incidents, new Map(), 4 * H, { resolveAfterMs: 3 * H });
    expect(incidents[0]?.status).toBe('resolved');
    expect(incidents[0]?.resolvedAt).toBe(4 * H);
    incidents = updateIncidents(incidents, new Map([['c1', [finding(5 * H)]]]), 5 * H, { resolveAfterMs: 3 * H });
    expect(incidents.map((i) => i.status)).toEqual(['resolved', 'open']);
  });
});
