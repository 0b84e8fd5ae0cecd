import { describe, expect, it } from 'vitest';
import { LAG_FULL_HOURS, maturedFraction, reportedConversions } from './conversion-lag.ts';

describe('conversion lag', () => {
  it('matures monotonically and is complete after three days', () => {
    let previous = 0;
    for (let age = 0; age <= 100; age += 0.5) {
      const f = maturedFraction(age);
      expect(f).toBeGreaterThanOrEqual(previous);
      previous = f;
    }
    expect(maturedFraction(LAG_FULL_HOURS)).toBe(1);
    expect(maturedFraction(1)).toBeLessThan(0.5);
  });

  it('restates an hour upward as it matures, never downward', () => {
    for (let key = 0; key < 200; key++) {
      const eventual = 1 + (key % 9);
      let previous = 0;
      for (const age of [0, 3, 12, 24, 48, 71, 72]) {
        const shown = reportedConversions(eventual, age, 'k', key);
        expect(shown).toBeGreaterThanOrEqual(previous);
        expect(shown).toBeLessThanOrEqual(eventual);
        previous = shown;
      }
      expect(previous).toBe(eventual);
    }
  });
});
