import type { ImportKind, RowIssue } from './types.ts';

/** One column of an import file: its heading, whether every file needs it, and what it holds (for templates and help). */
export interface ImportColumn {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

/**
 * Changes to existing campaigns. The campaign is named by `campaign_id` (Adloop's id), or by
 * `campaign_platform_id` (with `platform` / `account_id` where it is not unique), or by its exact
 * `campaign_name` (likewise narrowed).
 */
export const CHANGE_COLUMNS: readonly ImportColumn[] = [
  { name: 'campaign_id', required: false, description: "Adloop's campaign id, or the platform's (the campaign CSV export's Campaign ID)", example: '' },
  { name: 'platform', required: false, description: 'google_ads, meta or tiktok: narrows the campaign or account named below', example: 'meta' },
  { name: 'account_id', required: false, description: "The ad account: Adloop's id or the platform's account id", example: 'act_1001' },
  { name: 'campaign_platform_id', required: false, description: "The campaign's id on the platform", example: '' },
  { name: 'campaign_name', required: false, description: "The campaign's exact name (when it is unique)", example: 'Summer sale' },
  { name: 'action', required: true, description: 'pause, enable, set_daily_budget or set_lifetime_budget', example: 'set_daily_budget' },
  { name: 'amount', required: false, description: "The new budget in the campaign's currency (budget actions only), e.g. 12.50", example: '25.00' },
  { name: 'expected', required: false, description: "The value you expect the campaign to have now (a status or a budget); empty: the value Adloop last saw. The change applies only if the platform still has it", example: '' },
];

/** New campaigns: the wizard's fields that fit a row (one ad group and one ad each). Lists are separated by `|`. */
export const CAMPAIGN_COLUMNS: readonly ImportColumn[] = [
  { name: 'account_id', required: true, description: "The ad account: Adloop's id or the platform's account id", example: 'act_1001' },
  { name: 'platform', required: false, description: 'google_ads, meta or tiktok, where an account id exists on two platforms', example: 'meta' },
  { name: 'name', required: true, description: "The campaign's name", example: 'Spring launch' },
  { name: 'objective', required: true, description: "One of the platform's objectives, in its own words (e.g. OUTCOME_TRAFFIC, SEARCH, TRAFFIC)", example: 'OUTCOME_TRAFFIC' },
  { name: 'budget_type', required: false, description: 'daily (default) or lifetime', example: 'daily' },
  { name: 'budget', required: true, description: "The budget in the account's currency, e.g. 25.00", example: '25.00' },
  { name: 'status', required: false, description: 'paused (default) or active', example: 'paused' },
  { name: 'start_date', required: false, description: 'YYYY-MM-DD (needed with a lifetime budget)', example: '' },
  { name: 'end_date', required: false, description: 'YYYY-MM-DD', example: '' },
  { name: 'countries', required: true, description: 'Two-letter country codes separated by |', example: 'US|CA' },
  { name: 'age_min', required: false, description: 'Youngest age targeted (13–65)', example: '18' },
  { name: 'age_max', required: false, description: 'Oldest age targeted (13–65; 65 means 65 and over)', example: '65' },
  { name: 'ad_group_name', required: false, description: "The ad group / ad set's name; empty: the campaign's name", example: '' },
  { name: 'ad_name', required: false, description: "The ad's name; empty: the campaign's name", example: '' },
  { name: 'headline', required: false, description: "The ad's headline, where the platform's ads have one", example: 'Spring is here' },
  { name: 'extra_headlines', required: false, description: 'More headlines separated by |, where the ad takes several (Google)', example: '' },
  { name: 'description', required: false, description: "The ad's text", example: 'New arrivals every week' },
  { name: 'extra_descriptions', required: false, description: 'More descriptions separated by |, where the ad takes several (Google)', example: '' },
  { name: 'final_url', required: true, description: 'Where the ad leads (http or https)', example: 'https://example.com/spring' },
  { name: 'call_to_action', required: false, description: "One of the platform's calls to action", example: '' },
  { name: 'keywords', required: false, description: 'Search keywords separated by |: [exact], "phrase" or broad', example: '' },
  { name: 'page_id', required: false, description: 'The Facebook Page (Meta, when the account has several)', example: '' },
  { name: 'identity_id', required: false, description: 'The identity the ad runs as (TikTok)', example: '' },
  { name: 'video_id', required: false, description: "A video of the account's library (TikTok)", example: '' },
  { name: 'image_hash', required: false, description: "An uploaded image's hash (Meta)", example: '' },
];

export const columnsOf = (kind: ImportKind): readonly ImportColumn[] => (kind === 'changes' ? CHANGE_COLUMNS : CAMPAIGN_COLUMNS);

/** Headings people commonly write for a column. */
const ALIASES: Readonly<Record<string, string>> = {
  campaign: 'campaign_name',
  account: 'account_id',
  ad_account_id: 'account_id',
  new_value: 'amount',
  expected_value: 'expected',
  current_value: 'expected',
  daily_budget: 'budget',
  country: 'countries',
  url: 'final_url',
  cta: 'call_to_action',
};

/** "Campaign Name", "campaign-name", " CAMPAIGN_NAME " → "campaign_name". */
export function normaliseHeading(heading: string): string {
  const plain = heading.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ALIASES[plain] ?? plain;
}

export interface MappedHeadings {
  /** The file's headings, normalised, in their order. */
  columns: string[];
  /** Problems that make every row unusable: unknown, repeated or missing columns. */
  issues: RowIssue[];
}

/**
 * Reads the heading row. An unknown column is an error rather than ignored: a misspelt `ammount`
 * would otherwise drop every budget silently.
 */
export function mapHeadings(kind: ImportKind, headings: readonly string[]): MappedHeadings {
  const known = columnsOf(kind);
  const names = new Set(known.map((c) => c.name));
  const columns = headings.map(normaliseHeading);
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  for (const [index, column] of columns.entries()) {
    const heading = headings[index] ?? '';
    if (column === '') issues.push({ column: null, message: `Column ${index + 1} has no heading` });
    else if (!names.has(column)) issues.push({ column: heading, message: `is not a column of this import; the columns are ${known.map((c) => c.name).join(', ')}` });
    else if (seen.has(column)) issues.push({ column, message: 'appears twice' });
    seen.add(column);
  }
  for (const column of known) if (column.required && !seen.has(column.name)) issues.push({ column: column.name, message: 'is missing: the file needs this column' });
  if (kind === 'changes' && !['campaign_id', 'campaign_platform_id', 'campaign_name'].some((c) => seen.has(c))) {
    issues.push({ column: 'campaign_id', message: 'is missing: name the campaign by campaign_id, campaign_platform_id or campaign_name' });
  }
  return { columns, issues };
}
