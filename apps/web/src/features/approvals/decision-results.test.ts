import { describe, expect, it } from 'vitest';
import { toDecisionResults } from './decision-results.ts';

const a = '00000000-0000-4000-8000-00000000000a';
const b = '00000000-0000-4000-8000-00000000000b';

describe('decision results', () => {
  it('reads one result per proposal, refusals with the server’s words, in the order asked', () => {
    const body = { results: [{ changeId: b, ok: false, error: { code: 'stale_proposal', message: 'The budget moved to $12.00' } }, { changeId: a, ok: true }] };
    expect(toDecisionResults(body, [a, b], 'approved')).toEqual([
      { changeId: a, ok: true },
      { changeId: b, ok: false, message: 'The budget moved to $12.00', code: 'stale_proposal' },
    ]);
  });

  it('reads decided changes, and a proposal still waiting is not decided', () => {
    const body = { items: [{ id: a, state: 'pending' }, { id: b, state: 'proposed' }] };
    expect(toDecisionResults(body, [a, b], 'approved').map((r) => r.ok)).toEqual([true, false]);
  });

  it('keeps a guardrail refusal’s details, without the hint meant for scripts', () => {
    const details = { guardrails: [{ id: 'budget_jump', soft: true, message: 'From $10.00 to $80.00 is more than 5×' }] };
    const body = { results: [{ changeId: a, ok: false, change: null, error: { code: 'guardrail_refused', message: "From $10.00 to $80.00 is more than 5× (send again with confirm: ['budget_jump'] to go ahead)", details } }] };
    expect(toDecisionResults(body, [a], 'approved')).toEqual([{ changeId: a, ok: false, code: 'guardrail_refused', message: 'From $10.00 to $80.00 is more than 5×', details }]);
  });

  it('never leaves an asked proposal without an answer', () => {
    const [only] = toDecisionResults({ results: [] }, [a], 'rejected');
    expect(only).toMatchObject({ changeId: a, ok: false });
    expect(only?.message).toMatch(/did not say/);
    expect(toDecisionResults(null, [a], 'approved')).toHaveLength(1);
  });
});
