import { describe, expect, it } from 'vitest';
import { objectiveLabel, plural } from './labels.ts';

describe('labels', () => {
  it('names platform objectives as the platforms’ own interfaces do', () => {
    expect(objectiveLabel('OUTCOME_TRAFFIC')).toBe('Traffic');
    expect(objectiveLabel('OUTCOME_APP_PROMOTION')).toBe('App promotion');
    expect(objectiveLabel('VIDEO_VIEWS')).toBe('Video views');
    expect(objectiveLabel('PERFORMANCE_MAX')).toBe('Performance Max');
  });

  it('writes unknown codes in sentence case, never as codes or prototype members', () => {
    expect(objectiveLabel('OUTCOME_SOMETHING_NEW')).toBe('Something new');
    expect(objectiveLabel('constructor')).toBe('Constructor');
    expect(objectiveLabel('toString')).toBe('Tostring');
  });

  it('counts in proper plurals', () => {
    expect(plural(1, 'minute')).toBe('1 minute');
    expect(plural(15, 'minute')).toBe('15 minutes');
    expect(plural(0, 'campaign')).toBe('0 campaigns');
    expect(plural(2, 'campaign has', 'campaigns have')).toBe('2 campaigns have');
  });
});
