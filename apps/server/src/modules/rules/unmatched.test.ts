import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { packable, packUnmatched, unpackUnmatched } from './unmatched.ts';
import type { RunEntityRecord } from './runner.ts';

const RUN = randomUUID();
const RULE = randomUUID();
const ORG = randomUUID();
const ACCOUNTS = [randomUUID(), randomUUID()];
const AT = new Date('2026-11-18T14:20:00Z');

const verdict = (path: string, value: number | string | null, against: string, held: boolean) => ({ path, metric: 'cpa', window: 'last 3 days', value, against, held });

function record(i: number, overrides: Partial<RunEntityRecord> = {}): RunEntityRecord {
  return {
    runId: RUN,
    ruleId: RULE,
    entityLevel: 'ad',
    entityId: randomUUID(),
    entityName: `Ad #${i} “quoted” \\ name`,
    platform: i % 2 ? 'meta' : 'tiktok',
    adAccountId: ACCOUNTS[i % 2]!,
    outcome: 'no_match',
    skipReason: null,
    explanation: i % 3 ? 'Conditions not met: CPA over last 3 days not above 200.' : 'Conditions not met.',
    values: i % 4 === 0 ? { 'cpa(last 3 days)': 12.5 + i, 'spend(last 3 days)': null } : { 'cpa(last 3 days)': 'n/a' },
    conditions: [verdict('0', i % 5 ? 12.5 * i : null, i % 2 ? 'above 200' : `3× the parent’s average (${i})`, false), verdict('1', 'text', 'above 100', i % 2 === 0)],
    actions: [],
    changeIds: [],
    createdAt: AT,
    ...overrides,
  };
}

describe('unmatched objects packed per run', () => {
  it('read back exactly as written: ids, names, accounts, explanations, values and verdicts', () => {
    const records = Array.from({ length: 40 }, (_, i) => record(i));
    expect(records.every(packable)).toBe(true);
    const packed = JSON.parse(JSON.stringify(packUnmatched(records)));
    const read = unpackUnmatched({ runId: RUN, orgId: ORG, ruleId: RULE, entityLevel: 'ad', objects: packed, createdAt: AT });
    expect(read).toEqual(records.map((r) => ({ ...r, orgId: ORG })));
    // Repeated strings are stored once.
    expect(packed.s.filter((s: string) => s === ACCOUNTS[0]).length).toBe(1);
    expect(packed.s.filter((s: string) => s === 'Conditions not met.').length).toBe(1);
  });

  it('keeps as rows what it cannot pack: other outcomes, actions or changes, reasons, values or verdicts of other shapes', () => {
    expect(packable(record(1, { outcome: 'skipped', skipReason: 'cooldown' }))).toBe(false);
    expect(packable(record(1, { outcome: 'acted' }))).toBe(false);
    expect(packable(record(1, { actions: ['pause'] }))).toBe(false);
    expect(packable(record(1, { changeIds: [randomUUID()] }))).toBe(false);
    expect(packable(record(1, { skipReason: 'limit' }))).toBe(false);
    expect(packable(record(1, { values: { spend: { nested: 1 } } }))).toBe(false);
    expect(packable(record(1, { values: [1, 2] }))).toBe(false);
    expect(packable(record(1, { conditions: [{ ...verdict('0', 1, 'above 1', true), extra: 1 }] }))).toBe(false);
    expect(packable(record(1, { conditions: [{ path: '0', metric: 'cpa', window: 'today', value: 1, against: 'above 1', held: 'yes' }] }))).toBe(false);
    expect(packable(record(1, { conditions: {} }))).toBe(false);
    expect(packable(record(1, { conditions: [] }))).toBe(true);
  });

  it('reads an empty or unknown packing as no objects', () => {
    expect(unpackUnmatched({ runId: RUN, orgId: ORG, ruleId: RULE, entityLevel: 'ad', objects: packUnmatched([]), createdAt: AT })).toEqual([]);
    expect(unpackUnmatched({ runId: RUN, orgId: ORG, ruleId: RULE, entityLevel: 'ad', objects: { v: 2 }, createdAt: AT })).toEqual([]);
  });
});
