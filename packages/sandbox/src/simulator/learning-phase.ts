import type { MetricsEngine } from './metrics-engine.ts';
import { DAY_MS } from './sim-clock.ts';
import { currentValue } from './timeline.ts';
import { localDayAt } from './time-zone.ts';
import type { AdGroup, PlatformWorld } from './world.types.ts';

/** Days a new or significantly edited ad set learns at most, and the conversions that end it sooner. */
export const LEARNING_DAYS = 7;
export const LEARNING_CONVERSIONS = 50;
/** A budget change larger than this share of the budget restarts learning. */
export const SIGNIFICANT_BUDGET_CHANGE = 0.2;

export interface LearningStage {
  status: 'LEARNING' | 'SUCCESS';
  /** Conversions since learning (re)started. */
  conversions: number;
  /** When learning last (re)started: creation or the last significant budget edit (ms). */
  lastSignificantEdit: number;
}

/** The last instant up to `now` at which the budget moved by more than the significant share. */
function lastSignificantBudgetEdit(world: PlatformWorld, budgetId: string | null, now: number): number | null {
  const points = budgetId ? world.budgets.get(budgetId)?.amountMicros.points ?? [] : [];
  let last: number | null = null;
  for (let i = 1; i < points.length; i++) {
    const prev = points[i - 1];
    const point = points[i];
    if (!prev || !point || point.at > now) break;
    const base = Math.max(prev.value, 1);
    if (Math.abs(point.value - prev.value) / base > SIGNIFICANT_BUDGET_CHANGE) last = point.at;
  }
  return last;
}

/**
 * The learning stage of a delivering ad set / ad group: LEARNING within `LEARNING_DAYS` of its creation
 * or of the last significant change of its budget (its own or the campaign's), until it has
 * `LEARNING_CONVERSIONS` conversions since; null when it is not delivering (platforms report it only then).
 */
export function learningStage(world: PlatformWorld, engine: MetricsEngine, group: AdGroup, now: number): LearningStage | null {
  if (currentValue(group.status) !== 'ENABLED') return null;
  const campaign = world.campaigns.get(group.campaignId);
  const edits = [group.createdAt, lastSignificantBudgetEdit(world, group.budgetId, now), lastSignificantBudgetEdit(world, campaign?.budgetId ?? null, now)];
  const start = Math.max(...edits.filter((t): t is number => t !== null));
  if (now - start >= LEARNING_DAYS * DAY_MS) return { status: 'SUCCESS', conversions: 0, lastSignificantEdit: start };
  const account = world.accounts.get(group.accountId);
  const zone = account?.timeZone ?? 'UTC';
  const rows = engine.report({
    platform: world.platform, accountId: group.accountId, since: localDayAt(zone, start), until: localDayAt(zone, now), level: 'adGroup', grain: 'total',
    campaignIds: new Set([group.campaignId]), adGroupIds: new Set([group.id]),
  });
  const conversions = Math.floor(rows.reduce((sum, r) => sum + r.metrics.conversions, 0));
  return { status: conversions >= LEARNING_CONVERSIONS ? 'SUCCESS' : 'LEARNING', conversions, lastSignificantEdit: start };
}
