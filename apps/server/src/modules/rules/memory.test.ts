import { describe, expect, it } from 'vitest';
import { RuleDefinition } from '@adloop/contracts';
import { memoryOf, rememberChanges, type MemorySource } from './memory.ts';
import type { ChangeMemoryRow } from './rules.repository.ts';

const NOW = new Date('2026-11-18T14:20:00Z');
const RULES = ['r0', 'r1', 'r2'];
const OBJECTS = ['o0', 'o1', 'o2', 'o3', 'o4', 'o5'];
const STATES: ChangeMemoryRow['state'][] = ['proposed', 'pending', 'applied', 'rejected', 'expired', 'undone', 'failed'];
const ACTORS: NonNullable<ChangeMemoryRow['actorType']>[] = ['rule', 'rule', 'user', 'api_key', 'platform', 'ai', 'system'];
const FIELDS: ChangeMemoryRow['field'][] = ['status', 'daily_budget', 'bid', 'name'];

const definition = RuleDefinition.parse({
  scope: { level: 'ad_group', accountIds: [] },
  when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', window: { kind: 'today' }, operator: 'gt', compare: { kind: 'value', value: 1 } }] },
  then: [{ type: 'pause' }],
  limits: { cooldownHours: 30, overrideHours: 12 },
});

/** A small generator of deterministic numbers (the same changes every run). */
function numbers(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function change(next: () => number, i: number, at: Date): ChangeMemoryRow {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const field = pick(FIELDS);
  const onCampaign = next() < 0.3;
  return {
    id: `c${i}`,
    campaignId: onCampaign ? pick(OBJECTS) : 'campaign',
    entityLevel: onCampaign ? 'campaign' : 'ad_group',
    entityId: onCampaign ? null : pick(OBJECTS),
    field,
    before: field === 'status' ? 'active' : String(Math.round(next() * 100)),
    after: field === 'status' ? pick(['paused', 'active']) : String(Math.round(next() * 100)),
    state: pick(STATES),
    actorType: pick(ACTORS),
    actorId: pick(RULES),
    createdAt: at,
    currency: 'USD',
    idempotencyKey: null,
  };
}

describe('memoryOf over the objects a run examines', () => {
  it('remembers of those objects what reading every change remembers, as the tick adds changes', () => {
    const next = numbers(7);
    const seen = { overrides: 0, recent: 0, actions: 0 };
    for (let round = 0; round < 40; round++) {
      const changes = Array.from({ length: 30 }, (_, i) => change(next, i, new Date(NOW.getTime() - Math.floor(next() * 60) * 3_600_000)));
      changes.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const source: MemorySource = { changes, local: new Map() };
      for (const ruleId of RULES) {
        const examined = OBJECTS.filter(() => next() < 0.5);
        const all = memoryOf(source, ruleId, definition, NOW, (_c, m) => m);
        const some = memoryOf(source, ruleId, definition, NOW, (_c, m) => m, examined);
        expect(some.actionsByEntity).toEqual(all.actionsByEntity);
        expect(some.overrideUntil).toEqual(all.overrideUntil);
        expect(some.actionsToday).toBe(all.actionsToday);
        expect(some.moneyMovedTodayMicros).toBe(all.moneyMovedTodayMicros);
        seen.overrides += Object.keys(all.overrideUntil).length;
        seen.recent += Object.keys(all.recentChanges).length;
        seen.actions += all.actionsToday;
        for (const object of examined) expect(some.recentChanges[object] ?? []).toEqual(all.recentChanges[object] ?? []);
        // The tick adds this rule's changes for the next ones (the index follows).
        rememberChanges(source, [change(next, 100 + round, NOW)], `rule:${round}`);
      }
    }
    // The changes made every part of the memory somewhere.
    expect(seen.overrides).toBeGreaterThan(0);
    expect(seen.recent).toBeGreaterThan(0);
    expect(seen.actions).toBeGreaterThan(0);
  });
});
