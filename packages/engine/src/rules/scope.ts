import type { RuleScope } from '@adloop/contracts';
import type { EntityFacts } from './types.ts';

export type ScopeSubject = Pick<EntityFacts, 'level' | 'id' | 'platform' | 'adAccountId' | 'name' | 'status' | 'objective' | 'labels' | 'createdAt'>;

export function matchesScope(scope: RuleScope, e: ScopeSubject): boolean {
  return scope.level === e.level;
}
