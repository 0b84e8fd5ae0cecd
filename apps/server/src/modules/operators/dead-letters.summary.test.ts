import { describe, expect, it } from 'vitest';
import { errorOf, failureRate, summarisePayload } from './dead-letters.summary.ts';

describe('dead letter summaries', () => {
  it('shows top-level keys with short values and only the shape of nested ones', () => {
    expect(summarisePayload({ orgId: 'o-1', items: [1, 2, 3], options: { a: 1 } })).toBe('orgId=o-1, items=[3 items], options={1 fields}');
  });
  it('cuts long values and long summaries', () => {
    expect(summarisePayload({ token: 'x'.repeat(100) })).toBe(`token=${'x'.repeat(39)}…`);
    expect(summarisePayload(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key${i}`, 'value'])) ).length).toBe(300);
  });
  it('reads the error message pg-boss stored', () => {
    expect(errorOf({ name: 'Error', message: 'platform down' })).toBe('platform down');
    expect(errorOf(null)).toBe('');
  });
  it('computes the failure rate of finished jobs', () => {
    expect(failureRate(1, 3)).toBe(0.25);
    expect(failureRate(0, 0)).toBeNull();
  });
});
