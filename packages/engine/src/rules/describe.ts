import type { RuleDefinition, RuleModeValue } from '@adloop/contracts';

export function describeRule(_def: RuleDefinition, _mode: RuleModeValue, _opts?: { currency?: string }): string {
  return '';
}
