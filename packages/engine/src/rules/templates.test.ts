import { RuleBody } from '@adloop/contracts';
import { describe, expect, it } from 'vitest';
import { describeRule } from './describe.ts';
import { evaluateRule } from './evaluate.ts';
import { evalContext, facts, memory, totals } from './fixtures.test-helpers.ts';
import { RULE_TEMPLATES } from './templates.ts';
import { validateRule } from './validate.ts';

describe('rule templates', () => {
  it('are six complete bodies the schema reads back unchanged, each sound and in words', () => {
    expect(RULE_TEMPLATES.map((t) => t.id)).toEqual(['stop-loss', 'scale-winners', 'budget-pacing', 'weekend-dayparting', 'dead-ad-cleanup', 'frequency-fatigue']);
    for (const t of RULE_TEMPLATES) {
      expect(RuleBody.parse(t.body)).toEqual(t.body);
      expect(validateRule(t.body.definition)).toEqual([]);
      expect(t.body.enabled).toBe(false);
      expect(t.body.templateId).toBe(t.id);
      expect(describeRule(t.body.definition, t.body.mode).length).toBeGreaterThan(40);
    }
  });

  it('stop-loss pauses a campaign spending without converting', () => {
    const stopLoss = RULE_TEMPLATES[0];
    if (!stopLoss) throw new Error('no template');
    const all = 'last_days:3:false:all';
    const skip = 'last_days:3:false:skip';
    const e = facts({ metrics: { [all]: totals({ spend: 150 }), [skip]: totals({ spend: 120 }) } });
    expect(evaluateRule(stopLoss.body.definition, [e], memory(), evalContext()).entities[0]).toMatchObject({ outcome: 'propose', actions: ['pause', 'notify (in the app)'] });
  });
});
