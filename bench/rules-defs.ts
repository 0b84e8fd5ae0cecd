/**
 * The rules of bench/rules.bench.ts: a realistic mix over the three levels (stop-loss, CPA against
 * the siblings, low CTR, spend spikes today, CPC jumps against the previous period, last hours at
 * campaign level), each scoped to one ad account, proposing pauses and budget cuts or notifying.
 * Thresholds are set so a few % of the objects examined match.
 */
import { RuleDefinition } from '@adloop/contracts';

export interface BenchRule {
  name: string;
  mode: 'propose' | 'notify';
  definition: RuleDefinition;
}

const LEVELS = ['campaign', 'campaign', 'campaign', 'campaign', 'ad_group', 'ad_group', 'ad_group', 'ad', 'ad', 'ad'] as const;

function conditionsOf(kind: number, level: (typeof LEVELS)[number]): unknown[] {
  switch (kind) {
    case 0:
      return [
        { kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 3 }, skipLastDay: false, operator: 'gt', compare: { kind: 'value', value: 100 } },
        { kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 3 }, skipLastDay: false, operator: 'gt', compare: { kind: 'value', value: 200 } },
      ];
    case 1:
      return [{ kind: 'condition', metric: 'cpa', window: { kind: 'last_days', days: 7 }, operator: 'gt', compare: { kind: 'parent_average', factor: 3 } }];
    case 2:
      return [
        { kind: 'condition', metric: 'ctr', window: { kind: 'yesterday' }, operator: 'lt', compare: { kind: 'value', value: 0.004 } },
        { kind: 'condition', metric: 'impressions', window: { kind: 'yesterday' }, operator: 'gt', compare: { kind: 'value', value: 500 } },
      ];
    case 3:
      return [{ kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'parent_average', factor: 2 } }];
    case 4:
      return [{ kind: 'condition', metric: 'cpc', window: { kind: 'yesterday' }, operator: 'gt', compare: { kind: 'previous_period', pct: 250 } }];
    default:
      return level === 'campaign'
        ? [
            { kind: 'condition', metric: 'clicks', window: { kind: 'last_hours', hours: 6 }, operator: 'gt', compare: { kind: 'previous_period', pct: 200 } },
            { kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 14 }, skipLastDay: false, operator: 'gt', compare: { kind: 'value', value: 300 } },
          ]
        : [
            { kind: 'condition', metric: 'conversions', window: { kind: 'last_days', days: 7 }, operator: 'lt', compare: { kind: 'value', value: 0.5 } },
            { kind: 'condition', metric: 'spend', window: { kind: 'last_days', days: 7 }, skipLastDay: false, operator: 'gt', compare: { kind: 'value', value: 150 } },
          ];
  }
}

/** `count` rules over `accountIds` (rule r on account r mod n). */
export function benchRules(count: number, accountIds: readonly string[]): BenchRule[] {
  const out: BenchRule[] = [];
  for (let r = 0; r < count; r++) {
    const level = LEVELS[r % LEVELS.length]!;
    const kind = Math.floor(r / LEVELS.length) % 6;
    const scope = { level, accountIds: [accountIds[r % accountIds.length]!], ...(level === 'ad' ? { nameContains: `#${r % 5}` } : {}) };
    const propose = r % 5 < 3;
    const then = !propose
      ? [{ type: 'notify', channels: ['in_app'] }]
      : level === 'campaign' && kind % 2 === 1
        ? [{ type: 'change_budget', direction: 'lower', by: { unit: 'percent', value: 20 }, floor: 10 }]
        : [{ type: 'pause' }];
    out.push({
      name: `Bench rule ${r} (${level}, kind ${kind})`,
      mode: propose ? 'propose' : 'notify',
      definition: RuleDefinition.parse({ scope, when: { kind: 'all', conditions: conditionsOf(kind, level) }, then, schedule: { frequency: r % 3 === 0 ? 'hourly' : 'every_15_minutes' } }),
    });
  }
  return out;
}

/**
 * The rule the backtest replays, hourly over the accounts' campaigns: a stop-loss over complete days
 * (3 days' spend and CPA, or yesterday's CTR well under the day before), or with `today` also a spend
 * spike today against the siblings (today's hours change every step: every object is judged each hour).
 */
export function backtestDefinition(accountIds: readonly string[], today = false): RuleDefinition {
  const conditions: unknown[] = [
    { kind: 'all', conditions: conditionsOf(0, 'campaign') },
    { kind: 'condition', metric: 'ctr', window: { kind: 'yesterday' }, operator: 'lt', compare: { kind: 'previous_period', pct: -60 } },
  ];
  if (today) conditions.push({ kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'parent_average', factor: 2.5 } });
  return RuleDefinition.parse({
    scope: { level: 'campaign', accountIds: [...accountIds], statuses: ['active', 'paused'] },
    when: { kind: 'any', conditions },
    then: [{ type: 'pause' }],
    limits: { cooldownHours: 24 },
    schedule: { frequency: 'hourly' },
  });
}
