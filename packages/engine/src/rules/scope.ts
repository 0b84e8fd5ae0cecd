import type { RuleScope } from '@adloop/contracts';
import type { EntityFacts } from './types.ts';

/** What a scope looks at on an object. */
export type ScopeSubject = Pick<EntityFacts, 'level' | 'id' | 'platform' | 'adAccountId' | 'name' | 'status' | 'objective' | 'labels' | 'createdAt'>;

const contains = (name: string, part: string): boolean => name.toLocaleLowerCase().includes(part.toLocaleLowerCase());

/**
 * Whether `e` is in `scope`: its level, platforms and accounts (empty: all), then either the fixed
 * list of objects or the filters (name contains / does not contain, ignoring case; status; objective;
 * any of the labels; created on or after / on or before, by the UTC date of its first sighting).
 */
export function matchesScope(scope: RuleScope, e: ScopeSubject): boolean {
  if (scope.level !== e.level) return false;
  if (scope.platforms.length > 0 && !scope.platforms.includes(e.platform)) return false;
  if (scope.accountIds.length > 0 && !scope.accountIds.includes(e.adAccountId)) return false;
  if (scope.entityIds) return scope.entityIds.includes(e.id);
  if (scope.nameContains && !contains(e.name, scope.nameContains)) return false;
  if (scope.nameNotContains && contains(e.name, scope.nameNotContains)) return false;
  if (scope.statuses.length > 0 && !scope.statuses.includes(e.status)) return false;
  if (scope.objectives && scope.objectives.length > 0 && (e.objective === null || !scope.objectives.includes(e.objective))) return false;
  if (scope.labels && scope.labels.length > 0 && !scope.labels.some((label) => e.labels.includes(label))) return false;
  if (scope.createdAfter || scope.createdBefore) {
    const created = e.createdAt?.slice(0, 10);
    if (!created) return false;
    if (scope.createdAfter && created < scope.createdAfter) return false;
    if (scope.createdBefore && created > scope.createdBefore) return false;
  }
  return true;
}
