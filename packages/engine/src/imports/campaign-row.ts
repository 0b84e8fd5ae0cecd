import { adTextLength } from '@adloop/contracts/ad-text';
import type { ImportAccount, ImportScope, RowIssue, RowResult, RowValues } from './types.ts';
import { formatAmount, parseAmount } from './amount.ts';
import { parsePlatform, resolveAccount } from './resolve-account.ts';
import { parseChoice, parseCountries, parseDay, parseKeywords, parseList, parseUrl, parseWhole, type MatchType } from './values.ts';

/** A new campaign as the wizard sends it (the body of `POST /campaigns`). */
export interface CampaignDraft {
  adAccountId: string;
  name: string;
  objective: string;
  status: 'active' | 'paused';
  budget: { kind: 'daily' | 'lifetime'; amountMicros: number };
  startDate?: string;
  endDate?: string;
  adGroup: { name: string; countries: string[]; ageMin?: number; ageMax?: number; keywords?: Array<{ text: string; matchType: MatchType }> };
  ad: {
    name: string;
    headline: string;
    description: string;
    finalUrl: string;
    callToAction?: string;
    extraHeadlines?: string[];
    extraDescriptions?: string[];
    assets?: { pageId?: string; identityId?: string; videoId?: string; imageHash?: string };
  };
}

const ASSET_COLUMNS = [
  ['page_id', 'pageId'],
  ['identity_id', 'identityId'],
  ['video_id', 'videoId'],
  ['image_hash', 'imageHash'],
] as const;

const cell = (values: RowValues, column: string) => (values[column] ?? '').trim();

function checkText(issues: RowIssue[], column: string, text: string, limit: { max: number; required: boolean }, countsWide: boolean, platformName: string): void {
  if (text === '' && limit.required) issues.push({ column, message: `is required on ${platformName}` });
  else if (text !== '' && limit.max === 0) issues.push({ column, message: `leave empty: ${platformName} ads have no ${column}` });
  else if (adTextLength(text, countsWide) > limit.max) issues.push({ column, message: `is longer than ${platformName}'s ${limit.max} characters` });
}

/** The budget cell, checked against the account's currency and platform (minimum daily budget, steps, lifetime budgets). */
function checkBudget(issues: RowIssue[], values: RowValues, account: ImportAccount): CampaignDraft['budget'] | null {
  const kind = cell(values, 'budget_type') === '' ? { ok: true as const, value: 'daily' as const } : parseChoice(cell(values, 'budget_type'), ['daily', 'lifetime'] as const);
  if (!kind.ok) issues.push({ column: 'budget_type', message: kind.message });
  const amount = parseAmount(cell(values, 'budget'), account.currency);
  if (!amount.ok) issues.push({ column: 'budget', message: cell(values, 'budget') === '' ? `is empty: write the budget in ${account.currency}` : amount.message });
  if (!kind.ok || !amount.ok) return null;
  const { rules } = account;
  const before = issues.length;
  if (kind.value === 'lifetime' && !rules.lifetimeBudgets) issues.push({ column: 'budget_type', message: `${rules.platformName} campaigns have no lifetime budget` });
  if (kind.value === 'daily' && amount.micros < rules.minDailyBudgetMicros) {
    issues.push({ column: 'budget', message: `is below ${rules.platformName}'s minimum daily budget of ${formatAmount(rules.minDailyBudgetMicros, account.currency)} ${account.currency}` });
  } else if (amount.micros === 0) issues.push({ column: 'budget', message: 'must be more than 0' });
  else if (amount.micros % rules.budgetStepMicros !== 0) issues.push({ column: 'budget', message: `must be a multiple of ${formatAmount(rules.budgetStepMicros, account.currency)} ${account.currency} on ${rules.platformName}` });
  return issues.length > before ? null : { kind: kind.value, amountMicros: amount.micros };
}

/**
 * Checks one new-campaign row: the account (one the caller may work on), the wizard's field rules and
 * what the account's platform takes (objectives, budgets, keywords, ad text limits, required assets).
 * The adapter checks everything again before creating, so a rule missed here is still refused, per row.
 */
