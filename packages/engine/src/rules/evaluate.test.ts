import { describe, expect, it } from 'vitest';
import { evaluateRule } from './evaluate.ts';
import { evalContext, facts, memory, NOW, ruleDef, totals } from './fixtures.test-helpers.ts';
import type { EntityFacts, PastAction } from './types.ts';

const SKIP = 'last_days:3:false:skip';
const MIN = 'last_days:3:false:all';
/** A campaign whose CPA over the last 3 days (yesterday left out) is $50: above the default rule's $40. */
const costly = (over: Partial<EntityFacts> = {}): EntityFacts => facts({ metrics: { [SKIP]: totals({ spend: 100, conversions: 2 }), [MIN]: totals({ spend: 150, impressions: 9000 }) }, ...over });
const cheap = (over: Partial<EntityFacts> = {}): EntityFacts => facts({ metrics: { [SKIP]: totals({ spend: 100, conversions: 10 }) }, ...over });
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const byRule = (at: string, direction: string, field: PastAction['field'] = 'status'): PastAction => ({ at, field, direction, actorType: 'rule', actorId: 'other-rule' });

describe('evaluating a rule on its objects', () => {
  it('proposes, acts or notifies by mode, with the verdicts and values that led there', () => {
    const d = evaluateRule(ruleDef(), [costly(), cheap({ id: id(2) })], memory(), evalContext());
    expect(d.skipped).toBeNull();
    expect(d.entities[0]).toMatchObject({
      outcome: 'propose',
      planned: [{ kind: 'status', action: 'pause', from: 'active' }],
      actions: ['pause'],
      values: { 'cpa(the last 3 days (yesterday left out))': 50 },
      conditions: [{ path: '0', metric: 'cpa', held: true, value: 50, against: 'above $40.00' }],
    });
    expect(d.entities[0]?.explanation).toBe('Proposes: pause, since CPA $50.00 above $40.00.');
    expect(d.entities[1]).toMatchObject({ outcome: 'no_match', skipReason: null, planned: [] });
    expect(d.entities[1]?.explanation).toBe('Conditions not met: CPA over the last 3 days (yesterday left out) not above $40.00.');
    expect(d.entities[1]?.conditions[0]?.value).toBe(10);
    expect(evaluateRule(ruleDef(), [costly()], memory(), evalContext({ mode: 'automatic' })).entities[0]?.outcome).toBe('act');
    const notifyOnly = ruleDef({ then: [{ type: 'notify', channels: ['email'] }] });
    expect(evaluateRule(notifyOnly, [costly()], memory(), evalContext({ mode: 'automatic' })).entities[0]).toMatchObject({ outcome: 'notify', planned: [{ kind: 'notify', channels: ['email'] }] });
  });

  it('in notify mode only tells what it would do', () => {
    const d = evaluateRule(ruleDef({ then: [{ type: 'pause' }] }), [costly()], memory(), evalContext({ mode: 'notify' }));
    expect(d.entities[0]).toMatchObject({ outcome: 'notify', planned: [{ kind: 'notify', channels: ['in_app'], message: 'The rule would: pause.' }] });
  });

  it('skips everything under the kill switch, and the run as a whole', () => {
    const d = evaluateRule(ruleDef(), [costly(), costly({ id: id(2) })], memory(), evalContext({ killSwitch: true }));
    expect(d.skipped).toMatch(/kill switch/);
    expect(d.entities.map((e) => [e.outcome, e.skipReason])).toEqual([
      ['skipped', 'kill_switch'],
      ['skipped', 'kill_switch'],
    ]);
  });

  it('skips objects with stale numbers, and the run when all are stale', () => {
    const some = evaluateRule(ruleDef(), [costly({ stale: true }), costly({ id: id(2) })], memory(), evalContext());
    expect(some.skipped).toBeNull();
    expect(some.entities.map((e) => e.skipReason)).toEqual(['stale_data', null]);
    expect(evaluateRule(ruleDef(), [costly({ stale: true })], memory(), evalContext()).skipped).toMatch(/stale/);
  });

  it('skips objects whose account zone is unknown, saying so, and the run when every object is in one; never throws', () => {
    const rule = ruleDef({ limits: { activeHours: { days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '23:59' } } });
    const some = evaluateRule(rule, [costly({ timeZone: 'Mars/Olympus_Mons' }), costly({ id: id(2) })], memory(), evalContext());
    expect(some.skipped).toBeNull();
    expect(some.entities.map((e) => [e.outcome, e.skipReason])).toEqual([
      ['skipped', 'time_zone'],
      ['propose', null],
    ]);
    expect(some.entities[0]?.explanation).toMatch(/Time zone “Mars\/Olympus_Mons” of its ad account is unknown/);
    const all = evaluateRule(rule, [costly({ timeZone: '+01:00' }), costly({ id: id(2), timeZone: 'Europe/Atlantis' })], memory(), evalContext());
    expect(all.skipped).toBe('Time zone “+01:00”, “Europe/Atlantis” unknown: the rule cannot tell the accounts’ day and hours, so it skips until the zone is corrected.');
  });

  it('leaves out objects outside the scope, and those without a rate when amounts are the organisation’s', () => {
    const d = evaluateRule(ruleDef({ currencyBasis: 'organization' }), [costly({ level: 'ad_group' }), costly({ currency: 'EUR', toOrgRate: null })], memory(), evalContext());
    expect(d.entities.map((e) => e.skipReason)).toEqual(['out_of_scope', 'no_rate']);
  });

  it('holds back outside active hours, under the minimums, and in learning', () => {
    // Wednesday 12:00 in New York.
    const closed = ruleDef({ limits: { activeHours: { days: [3], from: '13:00', to: '18:00' } } });
    const d = evaluateRule(closed, [costly()], memory(), evalContext());
    expect(d.entities[0]?.skipReason).toBe('outside_hours');
    expect(d.skipped).toMatch(/active hours/);
    const open = ruleDef({ limits: { activeHours: { days: [3], from: '22:00', to: '13:00' } } });
    expect(evaluateRule(open, [costly()], memory(), evalContext()).entities[0]?.outcome).toBe('propose');
    const minimum = ruleDef({ limits: { minSpend: 200 } });
    expect(evaluateRule(minimum, [costly()], memory(), evalContext()).entities[0]).toMatchObject({ skipReason: 'min_spend', values: { 'spend(the last 3 days)': 150 } });
    expect(evaluateRule(ruleDef({ limits: { minImpressions: 10_000 } }), [costly()], memory(), evalContext()).entities[0]?.skipReason).toBe('min_impressions');
    expect(evaluateRule(ruleDef({ limits: { minConversions: 1 } }), [costly()], memory(), evalContext()).entities[0]?.skipReason).toBe('min_conversions');
    expect(evaluateRule(ruleDef(), [costly({ isLearning: true })], memory(), evalContext()).entities[0]?.skipReason).toBe('learning');
    expect(evaluateRule(ruleDef({ limits: { skipLearning: false } }), [costly({ isLearning: true })], memory(), evalContext()).entities[0]?.outcome).toBe('propose');
  });

  it('respects a person’s override and the cooldown', () => {
    const e = costly();
    expect(evaluateRule(ruleDef(), [e], memory({ overrideUntil: { [e.id]: '2026-06-11T00:00:00Z' } }), evalContext()).entities[0]?.skipReason).toBe('override');
    expect(evaluateRule(ruleDef(), [e], memory({ overrideUntil: { [e.id]: '2026-06-10T15:00:00Z' } }), evalContext()).entities[0]?.outcome).toBe('propose');
    const acted = memory({ actionsByEntity: { [e.id]: [{ at: '2026-06-10T00:00:00Z', field: 'status', direction: 'pause', actorType: 'rule', actorId: 'r' }] } });
    expect(evaluateRule(ruleDef(), [e], acted, evalContext()).entities[0]?.skipReason).toBe('cooldown');
    expect(evaluateRule(ruleDef({ limits: { cooldownHours: 12 } }), [e], acted, evalContext()).entities[0]?.outcome).toBe('propose');
  });

  it('refuses to undo another rule’s change within the oscillation window and says the rule must stop', () => {
    const e = costly({ status: 'active' });
    const enabledByRule = memory({ recentChanges: { [e.id]: [byRule('2026-06-09T10:00:00Z', 'pause'), byRule('2026-06-10T10:00:00Z', 'enable')] } });
    const d = evaluateRule(ruleDef(), [e], enabledByRule, evalContext());
    expect(d.entities[0]?.skipReason).toBe('oscillation');
    expect(d.oscillation).toMatchObject({ entityId: e.id });
    expect(d.oscillation?.explanation).toMatch(/enabled and then paused the status/);
    const byPerson = memory({ recentChanges: { [e.id]: [{ ...byRule('2026-06-10T10:00:00Z', 'enable'), actorType: 'user' }] } });
    expect(evaluateRule(ruleDef(), [e], byPerson, evalContext()).entities[0]?.outcome).toBe('propose');
    const longAgo = memory({ recentChanges: { [e.id]: [byRule('2026-06-07T10:00:00Z', 'enable')] } });
    expect(evaluateRule(ruleDef(), [e], longAgo, evalContext()).oscillation).toBeNull();
    const resumed = memory({ recentChanges: { [e.id]: [{ ...byRule('2026-06-10T04:00:00Z', 'enable'), resumes: true }] } });
    expect(evaluateRule(ruleDef(), [e], resumed, evalContext()).entities[0]?.outcome).toBe('propose');
    const lowered = memory({ recentChanges: { [e.id]: [byRule('2026-06-10T10:00:00Z', 'lower', 'daily_budget')] } });
    const raise = ruleDef({ then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 10 } }] });
    expect(evaluateRule(raise, [e], lowered, evalContext()).entities[0]?.skipReason).toBe('oscillation');
  });

  it('stops at the actions per run and per day, the first objects served first', () => {
    const many = [1, 2, 3].map((n) => costly({ id: id(n) }));
    const perRun = evaluateRule(ruleDef({ limits: { maxActionsPerRun: 2 } }), many, memory(), evalContext());
    expect(perRun.entities.map((e) => e.skipReason)).toEqual([null, null, 'limit']);
    const perDay = evaluateRule(ruleDef({ limits: { maxActionsPerDay: 5 } }), many, memory({ actionsToday: 4, day: '2026-06-10' }), evalContext());
    expect(perDay.entities.map((e) => e.skipReason)).toEqual([null, 'limit', 'limit']);
    const yesterdays = evaluateRule(ruleDef({ limits: { maxActionsPerDay: 5 } }), many, memory({ actionsToday: 5, day: '2026-06-09' }), evalContext());
    expect(yesterdays.entities.map((e) => e.skipReason)).toEqual([null, null, null]);
  });

  it('stops at the budget moved per day, counted in the organisation’s currency', () => {
    const raise = ruleDef({ then: [{ type: 'change_budget', direction: 'raise', by: { unit: 'percent', value: 20 } }], limits: { maxMoneyPerDay: 50 } });
    const d = evaluateRule(raise, [1, 2, 3].map((n) => costly({ id: id(n) })), memory({ moneyMovedTodayMicros: 5_000_000, day: '2026-06-10' }), evalContext());
    expect(d.entities.map((e) => e.skipReason)).toEqual([null, null, 'limit']);
    expect(d.entities[2]?.explanation).toMatch(/\$50\.00 of budget moved per day/);
    // Amounts in the account's currency: the cap is €50, $100 of the organisation's; €20 moved is $40.
    const eur = (movedUsd: number) => evaluateRule(raise, [costly({ currency: 'EUR', toOrgRate: 2 })], memory({ moneyMovedTodayMicros: movedUsd * 1e6, day: '2026-06-10' }), evalContext());
    expect(eur(60).entities[0]?.skipReason).toBeNull();
    expect(eur(61).entities[0]?.skipReason).toBe('limit');
  });

  it('reports no change when every action would leave the object as it is', () => {
    const scope = { level: 'campaign' as const, statuses: ['active' as const, 'paused' as const] };
    const d = evaluateRule(ruleDef({ scope }), [costly({ status: 'paused', labels: [] })], memory(), evalContext());
    expect(d.entities[0]).toMatchObject({ outcome: 'skipped', skipReason: 'no_change' });
    expect(d.entities[0]?.explanation).toMatch(/already paused/);
    const withLabel = evaluateRule(ruleDef({ scope, then: [{ type: 'pause' }, { type: 'label', label: 'slow' }] }), [costly({ status: 'paused' })], memory(), evalContext());
    expect(withLabel.entities[0]).toMatchObject({ outcome: 'propose', planned: [{ kind: 'label', label: 'slow' }] });
  });

  it('reads the moment from the context, not the clock', () => {
    const later = new Date(NOW.getTime() + 25 * 3_600_000);
    const acted = memory({ actionsByEntity: { [id(1)]: [{ at: NOW.toISOString(), field: 'status', direction: 'pause', actorType: 'rule', actorId: 'r' }] } });
    expect(evaluateRule(ruleDef(), [costly({ id: id(1) })], acted, evalContext({ now: later })).entities[0]?.outcome).toBe('propose');
  });
});
