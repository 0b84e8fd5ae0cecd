import type { RuleAction, RuleBody, RuleCondition, RuleConditionGroup, RuleDefinition, RuleLimits, RuleModeValue, RuleScope, RuleWindow } from '@adloop/contracts';

/** A ready-made rule people start from (the body is complete: every default filled in). */
export interface RuleTemplateDef {
  id: string;
  name: string;
  description: string;
  body: RuleBody;
}

// Bodies are written out in full (the schema's defaults included) rather than parsed: the contracts
// package imports the engine, so parsing here while the modules load would meet an unfinished schema.
const lastDays = (days: number): RuleWindow => ({ kind: 'last_days', days, includeToday: false });
const TODAY: RuleWindow = { kind: 'today' };
const scope = (level: RuleScope['level']): RuleScope => ({ platforms: [], accountIds: [], level, statuses: ['active'] });
const limits = (over: Partial<RuleLimits>): RuleLimits => ({
  minimumsWindow: lastDays(3),
  cooldownHours: 24,
  maxActionsPerRun: 50,
  maxActionsPerDay: 200,
  skipLearning: true,
  overrideHours: 72,
  ...over,
});
const when = (metric: RuleCondition['metric'], window: RuleWindow, operator: RuleCondition['operator'], compare: RuleCondition['compare']): RuleCondition => ({
  kind: 'condition',
  metric,
  window,
  operator,
  compare,
});
const value = (v: number): RuleCondition['compare'] => ({ kind: 'value', value: v });

function template(
  id: string,
  name: string,
  description: string,
  mode: RuleModeValue,
  definition: { scope: RuleScope; when: RuleConditionGroup; then: RuleAction[]; limits: RuleLimits; schedule?: RuleDefinition['schedule'] },
): RuleTemplateDef {
  const full: RuleDefinition = { schedule: { frequency: 'every_15_minutes' }, currencyBasis: 'account', ...definition };
  return { id, name, description, body: { name, mode, enabled: false, definition: full, templateId: id } };
}

/** The templates offered when a rule is created: they propose (or only tell) and start disabled. */
export const RULE_TEMPLATES: readonly RuleTemplateDef[] = [
  template('stop-loss', 'Stop-loss', 'Pause campaigns whose cost per conversion runs far above target, or that spend without converting.', 'propose', {
    scope: scope('campaign'),
    when: {
      kind: 'any',
      conditions: [
        when('cpa', lastDays(3), 'gt', value(50)),
        { kind: 'all', conditions: [when('spend', lastDays(3), 'gt', value(100)), when('conversions', lastDays(3), 'eq', value(0))] },
      ],
    },
    then: [{ type: 'pause' }, { type: 'notify', channels: ['in_app'] }],
    limits: limits({ minSpend: 30 }),
  }),
  template('scale-winners', 'Scale winners', 'Raise the budget of campaigns that return well over several days, by steps, up to a ceiling.', 'propose', {
    scope: scope('campaign'),
    when: { kind: 'all', conditions: [when('roas', lastDays(7), 'gte', value(3)), when('conversions', lastDays(7), 'gte', value(10))] },
    then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 15 }, ceiling: 1000 }],
    limits: limits({ cooldownHours: 72, maxMoneyPerDay: 500 }),
    schedule: { frequency: 'daily', at: '09:00' },
  }),
  template('budget-pacing', 'Budget pacing', 'Tell the team when a campaign spends its daily budget much faster than the day goes by.', 'notify', {
    scope: scope('campaign'),
    when: { kind: 'all', conditions: [when('budget_pacing', TODAY, 'gt', value(1.3)), when('spend', TODAY, 'gt', value(20))] },
    then: [{ type: 'notify', channels: ['in_app'], message: 'Spending faster than the day goes by.' }],
    limits: limits({ cooldownHours: 12 }),
    schedule: { frequency: 'hourly' },
  }),
  template('weekend-dayparting', 'Weekend dayparting', 'Pause campaigns over the weekend, a day at a time; each comes back on its own at midnight.', 'propose', {
    scope: scope('campaign'),
    when: { kind: 'all', conditions: [when('status', lastDays(3), 'eq', { kind: 'text', value: 'active' })] },
    then: [{ type: 'pause_until', until: 'tomorrow' }],
    limits: limits({ cooldownHours: 12, skipLearning: false, activeHours: { days: [0, 6], from: '00:00', to: '06:00' } }),
    schedule: { frequency: 'hourly' },
  }),
  template('dead-ad-cleanup', 'Dead-ad cleanup', 'Pause and label ads at least two weeks old that spend without clicks worth having or conversions.', 'propose', {
    scope: scope('ad'),
    when: {
      kind: 'all',
      conditions: [
        when('days_since_created', lastDays(3), 'gte', value(14)),
        when('spend', lastDays(14), 'gt', value(20)),
        when('conversions', lastDays(14), 'eq', value(0)),
        when('ctr', lastDays(14), 'lt', value(0.005)),
      ],
    },
    then: [{ type: 'pause' }, { type: 'label', label: 'dead' }],
    limits: limits({ minImpressions: 1000, minimumsWindow: lastDays(14), cooldownHours: 168 }),
    schedule: { frequency: 'daily', at: '06:00' },
  }),
  template('frequency-fatigue', 'Frequency fatigue', 'Tell the team when an ad group’s audience sees its ads too often, or its click-through rate falls away.', 'notify', {
    scope: scope('ad_group'),
    when: { kind: 'any', conditions: [when('frequency', lastDays(7), 'gt', value(4)), when('ctr', lastDays(7), 'lt', { kind: 'previous_period', pct: -30 })] },
    then: [{ type: 'notify', channels: ['in_app'], message: 'The audience may be tiring of these ads.' }],
    limits: limits({ minImpressions: 5000, minimumsWindow: lastDays(7), cooldownHours: 72 }),
    schedule: { frequency: 'daily', at: '08:00' },
  }),
];
