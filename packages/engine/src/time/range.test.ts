import { describe, expect, it } from 'vitest';
import { MAX_RANGE_DAYS, rangeProblem } from './range.ts';

describe('range limits', () => {
  it('takes a range of up to a leap year and a day', () => {
    expect(MAX_RANGE_DAYS).toBe(366);
    expect(rangeProblem({ since: '2028-01-01', until: '2028-12-31' })).toBeNull();
    expect(rangeProblem({ since: '2026-05-05', until: '2026-05-05' })).toBeNull();
    expect(rangeProblem({ since: '2026-01-01', until: '2027-01-02' })).toEqual({ field: 'since', reason: 'too_long' });
  });

  it('names the end to fix', () => {
    expect(rangeProblem({ since: '2026-02-30', until: '2026-03-01' })).toEqual({ field: 'since', reason: 'not_a_day' });
    expect(rangeProblem({ since: '2026-03-01', until: 'tomorrow' })).toEqual({ field: 'until', reason: 'not_a_day' });
    expect(rangeProblem({ since: '2026-03-02', until: '2026-03-01' })).toEqual({ field: 'since', reason: 'reversed' });
    expect(rangeProblem({ since: '2026-03-01', until: '2026-03-10' }, 7)).toEqual({ field: 'since', reason: 'too_long' });
  });
});
