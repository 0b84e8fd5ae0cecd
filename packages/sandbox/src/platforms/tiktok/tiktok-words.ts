import { currentValue, type Timeline } from '../../simulator/timeline.ts';
import type { EntityStatus } from '../../simulator/world.types.ts';

/** `operation_status` words; DELETE is terminal. */
export type OperationStatus = 'ENABLE' | 'DISABLE' | 'DELETE';
export const OPERATION_STATUSES: readonly OperationStatus[] = ['ENABLE', 'DISABLE', 'DELETE'];

const TO_WORD: Record<EntityStatus, OperationStatus> = { ENABLED: 'ENABLE', PAUSED: 'DISABLE', REMOVED: 'DELETE', ARCHIVED: 'DISABLE' };
/** Statuses an object may be created with (TikTok allowlists this; the sandbox accepts it for everyone). */
export const CREATE_STATUSES: readonly OperationStatus[] = ['ENABLE', 'DISABLE'];
export const FROM_WORD: Record<OperationStatus, EntityStatus> = { ENABLE: 'ENABLED', DISABLE: 'PAUSED', DELETE: 'REMOVED' };

export function operationStatus(status: Timeline<EntityStatus>): OperationStatus {
  return TO_WORD[currentValue(status)];
}

export const OBJECTIVE_TYPES = [
  'REACH', 'TRAFFIC', 'VIDEO_VIEWS', 'ENGAGEMENT', 'APP_PROMOTION', 'LEAD_GENERATION', 'WEB_CONVERSIONS', 'PRODUCT_SALES', 'RF_REACH',
] as const;
export const BUDGET_MODES = ['BUDGET_MODE_INFINITE', 'BUDGET_MODE_DAY', 'BUDGET_MODE_TOTAL', 'BUDGET_MODE_DYNAMIC_DAILY_BUDGET'] as const;
export type BudgetMode = (typeof BUDGET_MODES)[number];
export const SPECIAL_INDUSTRIES = ['HOUSING', 'EMPLOYMENT', 'CREDIT'] as const;
export const CAMPAIGN_TYPES = ['REGULAR_CAMPAIGN', 'IOS14_CAMPAIGN'] as const;
export const BILLING_EVENTS = ['CPC', 'CPM', 'CPV', 'OCPM'] as const;
export const OPTIMIZATION_GOALS = [
  'CLICK', 'CONVERT', 'REACH', 'SHOW', 'VALUE', 'LEAD_GENERATION', 'INSTALL', 'IN_APP_EVENT', 'VIDEO_VIEW', 'ENGAGED_VIEW', 'FOLLOWERS', 'PROFILE_VIEWS',
] as const;
export const PLACEMENT_TYPES = ['PLACEMENT_TYPE_AUTOMATIC', 'PLACEMENT_TYPE_NORMAL'] as const;
export const PLACEMENTS = ['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'] as const;
export const SCHEDULE_TYPES = ['SCHEDULE_FROM_NOW', 'SCHEDULE_START_END'] as const;
export const BID_TYPES = ['BID_TYPE_NO_BID', 'BID_TYPE_CUSTOM', 'BID_TYPE_MAX_CONVERSION'] as const;
export const PACINGS = ['PACING_MODE_SMOOTH', 'PACING_MODE_FAST'] as const;
export const IDENTITY_TYPES = ['CUSTOMIZED_USER', 'TT_USER', 'BC_AUTH_TT'] as const;
export const AD_FORMATS = ['SINGLE_VIDEO', 'SINGLE_IMAGE', 'CAROUSEL'] as const;
export const CALLS_TO_ACTION = [
  'LEARN_MORE', 'SHOP_NOW', 'SIGN_UP', 'CONTACT_US', 'DOWNLOAD', 'BOOK_NOW', 'ORDER_NOW', 'APPLY_NOW', 'GET_QUOTE', 'SUBSCRIBE', 'WATCH_NOW', 'PLAY_GAME',
] as const;

/** `filtering.primary_status` values; the default hides deleted objects. */
export const PRIMARY_STATUSES = ['STATUS_ALL', 'STATUS_NOT_DELETE', 'STATUS_DELIVERY_OK', 'STATUS_NOT_DELIVERY', 'STATUS_DISABLE', 'STATUS_DELETE'] as const;

export function matchesPrimaryStatus(wanted: string, secondary: string): boolean {
  const deleted = secondary.endsWith('_DELETE');
  const delivering = secondary.endsWith('_DELIVERY_OK') || secondary.endsWith('_STATUS_ENABLE');
  switch (wanted) {
    case 'STATUS_ALL': return true;
    case 'STATUS_DELETE': return deleted;
    case 'STATUS_DELIVERY_OK': return delivering;
    case 'STATUS_NOT_DELIVERY': return !delivering && !deleted;
    case 'STATUS_DISABLE': return secondary.endsWith('_DISABLE');
    default: return !deleted;
  }
}

/** `2026-06-15 12:00:00` (UTC), TikTok's datetime format for create/modify times. */
export function tiktokTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export function parseTiktokTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  const ms = Date.parse(`${text.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms : null;
}