export function validateCampaignRow(scope: ImportScope, values: RowValues): RowResult<CampaignDraft> {
  const issues: RowIssue[] = [];
  const platform = parsePlatform(values.platform);
  if (!platform.ok) return { ok: false, issues: [platform.issue] };
  const accountText = cell(values, 'account_id');
  if (accountText === '') return { ok: false, issues: [{ column: 'account_id', message: 'is empty: write the ad account' }] };
  const resolved = resolveAccount(scope.accounts, accountText, platform.platform);
  if (!resolved.ok) return { ok: false, issues: [resolved.issue] };
  const account = resolved.account;
  const { rules } = account;

  const name = cell(values, 'name');
  if (name === '') issues.push({ column: 'name', message: 'is empty' });
  else if (name.length > 255) issues.push({ column: 'name', message: 'is longer than 255 characters' });
  const objective = rules.objectives.find((o) => o.toLowerCase() === cell(values, 'objective').toLowerCase());
  if (!objective) issues.push({ column: 'objective', message: `must be one of ${rules.platformName}'s objectives: ${rules.objectives.join(', ')}` });
  const budget = checkBudget(issues, values, account);
  const status = cell(values, 'status') === '' ? { ok: true as const, value: 'paused' as const } : parseChoice(cell(values, 'status'), ['paused', 'active'] as const);
  if (!status.ok) issues.push({ column: 'status', message: status.message });

  const dates: { startDate?: string; endDate?: string } = {};
  for (const [column, key] of [['start_date', 'startDate'], ['end_date', 'endDate']] as const) {
    if (cell(values, column) === '') continue;
    const day = parseDay(cell(values, column));
    if (day.ok) dates[key] = day.value;
    else issues.push({ column, message: day.message });
  }
  if (dates.startDate && dates.endDate && dates.endDate < dates.startDate) issues.push({ column: 'end_date', message: 'is before start_date' });
  if (budget?.kind === 'lifetime' && !dates.startDate) issues.push({ column: 'start_date', message: 'is needed with a lifetime budget' });

  const countries = parseCountries(cell(values, 'countries'));
  if (!countries.ok) issues.push({ column: 'countries', message: countries.message });
  const ages: { ageMin?: number; ageMax?: number } = {};
  for (const [column, key] of [['age_min', 'ageMin'], ['age_max', 'ageMax']] as const) {
    if (cell(values, column) === '') continue;
    const age = parseWhole(cell(values, column), 13, 65);
    if (age.ok) ages[key] = age.value;
    else issues.push({ column, message: age.message });
  }
  if (ages.ageMin !== undefined && ages.ageMax !== undefined && ages.ageMax < ages.ageMin) issues.push({ column: 'age_max', message: 'is below age_min' });

  let keywords: CampaignDraft['adGroup']['keywords'];
  if (cell(values, 'keywords') !== '') {
    const parsed = parseKeywords(cell(values, 'keywords'));
    if (!parsed.ok) issues.push({ column: 'keywords', message: parsed.message });
    else if (rules.keywordMatchTypes === null) issues.push({ column: 'keywords', message: `leave empty: ${rules.platformName} ad groups take no keywords` });
    else if (parsed.value.some((k) => !rules.keywordMatchTypes?.includes(k.matchType))) issues.push({ column: 'keywords', message: `${rules.platformName} takes ${rules.keywordMatchTypes.join(', ')} keywords` });
    else keywords = parsed.value;
  }

  const headline = cell(values, 'headline');
  const description = cell(values, 'description');
  checkText(issues, 'headline', headline, rules.adText.headline, rules.adText.countsWide, rules.platformName);
  checkText(issues, 'description', description, rules.adText.description, rules.adText.countsWide, rules.platformName);
  const extraHeadlines = parseList(cell(values, 'extra_headlines'));
  const extraDescriptions = parseList(cell(values, 'extra_descriptions'));
  for (const text of extraHeadlines) checkText(issues, 'extra_headlines', text, rules.adText.headline, rules.adText.countsWide, rules.platformName);
  for (const text of extraDescriptions) checkText(issues, 'extra_descriptions', text, rules.adText.description, rules.adText.countsWide, rules.platformName);
  const finalUrl = parseUrl(cell(values, 'final_url'));
  if (!finalUrl.ok) issues.push({ column: 'final_url', message: cell(values, 'final_url') === '' ? 'is empty: write where the ad leads' : finalUrl.message });
  const callToAction = cell(values, 'call_to_action');
  const ctas = rules.adText.callToActions;
  if (callToAction !== '' && (ctas === null || !ctas.includes(callToAction))) {
    issues.push({ column: 'call_to_action', message: ctas === null ? `leave empty: ${rules.platformName} ads have no call to action` : `must be one of ${ctas.join(', ')}` });
  }
  const assets: NonNullable<CampaignDraft['ad']['assets']> = {};
  for (const [column, key] of ASSET_COLUMNS) if (cell(values, column) !== '') assets[key] = cell(values, column);
  for (const required of rules.requiredAdAssets) {
    const column = ASSET_COLUMNS.find(([, key]) => key === required)?.[0] ?? required;
    if (!(required in assets)) issues.push({ column, message: `is required on ${rules.platformName}` });
  }

  if (issues.length > 0 || !objective || !budget || !status.ok || !countries.ok || !finalUrl.ok) return { ok: false, issues };
  const draft: CampaignDraft = {
    adAccountId: account.id,
    name,
    objective,
    status: status.value,
    budget,
    ...dates,
    adGroup: { name: cell(values, 'ad_group_name') || name, countries: countries.value, ...ages, ...(keywords ? { keywords } : {}) },
    ad: {
      name: cell(values, 'ad_name') || name,
      headline,
      description,
      finalUrl: finalUrl.value,
      ...(callToAction ? { callToAction } : {}),
      ...(extraHeadlines.length ? { extraHeadlines } : {}),
      ...(extraDescriptions.length ? { extraDescriptions } : {}),
      ...(Object.keys(assets).length ? { assets } : {}),
    },
  };
  const money = `${formatAmount(budget.amountMicros, account.currency)} ${account.currency} ${budget.kind === 'daily' ? 'a day' : 'in total'}`;
  return { ok: true, value: draft, summary: `Create "${name}" (${objective}, ${money}, ${status.value}) in ${account.name}` };
}
