import type { AppContext } from '../../platform/context.ts';
import { publish } from '../../platform/live/publish.ts';

/** Ids named in one hint at most; past that the hint names none (every rule is read again). */
const NAMED = 100;

/**
 * Tells the organisation's open pages that rules moved: created, edited, switched on or off,
 * deleted, or a run of theirs finished. Call it after the transaction commits; it never throws.
 */
export function announceRules(ctx: Pick<AppContext, 'live'>, orgId: string, ruleIds: readonly string[]): Promise<void> {
  return publish(ctx, orgId, { type: 'rule', ruleIds: ruleIds.length > NAMED ? [] : [...ruleIds] });
}
