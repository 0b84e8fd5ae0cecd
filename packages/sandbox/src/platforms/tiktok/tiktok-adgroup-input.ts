import type { Account, Attrs, Campaign } from '../../simulator/world.types.ts';
import { readBudget } from './tiktok-budget.ts';
import { isFailure, type TikTokFailure } from './tiktok-envelope.ts';
import { invalid, missing, oneOf, optionalList, optionalNumber, optionalStringList, optionalText, requiredText, textOr, type TikTokParams } from './tiktok-params.ts';
import { checkText, NAME_MAX } from './tiktok-text.ts';
import { isCbo } from './tiktok-views.ts';
import {
  BID_TYPES, BILLING_EVENTS, BUDGET_MODES, CREATE_STATUSES, OPTIMIZATION_GOALS, PACINGS, parseTiktokTime, PLACEMENT_TYPES, PLACEMENTS, SCHEDULE_TYPES,
  type BudgetMode, type OperationStatus,
} from './tiktok-words.ts';

const DAY_MS = 86_400_000;

/** A validated adgroup/create body. */
export interface AdGroupInput {
  name: string;
  status: OperationStatus;
  budgetMode: BudgetMode;
  /** Major units; undefined under campaign budget optimization or BUDGET_MODE_INFINITE. */
  budget: number | undefined;
  start: number;
  end: number | null;
  attrs: Attrs;
}

function word<T extends string>(p: TikTokParams, field: string, fallback: string, allowed: readonly T[]): T | TikTokFailure {
  const raw = textOr(p, field, fallback);
  return isFailure(raw) ? raw : oneOf(field, raw, allowed);
}

function schedule(p: TikTokParams, now: number): { type: string; start: number; end: number | null } | TikTokFailure {
  const type = word(p, 'schedule_type', 'SCHEDULE_FROM_NOW', SCHEDULE_TYPES);
  if (isFailure(type)) return type;
  const startText = optionalText(p, 'schedule_start_time');
  if (isFailure(startText)) return startText;
  const endText = optionalText(p, 'schedule_end_time');
  if (isFailure(endText)) return endText;
  const start = startText === undefined ? now : parseTiktokTime(startText);
  if (start === null) return invalid('schedule_start_time', 'Must be a datetime "YYYY-MM-DD HH:MM:SS" (UTC+0).');
  if (type === 'SCHEDULE_FROM_NOW') return { type, start, end: null };
  if (endText === undefined) return missing('schedule_end_time');
  const end = parseTiktokTime(endText);
  if (end === null || end <= start) return invalid('schedule_end_time', 'Must be a datetime "YYYY-MM-DD HH:MM:SS" (UTC+0) after schedule_start_time.');
  return { type, start, end };
}

/** Validates adgroup/create: required name and billing_event, enums, placements, schedule and budget rules (CBO ⇒ campaign budget). */
export function readAdGroupInput(p: TikTokParams, account: Account, campaign: Campaign, now: number): AdGroupInput | TikTokFailure {
  const name = requiredText(p, 'adgroup_name');
  if (isFailure(name)) return name;
  const nameProblem = checkText('adgroup_name', name, { max: NAME_MAX });
  if (nameProblem) return nameProblem;
  const billingWord = requiredText(p, 'billing_event');
  if (isFailure(billingWord)) return billingWord;
  const billing = oneOf('billing_event', billingWord, BILLING_EVENTS);
  if (isFailure(billing)) return billing;
  const goal = word(p, 'optimization_goal', 'CLICK', OPTIMIZATION_GOALS);
  if (isFailure(goal)) return goal;
  const placementType = word(p, 'placement_type', 'PLACEMENT_TYPE_AUTOMATIC', PLACEMENT_TYPES);
  if (isFailure(placementType)) return placementType;
  const placements = optionalStringList(p, 'placements');
  if (isFailure(placements)) return placements;
  if (placementType === 'PLACEMENT_TYPE_NORMAL' && (!placements || placements.length === 0)) return missing('placements');
  for (const pl of placements ?? []) { const v = oneOf('placements', pl, PLACEMENTS); if (isFailure(v)) return v; }
  const bidType = word(p, 'bid_type', 'BID_TYPE_NO_BID', BID_TYPES);
  if (isFailure(bidType)) return bidType;
  const bidPrice = optionalNumber(p, 'bid_price');
  if (isFailure(bidPrice)) return bidPrice;
  if (bidType === 'BID_TYPE_CUSTOM' && bidPrice === undefined) return missing('bid_price');
  const pacing = word(p, 'pacing', 'PACING_MODE_SMOOTH', PACINGS);
  if (isFailure(pacing)) return pacing;
  const status = word(p, 'operation_status', 'ENABLE', CREATE_STATUSES);
  if (isFailure(status)) return status;
  const dayparting = optionalText(p, 'dayparting');
  if (isFailure(dayparting)) return dayparting;
  if (dayparting !== undefined && !/^[01]{336}$/.test(dayparting)) return invalid('dayparting', 'Must be a string of 336 characters, each 0 or 1 (48 half-hours × 7 days).');
  const locations = optionalStringList(p, 'location_ids');
  if (isFailure(locations)) return locations;
  const ages = optionalList(p, 'age_groups');
  if (isFailure(ages)) return ages;
  const when = schedule(p, now);
  if (isFailure(when)) return when;
  const cbo = isCbo(campaign);
  const mode = cbo ? 'BUDGET_MODE_INFINITE' : word(p, 'budget_mode', '', BUDGET_MODES);
  if (isFailure(mode)) return p.budget_mode === undefined ? missing('budget_mode') : mode;
  if (mode === 'BUDGET_MODE_TOTAL' && when.end === null) return invalid('budget_mode', 'BUDGET_MODE_TOTAL needs schedule_type SCHEDULE_START_END.');
  const days = when.end === null ? 1 : Math.ceil((when.end - when.start) / DAY_MS);
  const budget = cbo ? undefined : readBudget(p, account, 'adGroup', mode, days);
  if (isFailure(budget)) return budget;
  const attrs: Attrs = {
    billing_event: billing, optimization_goal: goal, placement_type: placementType, placements: placements ?? [], bid_type: bidType,
    bid_price: bidPrice ?? 0, pacing, location_ids: locations ?? ['6252001'], age_groups: (ages ?? []).map(String), budget_mode: mode,
    budget: budget ?? 0, schedule_type: when.type, schedule_start_time: new Date(when.start).toISOString().slice(0, 19).replace('T', ' '),
    schedule_end_time: when.end === null ? null : new Date(when.end).toISOString().slice(0, 19).replace('T', ' '), promotion_type: 'WEBSITE',
  };
  if (dayparting !== undefined) attrs.dayparting = dayparting;
  return { name, status, budgetMode: mode, budget, start: when.start, end: when.end, attrs };
}
