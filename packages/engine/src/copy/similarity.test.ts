import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNearDuplicate, levenshtein, levenshteinWithin, NEAR_DUPLICATE, similarity } from './similarity.ts';

describe('near-duplicate detection', () => {
  it('computes the banded edit distance exactly when it is within the bound', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 24 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 24 }), fc.nat(12), (a, b, max) => {
        const full = levenshtein(a, b);
        expect(levenshteinWithin([...a], [...b], max)).toBe(full <= max ? full : max + 1);
      }),
      { numRuns: 2_000 },
    );
  });

  it('agrees with similarity() on every pair', () => {
    const words = fc.constantFrom('green', 'tea', 'teas', 'matcha', 'online', 'from', 'kyoto', 'shop', 'gift', 'sets');
    const text = fc.array(words, { maxLength: 6 }).map((w) => w.join(' '));
    fc.assert(fc.property(text, text, (a, b) => {
      expect(isNearDuplicate(a, b)).toBe(similarity(a, b) >= NEAR_DUPLICATE);
    }), { numRuns: 2_000 });
  });
});
