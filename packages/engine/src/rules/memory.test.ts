import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluate.ts';
import { evalContext, facts, memory, NOW, ruleDef, totals } from './fixtures.test-helpers.ts';
import { rememberDecision } from './memory.ts';
import type { EntityFacts } from './types.ts';

const SKIP = 'last_days:3:false:skip';
const costly = (over: Partial<EntityFacts> = {}) => facts({ metrics: { [SKIP]: totals({ spend: 100, conversions: 1 }) }, ...over });
const toOrg = (e: EntityFacts, micros: number) => micros * (e.toOrgRate ?? 1);

describe('remembering what a rule did', () => {
  const raise = ruleDef({ then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 } }, { type: 'notify', channels: ['in_app'] }] });

  it('adds each acted object’s actions, its changes, today’s count and the money moved', () => {
    const before = memory();
    const decision = evaluateRule(raise, [costly({ currency: 'EUR', toOrgRate: 2 }), facts({ id: 'cheap' })], before, evalContext());
    const after = rememberDecision(before, decision, 'rule-1', NOW, toOrg);
    const id = costly().id;
    expect(after.actionsByEntity[id]).toEqual([
      { at: NOW.toISOString(), field: 'daily_budget', direction: 'raise', actorType: 'rule', actorId: 'rule-1' },
      { at: NOW.toISOString(), field: 'notify', direction: 'notify', actorType: 'rule', actorId: 'rule-1' },
    ]);
    expect(after.recentChanges[id]).toEqual([{ at: NOW.toISOString(), field: 'daily_budget', direction: 'raise', actorType: 'rule', actorId: 'rule-1' }]);
    expect(after.actionsByEntity.cheap).toBeUndefined();
    expect(after.actionsToday).toBe(2);
    expect(after.moneyMovedTodayMicros).toBe(20_000_000);
    expect(after.day).toBe('2026-06-10');
    expect(before).toEqual(memory());
  });

  it('starts today’s counts afresh on a new UTC day, and keeps the past actions', () => {
    const yesterday = memory({ actionsToday: 7, moneyMovedTodayMicros: 9, day: '2026-06-09' });
    const after = rememberDecision(yesterday, evaluateRule(raise, [costly()], yesterday, evalContext()), 'rule-1', NOW, toOrg);
    expect(after.actionsToday).toBe(2);
    expect(after.moneyMovedTodayMicros).toBe(10_000_000);
    const untouched = rememberDecision(yesterday, { skipped: null, entities: [], oscillation: null }, 'rule-1', NOW, toOrg);
    expect(untouched).toMatchObject({ actionsToday: 0, moneyMovedTodayMicros: 0, day: '2026-06-10' });
  });

  it('makes the next run wait out the cooldown', () => {
    let m = memory();
    m = rememberDecision(m, evaluateRule(ruleDef(), [costly()], m, evalContext()), 'rule-1', NOW, toOrg);
    const again = evaluateRule(ruleDef(), [costly()], m, evalContext({ now: new Date(NOW.getTime() + 3_600_000) }));
    expect(again.entities[0]?.skipReason).toBe('cooldown');
  });
});
