import { RuleBody } from '@adloop/contracts';
import type { RuleBody as RuleBodyValue } from '@adloop/contracts';

/** A ready-made rule people start from (the body is complete: every default filled in). */
export interface RuleTemplateDef {
  id: string;
  name: string;
  description: string;
  body: RuleBodyValue;
}

const template = (id: string, name: string, description: string, body: unknown): RuleTemplateDef => ({ id, name, description, body: RuleBody.parse(body) });

/** The templates offered when a rule is created: all propose (or only tell) by default and start disabled. */
export const RULE_TEMPLATES: readonly RuleTemplateDef[] = [
  template('stop-loss', 'Stop-loss', 'Pause campaigns whose cost per conversion runs far above target, or that spend without converting.', {
    name: 'Stop-loss',
    mode: 'propose',
    templateId: 'stop-loss',
    definition: {
      scope: { level: 'campaign' },
      when: {
        kind: 'any',
        conditions: [
          { kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 50 } },
          {
            kind: 'all',
            conditions: [
              { kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 3 }, operator: 'gt', compare: { kind: 'value', value: 100 } },
              { kind: 'condition', metric: 'conversions', window: { kind: 'last_days', days: 3 }, operator: 'eq', compare: { kind: 'value', value: 0 } },
            ],
          },
        ],
      },
      then: [{ type: 'pause' }, { type: 'notify', channels: ['in_app'] }],
      limits: { minSpend: 30, cooldownHours: 24 },
    },
  }),
  template('scale-winners', 'Scale winners', 'Raise the budget of campaigns that return well over several days, by steps, up to a ceiling.', {
    name: 'Scale winners',
    mode: 'propose',
    templateId: 'scale-winners',
    definition: {
      scope: { level: 'campaign' },
      when: {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'roas', window: { kind: 'last_days', days: 7 }, operator: 'gte', compare: { kind: 'value', value: 3 } },
          { kind: 'condition', metric: 'conversions', window: { kind: 'last_days', days: 7 }, operator: 'gte', compare: { kind: 'value', value: 10 } },
        ],
      },
      then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 15 }, ceiling: 1000 }],
      limits: { cooldownHours: 72, maxMoneyPerDay: 500 },
      schedule: { frequency: 'daily', at: '09:00' },
    },
  }),
  template('budget-pacing', 'Budget pacing', 'Tell the team when a campaign spends its daily budget much faster than the day goes by.', {
    name: 'Budget pacing',
    mode: 'notify',
    templateId: 'budget-pacing',
    definition: {
      scope: { level: 'campaign' },
      when: {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'budget_pacing', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'value', value: 1.3 } },
          { kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'value', value: 20 } },
        ],
      },
      then: [{ type: 'notify', channels: ['in_app'], message: 'Spending faster than the day goes by.' }],
      limits: { cooldownHours: 12 },
      schedule: { frequency: 'hourly' },
    },
  }),
  template('weekend-dayparting', 'Weekend dayparting', 'Pause campaigns over the weekend, a day at a time; each comes back on its own at midnight.', {
    name: 'Weekend dayparting',
    mode: 'propose',
    templateId: 'weekend-dayparting',
    definition: {
      scope: { level: 'campaign' },
      when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'status', operator: 'eq', compare: { kind: 'text', value: 'active' } }] },
      then: [{ type: 'pause_until', until: 'tomorrow' }],
      limits: { cooldownHours: 12, skipLearning: false, activeHours: { days: [0, 6], from: '00:00', to: '06:00' } },
      schedule: { frequency: 'hourly' },
    },
  }),
  template('dead-ad-cleanup', 'Dead-ad cleanup', 'Pause and label ads at least two weeks old that spend without clicks worth having or conversions.', {
    name: 'Dead-ad cleanup',
    mode: 'propose',
    templateId: 'dead-ad-cleanup',
    definition: {
      scope: { level: 'ad' },
      when: {
        kind: 'all',
        conditions: [
          { kind: 'condition', metric: 'days_since_created', operator: 'gte', compare: { kind: 'value', value: 14 } },
          { kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 14 }, operator: 'gt', compare: { kind: 'value', value: 20 } },
          { kind: 'condition', metric: 'conversions', window: { kind: 'last_days', days: 14 }, operator: 'eq', compare: { kind: 'value', value: 0 } },
          { kind: 'condition', metric: 'ctr', window: { kind: 'last_days', days: 14 }, operator: 'lt', compare: { kind: 'value', value: 0.005 } },
        ],
      },
      then: [{ type: 'pause' }, { type: 'label', label: 'dead' }],
      limits: { minImpressions: 1000, minimumsWindow: { kind: 'last_days', days: 14 }, cooldownHours: 168 },
      schedule: { frequency: 'daily', at: '06:00' },
    },
  }),
  template('frequency-fatigue', 'Frequency fatigue', 'Tell the team when an ad group’s audience sees its ads too often, or its click-through rate falls away.', {
    name: 'Frequency fatigue',
    mode: 'notify',
    templateId: 'frequency-fatigue',
    definition: {
      scope: { level: 'ad_group' },
      when: {
        kind: 'any',
        conditions: [
          { kind: 'condition', metric: 'frequency', window: { kind: 'last_days', days: 7 }, operator: 'gt', compare: { kind: 'value', value: 4 } },
          { kind: 'condition', metric: 'ctr', window: { kind: 'last_days', days: 7 }, operator: 'lt', compare: { kind: 'previous_period', pct: -30 } },
        ],
      },
      then: [{ type: 'notify', channels: ['in_app'], message: 'The audience may be tiring of these ads.' }],
      limits: { minImpressions: 5000, minimumsWindow: { kind: 'last_days', days: 7 }, cooldownHours: 72 },
      schedule: { frequency: 'daily', at: '08:00' },
    },
  }),
];
