import { describe, expect, it } from 'vitest';
import { changesPerDay } from './changes-per-day.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('changes per day', () => {
  const now = Date.UTC(2026, 5, 10, 12);
  const today = (n: number) => Array.from({ length: n }, (_, i) => now - i * 60_000);

  it('allows the tenth change of the day and refuses the eleventh, counting today only', () => {
    expect(changesPerDay(guardrailInput({ now, history: today(9) }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true);
    const refused = changesPerDay(guardrailInput({ now, history: [...today(10), now - 86_400_000] }), DEFAULT_GUARDRAIL_SETTINGS);
    expect(refused).toMatchObject({ passed: false, severity: 'soft', numbers: { changesToday: 10, max: 10 } });
    expect(refused.message).toBe('This campaign was already changed 10 times today; the limit is 10 a day');
  });
  it('starts again at midnight UTC', () => {
    const yesterday = Array.from({ length: 20 }, (_, i) => Date.UTC(2026, 5, 9, 23, i));
    expect(changesPerDay(guardrailInput({ now, history: yesterday }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true);
  });
});
