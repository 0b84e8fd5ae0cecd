import { describe, expect, it } from 'vitest';
import { detectOscillation } from './oscillation.ts';
import type { PastAction } from './types.ts';

const now = new Date('2026-06-10T12:00:00Z');
const change = (at: string, direction: string, over: Partial<PastAction> = {}): PastAction => ({ at, field: 'status', direction, actorType: 'rule', actorId: 'r1', ...over });

describe('rules undoing each other', () => {
  it('finds a change by a rule undone by a rule within the window', () => {
    const text = detectOscillation([change('2026-06-09T12:00:00Z', 'pause'), change('2026-06-10T06:00:00Z', 'enable', { actorId: 'r2' })], now, 48);
    expect(text).toMatch(/^Rules paused and then enabled the status within 18 hours/);
    expect(detectOscillation([change('2026-06-10T01:00:00Z', 'raise', { field: 'daily_budget' }), change('2026-06-10T02:00:00Z', 'lower', { field: 'daily_budget' })], now, 48)).toMatch(
      /raised and then lowered the daily budget/,
    );
  });

  it('leaves alone changes outside the window, a person in between, other fields, the same direction, and a planned return', () => {
    expect(detectOscillation([change('2026-06-08T06:00:00Z', 'pause'), change('2026-06-10T06:00:00Z', 'enable')], now, 48)).toBeNull();
    expect(detectOscillation([change('2026-06-10T01:00:00Z', 'pause'), change('2026-06-10T02:00:00Z', 'enable', { actorType: 'user' }), change('2026-06-10T03:00:00Z', 'pause')], now, 48)).toBeNull();
    expect(detectOscillation([change('2026-06-10T01:00:00Z', 'pause'), change('2026-06-10T02:00:00Z', 'raise', { field: 'daily_budget' })], now, 48)).toBeNull();
    expect(detectOscillation([change('2026-06-10T01:00:00Z', 'raise', { field: 'bid' }), change('2026-06-10T02:00:00Z', 'raise', { field: 'bid' })], now, 48)).toBeNull();
    expect(detectOscillation([change('2026-06-10T01:00:00Z', 'pause'), change('2026-06-10T02:00:00Z', 'enable', { resumes: true }), change('2026-06-10T03:00:00Z', 'pause')], now, 48)).toBeNull();
    expect(detectOscillation([], now, 48)).toBeNull();
  });
});
