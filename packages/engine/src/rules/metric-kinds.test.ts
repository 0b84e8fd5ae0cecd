import { CONVERSION_METRICS as CONTRACT_CONVERSION, MONEY_METRICS as CONTRACT_MONEY, RuleMetric, SETTING_METRICS as CONTRACT_SETTING } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { formatMetric } from './format.ts';
import { CONVERSION_METRICS, isSettingMetric, METRIC_KINDS, MONEY_METRICS, PERCENT_METRICS, RULE_METRICS, SETTING_METRICS } from './metric-kinds.ts';

describe('rule metric kinds', () => {
  it('are one list: the contract’s schema and kinds are the engine’s', () => {
    expect(RuleMetric.options).toEqual([...RULE_METRICS]);
    expect(CONTRACT_MONEY).toBe(MONEY_METRICS);
    expect(CONTRACT_CONVERSION).toBe(CONVERSION_METRICS);
    expect(CONTRACT_SETTING).toBe(SETTING_METRICS);
  });

  it('give every metric a kind, and the money and percent lists follow from them', () => {
    expect(Object.keys(METRIC_KINDS).sort()).toEqual([...RULE_METRICS].sort());
    expect(MONEY_METRICS).toEqual(['spend', 'value', 'cpa', 'cpc', 'cpm', 'budget']);
    expect(PERCENT_METRICS).toEqual(['ctr', 'conversion_rate', 'budget_pacing']);
    for (const m of [...CONVERSION_METRICS, ...SETTING_METRICS]) expect(RULE_METRICS).toContain(m);
    expect(RULE_METRICS.filter(isSettingMetric)).toEqual(['budget', 'days_since_created', 'status', 'name']);
  });

  it('format each number by its kind', () => {
    expect(formatMetric('cpa', 42.5, 'USD')).toBe('$42.50');
    expect(formatMetric('ctr', 0.025, 'USD')).toBe('2.5 %');
    expect(formatMetric('budget_pacing', 1.3, 'USD')).toBe('130 %');
    expect(formatMetric('clicks', 1234, 'USD')).toBe('1,234');
  });
});
