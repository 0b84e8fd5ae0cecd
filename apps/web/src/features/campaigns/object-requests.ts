import type { EntityStatus } from '../../lib/types.ts';
import type { EntityLevel } from './object-offer.ts';

/**
 * A change of a campaign, ad group / ad set or ad as POST /campaign-changes takes it with a
 * `target` (the object's Adloop id and level) and what the person saw as `expected`
 * (compare-and-set, as for pause and budget).
 */
export interface ObjectChange {
  target: { level: EntityLevel; id: string };
  action: ObjectAction;
  name?: string;
  amountMicros?: number;
  /** A ratio: 3.5 is a target ROAS of 350 %. */
  targetRoas?: number;
  expected: {
    status?: EntityStatus;
    name?: string;
    dailyBudgetMicros?: number | null;
    lifetimeBudgetMicros?: number | null;
    bidMicros?: number | null;
    targetRoas?: number | null;
  };
}

export type ObjectAction = 'pause' | 'enable' | 'rename' | 'set_daily_budget' | 'set_lifetime_budget' | 'set_bid' | 'set_target_roas' | 'archive' | 'remove' | 'duplicate';

interface Seen {
  id: string;
  status: EntityStatus;
  name: string;
}

export function renameChange(level: EntityLevel, seen: Seen, name: string): ObjectChange {
  return { target: { level, id: seen.id }, action: 'rename', name: name.trim(), expected: { name: seen.name } };
}

export function objectStatusChange(level: EntityLevel, seen: Seen, action: 'pause' | 'enable'): ObjectChange {
  return { target: { level, id: seen.id }, action, expected: { status: seen.status } };
}

export function endChange(seen: Seen, action: 'archive' | 'remove'): ObjectChange {
  return { target: { level: 'campaign', id: seen.id }, action, expected: { status: seen.status } };
}

/** A copy of the campaign under a new name; it starts paused (the server creates it so). */
export function duplicateChange(seen: Seen, name: string): ObjectChange {
  return { target: { level: 'campaign', id: seen.id }, action: 'duplicate', name: name.trim(), expected: { name: seen.name } };
}

export function bidChange(level: EntityLevel, id: string, amountMicros: number, before: number | null): ObjectChange {
  return { target: { level, id }, action: 'set_bid', amountMicros, expected: { bidMicros: before } };
}

export function targetRoasChange(id: string, targetRoas: number, before: number | null): ObjectChange {
  return { target: { level: 'campaign', id }, action: 'set_target_roas', targetRoas, expected: { targetRoas: before } };
}

export function adGroupBudgetChange(id: string, amountMicros: number, before: number | null): ObjectChange {
  return { target: { level: 'ad_group', id }, action: 'set_daily_budget', amountMicros, expected: { dailyBudgetMicros: before } };
}

/** "3.5" or "350 %" → 3.5; the person may type the ratio or the percentage. */
export function parseTargetRoas(input: string): { ok: true; value: number } | { ok: false; error: string } {
  const trimmed = input.trim().replace(',', '.');
  const isPercent = trimmed.endsWith('%');
  const number = Number(trimmed.replace('%', '').trim());
  if (trimmed === '' || !Number.isFinite(number)) return { ok: false, error: 'Enter a target ROAS like 3.5 (350 %).' };
  const value = isPercent ? number / 100 : number;
  if (value <= 0) return { ok: false, error: 'The target ROAS must be above 0.' };
  if (value > 1000) return { ok: false, error: 'The target ROAS is at most 1000 (100,000 %).' };
  return { ok: true, value: Math.round(value * 10_000) / 10_000 };
}

/** A target ROAS in words: 3.5 → "3.5 (350 %)". */
export function roasWords(value: number | null): string {
  if (value === null) return 'not set';
  return `${value} (${Math.round(value * 100)} %)`;
}
