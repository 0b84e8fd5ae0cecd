import { describe, expect, it } from 'vitest';
import { killSwitch } from './kill-switch.ts';
import { DEFAULT_GUARDRAIL_SETTINGS } from './types.ts';
import { guardrailInput } from './fixtures.test-helpers.ts';

describe('kill switch', () => {
  it('stops rules and the AI while on, hard', () => {
    for (const actorType of ['rule', 'ai'] as const) {
      expect(killSwitch(guardrailInput({ actorType, automationStopped: true }), DEFAULT_GUARDRAIL_SETTINGS)).toMatchObject({ passed: false, severity: 'hard' });
      expect(killSwitch(guardrailInput({ actorType, automationStopped: false }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true);
    }
  });
  it('never stops people or their API keys', () => {
    for (const actorType of ['user', 'api_key'] as const) expect(killSwitch(guardrailInput({ actorType, automationStopped: true }), DEFAULT_GUARDRAIL_SETTINGS).passed).toBe(true);
  });
});
