import { matchesScope, ruleConflict } from '@adloop/engine';
import type { RuleConflict, RuleDefinition } from '@adloop/contracts';
import type { Db } from '@adloop/db';
import { objectsAtLevel, type ScopeObject } from './rules.repository.ts';

export interface RuleForConflict {
  id: string;
  name: string;
  status: string;
  definition: RuleDefinition;
}

const OVERLAP_SHOWN = 20;
const DEPTH = { campaign: 0, ad_group: 1, ad: 2 } as const;

/** Objects of each level, read once per request (several rules compare against the same lists). */
export function objectCache(db: Db, orgId: string): (level: ScopeObject['level']) => Promise<ScopeObject[]> {
  const cache = new Map<string, Promise<ScopeObject[]>>();
  return (level) => {
    let found = cache.get(level);
    if (!found) {
      found = objectsAtLevel(db, orgId, level);
      cache.set(level, found);
    }
    return found;
  };
}

/**
 * The objects two rules' scopes both reach today, at the lower of their levels: an object is reached
 * by a rule of a higher level through its campaign (or its ad set, for ads under an ad-set rule).
 */
async function overlapOf(a: RuleDefinition, b: RuleDefinition, objects: (level: ScopeObject['level']) => Promise<ScopeObject[]>): Promise<ScopeObject[]> {
  const [high, low] = DEPTH[a.scope.level] <= DEPTH[b.scope.level] ? [a, b] : [b, a];
  const lows = (await objects(low.scope.level)).filter((o) => matchesScope(low.scope, o));
  if (high.scope.level === low.scope.level) return lows.filter((o) => matchesScope(high.scope, o));
  const highs = (await objects(high.scope.level)).filter((o) => matchesScope(high.scope, o));
  const reached = new Set(highs.map((o) => (high.scope.level === 'campaign' ? o.id : o.groupKey)));
  return lows.filter((o) => reached.has(high.scope.level === 'campaign' ? o.campaignId : o.groupKey));
}

/**
 * The other rules of the organisation that can act on the same objects as `rule` in the opposite
 * direction (the engine's static check), each with the objects both reach today. Two rules whose
 * scopes share no object today are still listed (they may share one later), with an empty overlap.
 */
export async function conflictsOf(rule: Omit<RuleForConflict, 'status'>, others: readonly RuleForConflict[], objects: (level: ScopeObject['level']) => Promise<ScopeObject[]>): Promise<RuleConflict[]> {
  const found: RuleConflict[] = [];
  for (const other of others) {
    if (other.id === rule.id) continue;
    const conflict = ruleConflict(rule, other);
    if (!conflict) continue;
    const overlap = await overlapOf(rule.definition, other.definition, objects);
    found.push({
      ruleId: other.id,
      ruleName: other.name,
      kind: conflict.kind,
      explanation: overlap.length > 0 ? `${conflict.explanation} Both reach ${overlap.length === 1 ? '1 object' : `${overlap.length} objects`} today.` : conflict.explanation,
      overlap: overlap.slice(0, OVERLAP_SHOWN).map((o) => ({ level: o.level, id: o.id, name: o.name })),
      overlapCount: overlap.length,
    });
  }
  return found;
}
