import { describe, expect, it } from 'vitest';
import { planPacingWarnings } from './pacing-warnings.ts';

describe('pacing warnings that resolve', () => {
  it('warns off plan, resolves open warnings back within the tighter band, keeps them between the two', () => {
    const plan = planPacingWarnings(
      ['campaign:a:2026-12', 'campaign:b:2026-12', 'campaign:c:2026-12'],
      [
        { key: 'campaign:a:2026-12', status: 'over', gapShare: 0.3 },
        { key: 'campaign:b:2026-12', status: 'on_track', gapShare: 0.02 },
        { key: 'campaign:c:2026-12', status: 'on_track', gapShare: 0.08 },
        { key: 'campaign:d:2026-12', status: 'under', gapShare: 0.4 },
        { key: 'campaign:e:2026-12', status: 'on_track', gapShare: 0 },
      ],
      0.05,
    );
    expect(plan.warn).toEqual(['campaign:a:2026-12', 'campaign:d:2026-12']);
    expect(plan.backOnPlan).toEqual(['campaign:b:2026-12']);
    expect(plan.closed).toEqual([]);
  });

  it('closes warnings of last month and of campaigns no longer paced, without saying they are back on plan', () => {
    const plan = planPacingWarnings(['account:x:2026-11', 'campaign:p:2026-12'], [{ key: 'account:x:2026-12', status: 'on_track', gapShare: 0 }], 0.05);
    expect(plan).toEqual({ warn: [], backOnPlan: [], closed: ['account:x:2026-11', 'campaign:p:2026-12'] });
  });

  it('an exhausted plan never counts as back on plan', () => {
    const plan = planPacingWarnings(['account:x:2026-12'], [{ key: 'account:x:2026-12', status: 'exhausted', gapShare: 0 }], 0.05);
    expect(plan).toEqual({ warn: ['account:x:2026-12'], backOnPlan: [], closed: [] });
  });
});
