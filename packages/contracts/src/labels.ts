/**
 * Words people read for the API's identifiers: platforms, statuses, objectives, counts. No Zod,
 * so the web bundle and the CSV export share them.
 */

export const PLATFORM_LABELS: Readonly<Record<'google_ads' | 'meta' | 'tiktok', string>> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };

export const ENTITY_STATUS_LABELS: Readonly<Record<'active' | 'paused' | 'removed' | 'archived', string>> = { active: 'Active', paused: 'Paused', removed: 'Removed', archived: 'Archived' };

/** The platforms' objective and campaign-type codes, as their own interfaces name them. */
const OBJECTIVE_LABELS: Readonly<Record<string, string>> = {
  OUTCOME_AWARENESS: 'Awareness',
  OUTCOME_TRAFFIC: 'Traffic',
  OUTCOME_ENGAGEMENT: 'Engagement',
  OUTCOME_LEADS: 'Leads',
  OUTCOME_APP_PROMOTION: 'App promotion',
  OUTCOME_SALES: 'Sales',
  TRAFFIC: 'Traffic',
  REACH: 'Reach',
  VIDEO_VIEWS: 'Video views',
  WEB_CONVERSIONS: 'Website conversions',
  APP_PROMOTION: 'App promotion',
  LEAD_GENERATION: 'Lead generation',
  ENGAGEMENT: 'Community interaction',
  PRODUCT_SALES: 'Product sales',
  SEARCH: 'Search',
  DISPLAY: 'Display',
  SHOPPING: 'Shopping',
  VIDEO: 'Video',
  PERFORMANCE_MAX: 'Performance Max',
  DEMAND_GEN: 'Demand Gen',
  MULTI_CHANNEL: 'App',
  SMART: 'Smart',
  LOCAL: 'Local',
};

/** "Traffic" for OUTCOME_TRAFFIC; an unknown code in sentence case ("NEW_GOAL" → "New goal"). */
export function objectiveLabel(code: string): string {
  const known = OBJECTIVE_LABELS[code];
  if (known !== undefined && Object.hasOwn(OBJECTIVE_LABELS, code)) return known;
  const words = code.replace(/^OUTCOME_/, '').replace(/_/g, ' ').trim().toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}

/** "1 minute", "15 minutes"; `many` defaults to `one` + "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
