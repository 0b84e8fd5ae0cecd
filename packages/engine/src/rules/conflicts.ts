import type { RuleAction, RuleDefinition, RuleScope } from '@adloop/contracts';

/** A rule as conflict detection sees it. */
export interface RuleRef {
  id: string;
  name: string;
  definition: RuleDefinition;
}

/** Lists that may share a member; an empty list means "all". */
const mayShare = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean => !a || !b || a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));

/** Whether some object could be in both scopes (levels the same, or a campaign and its ad groups), as far as the filters alone tell. */
export function scopesMayOverlap(a: RuleScope, b: RuleScope): boolean {
  const levels = new Set([a.level, b.level]);
  if (levels.size > 1 && !(levels.has('campaign') && levels.has('ad_group'))) return false;
  if (!mayShare(a.platforms, b.platforms) || !mayShare(a.accountIds, b.accountIds)) return false;
  if (a.level === b.level && a.entityIds && b.entityIds && !mayShare(a.entityIds, b.entityIds)) return false;
  if (a.level === b.level) {
    if (a.objectives && b.objectives && a.objectives.length > 0 && b.objectives.length > 0 && !mayShare(a.objectives, b.objectives)) return false;
    const lower = (s: string | undefined) => s?.toLocaleLowerCase();
    const [aIn, bIn, aOut, bOut] = [lower(a.nameContains), lower(b.nameContains), lower(a.nameNotContains), lower(b.nameNotContains)];
    if ((aIn && bOut && aIn.includes(bOut)) || (bIn && aOut && bIn.includes(aOut))) return false;
    const after = [a.createdAfter, b.createdAfter].filter((d): d is string => !!d).sort().at(-1);
    const before = [a.createdBefore, b.createdBefore].filter((d): d is string => !!d).sort()[0];
    if (after && before && after > before) return false;
  }
  return true;
}

type Push = 'pause' | 'enable' | 'raise' | 'lower' | 'set';
const WORDS: Record<Push, string> = { pause: 'pauses', enable: 'enables', raise: 'raises', lower: 'lowers', set: 'sets' };

/** Which way each action pushes status, budget and bid. */
function pushes(then: readonly RuleAction[]): { status: Push[]; budget: Push[]; bid: Push[]; setBudget: number[]; setBid: number[] } {
  const out = { status: [] as Push[], budget: [] as Push[], bid: [] as Push[], setBudget: [] as number[], setBid: [] as number[] };
  for (const a of then) {
    if (a.type === 'pause' || a.type === 'pause_until') out.status.push('pause');
    else if (a.type === 'enable') out.status.push('enable');
    else if (a.type === 'change_budget') out.budget.push(a.direction);
    else if (a.type === 'set_budget') {
      out.budget.push('set');
      out.setBudget.push(a.amount);
    }
    else if (a.type === 'change_bid') out.bid.push(a.direction);
    else if (a.type === 'set_bid') {
      out.bid.push('set');
      out.setBid.push(a.amount);
    }
  }
  return out;
}

/** Two pushes on one field that can undo each other: opposite directions, a set against any change, or two sets to different amounts. */
function fight(a: Push[], b: Push[], aSets: number[], bSets: number[]): [Push, Push] | null {
  for (const x of a)
    for (const y of b) {
      if ((x === 'pause' && y === 'enable') || (x === 'enable' && y === 'pause') || (x === 'raise' && y === 'lower') || (x === 'lower' && y === 'raise')) return [x, y];
      if ((x === 'set') !== (y === 'set')) return [x, y];
      if (x === 'set' && y === 'set' && aSets.some((v) => bSets.some((w) => w !== v))) return [x, y];
    }
  return null;
}

/**
 * Whether two rules can act on the same object in opposite directions (pause vs enable, raise vs lower,
 * a set amount against a change), judged from their definitions alone: their scopes may overlap
 * (same level, or a campaign and its ad groups) and their actions push opposite ways. The server adds
 * which objects both reach today.
 */
export function ruleConflict(a: RuleRef, b: RuleRef): { kind: string; explanation: string } | null {
  if (a.id === b.id || !scopesMayOverlap(a.definition.scope, b.definition.scope)) return null;
  const pa = pushes(a.definition.then);
  const pb = pushes(b.definition.then);
  const nested = a.definition.scope.level !== b.definition.scope.level;
  const found: { field: string; pair: [Push, Push] }[] = [];
  const status = fight(pa.status, pb.status, [], []);
  if (status) found.push({ field: 'status', pair: status });
  if (!nested) {
    const budget = fight(pa.budget, pb.budget, pa.setBudget, pb.setBudget);
    if (budget) found.push({ field: 'budget', pair: budget });
    const bid = fight(pa.bid, pb.bid, pa.setBid, pb.setBid);
    if (bid) found.push({ field: 'bid', pair: bid });
  }
  const first = found[0];
  if (!first) return null;
  const [x, y] = first.pair;
  const field = first.field === 'status' ? '' : ` ${first.field}`;
  const kind = `${x}${field} vs ${y}${field}`;
  const reach = nested
    ? 'one acts on campaigns and the other on their ad groups, so a paused campaign can hold back ad groups the other rule enables'
    : 'both can reach the same objects';
  const explanation =
    `“${a.name}” ${WORDS[x]} and “${b.name}” ${WORDS[y]} the${field || ' status'}, and ${reach}: ` +
    'they can undo each other. Adloop stops a rule that flips an object back within its oscillation window.';
  return { kind, explanation };
}
