import { RuleDefinition, type RuleDefinitionInput } from '@adloop/contracts';
import type { MetricTotals } from '../metrics/totals.ts';
import { emptyMemory } from './memory.ts';
import type { EntityFacts, EvaluationContext, RuleMemory } from './types.ts';

/** A parsed rule definition (defaults filled in), to vary per test. */
export const ruleDef = (input: Partial<RuleDefinitionInput> = {}): RuleDefinition =>
  RuleDefinition.parse({
    scope: { level: 'campaign' },
    when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'cpa', operator: 'gt', compare: { kind: 'value', value: 40 } }] },
    then: [{ type: 'pause' }],
    ...input,
  });

/** Totals in whole units: spend and value in major units of the object's currency. */
export const totals = (t: { spend?: number; impressions?: number; clicks?: number; conversions?: number; value?: number } = {}): MetricTotals => ({
  spendMicros: (t.spend ?? 0) * 1_000_000,
  impressions: t.impressions ?? 0,
  clicks: t.clicks ?? 0,
  conversions: t.conversions ?? 0,
  conversionValueMicros: (t.value ?? 0) * 1_000_000,
});

/** An active Meta campaign with a $100 daily budget, in USD and New York time. */
export function facts(over: Partial<EntityFacts> = {}): EntityFacts {
  return {
    level: 'campaign',
    id: '00000000-0000-4000-8000-000000000001',
    platformId: 'c1',
    campaignId: '00000000-0000-4000-8000-000000000001',
    parentKey: '00000000-0000-4000-8000-0000000000a1',
    name: 'Prospecting US',
    platform: 'meta',
    adAccountId: '00000000-0000-4000-8000-0000000000a1',
    timeZone: 'America/New_York',
    currency: 'USD',
    status: 'active',
    objective: 'sales',
    labels: [],
    isLearning: false,
    createdAt: '2026-01-10T12:00:00.000Z',
    dailyBudgetMicros: 100_000_000,
    lifetimeBudgetMicros: null,
    bidMicros: null,
    toOrgRate: 1,
    metrics: {},
    previous: {},
    parentAverage: {},
    syncedAt: '2026-06-10T15:50:00.000Z',
    stale: false,
    ...over,
  };
}

export const NOW = new Date('2026-06-10T16:00:00.000Z');

/** Propose mode, kill switch off, USD organisation, a $1 minimum on 1-cent steps. */
export function evalContext(over: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    now: NOW,
    mode: 'propose',
    killSwitch: false,
    orgCurrency: 'USD',
    budgetStep: () => ({ minMicros: 1_000_000, stepMicros: 10_000 }),
    ...over,
  };
}

export const memory = (over: Partial<RuleMemory> = {}): RuleMemory => ({ ...emptyMemory(), ...over });
