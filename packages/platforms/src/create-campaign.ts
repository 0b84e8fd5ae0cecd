import { adTextLength } from '@adloop/contracts/ad-text';
import { isDay } from '@adloop/engine';
import { countryInfo } from './countries.ts';
import { PlatformError, type AccountRef, type AdTextField, type AgeTargeting, type Keyword, type Capabilities, type NewCampaignSpec, type PlatformId } from './types.ts';

const EMOJI = /\p{Extended_Pictographic}/u;

export const hasEmoji = (text: string): boolean => EMOJI.test(text);

function refuse(platform: PlatformId, field: string, message: string): never {
  throw new PlatformError('invalid_request', message, { platform, field });
}

function checkTexts(platform: PlatformId, countsWide: boolean, label: string, field: string, main: string, extra: readonly string[] | undefined, limit: AdTextField): void {
  const count = limit.count ?? { min: 1, max: 1 };
  const extraField = field === 'ad.headline' ? 'ad.extraHeadlines' : 'ad.extraDescriptions';
  if (limit.max === 0) {
    if (main.trim() !== '' || (extra?.length ?? 0) > 0) refuse(platform, field, `This platform's ads have no ${label}; leave it empty.`);
    return;
  }
  if (limit.required && main.trim() === '') refuse(platform, field, `A ${label} is required.`);
  const length = adTextLength(main, countsWide);
  if (length > limit.max) refuse(platform, field, `The ${label} is ${length} characters; at most ${limit.max} are allowed${countsWide ? ' (double-width characters count as 2)' : ''}.`);
  const extras = extra ?? [];
  const total = (main.trim() === '' ? 0 : 1) + extras.length;
  if (count.max === 1 && extras.length > 0) refuse(platform, extraField, `This platform's ads take one ${label}.`);
  if (limit.required || total > 0) {
    if (total < count.min) refuse(platform, extraField, `The ad needs at least ${count.min} ${label}s; ${total} given.`);
    if (total > count.max) refuse(platform, extraField, `The ad takes at most ${count.max} ${label}s; ${total} given.`);
  }
  const seen = new Set([main.trim().toLowerCase()]);
  for (const [i, text] of extras.entries()) {
    if (text.trim() === '') refuse(platform, `${extraField}.${i}`, `${label[0]?.toUpperCase()}${label.slice(1)} ${i + 2} is empty.`);
    const n = adTextLength(text, countsWide);
    if (n > limit.max) refuse(platform, `${extraField}.${i}`, `${label[0]?.toUpperCase()}${label.slice(1)} ${i + 2} is ${n} characters; at most ${limit.max} are allowed.`);
    const key = text.trim().toLowerCase();
    if (seen.has(key)) refuse(platform, `${extraField}.${i}`, `${label[0]?.toUpperCase()}${label.slice(1)} ${i + 2} repeats another ${label}.`);
    seen.add(key);
  }
}

/** Google's keyword rules: at most 80 characters and 10 words, none of the characters it refuses; each keyword once per match type. */
function checkKeywords(platform: PlatformId, matchTypes: readonly string[] | null, keywords: readonly Keyword[] | undefined): void {
  if (!keywords || keywords.length === 0) return;
  if (matchTypes === null) refuse(platform, 'adGroup.keywords', 'This platform’s ad groups have no keywords.');
  if (keywords.length > 200) refuse(platform, 'adGroup.keywords', 'Add at most 200 keywords.');
  const seen = new Set<string>();
  for (const [i, k] of keywords.entries()) {
    const field = `adGroup.keywords.${i}`;
    const text = k.text.trim();
    if (text === '') refuse(platform, `${field}.text`, 'The keyword is empty.');
    if (text.length > 80) refuse(platform, `${field}.text`, `“${text.slice(0, 20)}…” is ${text.length} characters; keywords have at most 80.`);
    if (text.split(/\s+/).length > 10) refuse(platform, `${field}.text`, `“${text}” has more than 10 words.`);
    if (/[!@%,*^=;`~<>?\\|{}]/.test(text)) refuse(platform, `${field}.text`, `“${text}” has characters keywords cannot have (such as ! @ % , * ?).`);
    if (!matchTypes.includes(k.matchType)) refuse(platform, `${field}.matchType`, `Match type must be one of ${matchTypes.join(', ')}.`);
    const key = `${k.matchType}:${text.toLowerCase()}`;
    if (seen.has(key)) refuse(platform, `${field}.text`, `“${text}” is listed twice as ${k.matchType.toLowerCase()} match.`);
    seen.add(key);
  }
}

/** Ages fit the platform's targeting: within its range, or on its buckets' edges (a bucket's first and last years). */
function checkAges(platform: PlatformId, ages: AgeTargeting, ageMin: number | undefined, ageMax: number | undefined): void {
  const words = (age: number) => (age >= 65 ? '65+' : String(age));
  for (const [key, value] of [['ageMin', ageMin], ['ageMax', ageMax]] as const) {
    if (value === undefined) continue;
    const field = `adGroup.${key}`;
    if (!Number.isInteger(value)) refuse(platform, field, 'Ages are whole years.');
    if (ages.kind === 'range') {
      if (value < ages.min || value > ages.max) refuse(platform, field, `Ages on this platform are ${ages.min} to ${words(ages.max)}.`);
      continue;
    }
    const edges = ages.buckets.map((b) => (key === 'ageMin' ? b.from : b.to));
    if (!edges.includes(value)) refuse(platform, field, `This platform targets the age ranges ${ages.buckets.map((b) => (b.to >= 65 ? `${b.from}+` : `${b.from}–${b.to}`)).join(', ')}; the ${key === 'ageMin' ? 'youngest age must start' : 'oldest age must end'} one of them.`);
  }
}

/**
 * Checks a campaign spec against the platform's capabilities before anything is sent; throws
 * `invalid_request` naming the spec path (`objective`, `budget.amount`, `ad.headline`, …).
 */
export function validateNewCampaign(platform: PlatformId, capabilities: Capabilities, account: AccountRef, spec: NewCampaignSpec): void {
  const r = (field: string, message: string): never => refuse(platform, field, message);
  if (spec.name.trim() === '') r('name', 'The campaign needs a name.');
  if (spec.status !== 'active' && spec.status !== 'paused') r('status', 'A new campaign is active or paused.');
  if (!capabilities.objectives.includes(spec.objective)) r('objective', `Objective must be one of ${capabilities.objectives.join(', ')}.`);

  const { budget } = spec;
  if (budget.amount.currency !== account.currency) r('budget.currency', `The budget must be in the account currency, ${account.currency}.`);
  if (!Number.isSafeInteger(budget.amount.micros) || budget.amount.micros <= 0) r('budget.amount', 'The budget must be a positive whole number of micros.');
  const step = capabilities.budgetStepMicros(account.currency);
  if (budget.amount.micros % step !== 0) r('budget.amount', `The budget must be a multiple of ${step / 1e6} ${account.currency}, the smallest amount this platform takes.`);
  const minimum = capabilities.minDailyBudgetMicros(account.currency);
  if (budget.kind === 'daily' && budget.amount.micros < minimum) r('budget.amount', `The daily budget must be at least ${minimum / 1e6} ${account.currency}.`);
  if (budget.kind === 'lifetime') {
    if (!capabilities.lifetimeBudgets) r('budget.kind', 'This platform takes daily budgets only.');
    if (!spec.endDate) r('endDate', 'A lifetime budget needs an end date.');
    if (budget.amount.micros < minimum) r('budget.amount', `The lifetime budget must be at least ${minimum / 1e6} ${account.currency}.`);
  }
  if (spec.startDate !== undefined && !isDay(spec.startDate)) r('startDate', 'Dates are YYYY-MM-DD.');
  if (spec.endDate !== undefined && !isDay(spec.endDate)) r('endDate', 'Dates are YYYY-MM-DD.');
  if (spec.startDate && spec.endDate && spec.endDate < spec.startDate) r('endDate', 'The end date is before the start date.');

  const group = spec.adGroup;
  if (group.name.trim() === '') r('adGroup.name', 'The ad group needs a name.');
  if (group.countries.length === 0) r('adGroup.countries', 'Choose at least one country.');
  for (const code of group.countries) if (!/^[A-Z]{2}$/.test(code) || !countryInfo(code)) r('adGroup.countries', `${code} is not an ISO 3166-1 country code.`);
  checkAges(platform, capabilities.ages, group.ageMin, group.ageMax);
  checkKeywords(platform, capabilities.keywordMatchTypes, group.keywords);
  if (group.ageMin !== undefined && group.ageMax !== undefined && group.ageMin > group.ageMax) r('adGroup.ageMax', 'The maximum age is below the minimum age.');

  const { ad } = spec;
  const limits = capabilities.adText;
  if (ad.name.trim() === '') r('ad.name', 'The ad needs a name.');
  checkTexts(platform, limits.countsWide, 'headline', 'ad.headline', ad.headline, ad.extraHeadlines, limits.headline);
  checkTexts(platform, limits.countsWide, 'description', 'ad.description', ad.description, ad.extraDescriptions, limits.description);
  if (ad.callToAction !== undefined) {
    if (limits.callToActions === null) r('ad.callToAction', "This platform's ads have no call-to-action button.");
    else if (!limits.callToActions.includes(ad.callToAction)) r('ad.callToAction', `Call to action must be one of ${limits.callToActions.join(', ')}.`);
  }
  let url: URL | null = null;
  try {
    url = new URL(ad.finalUrl);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname.includes('.')) r('ad.finalUrl', 'The landing page must be an http(s) address such as https://example.com/.');
  for (const asset of capabilities.requiredAdAssets) {
    if (!ad.assets?.[asset]) r(`ad.assets.${asset}`, `This platform's ads need ${asset === 'videoId' ? 'a video from the ad account library' : asset}.`);
  }
}

/** The same error with the spec path a platform refusal points at (`field` kept when the mapping knows none). */
export function withSpecField(error: unknown, toSpecField: (platformField: string | undefined, message: string) => string | undefined): unknown {
  if (!(error instanceof PlatformError) || error.kind !== 'invalid_request') return error;
  const field = toSpecField(error.details.field, `${error.message} ${error.details.platformMessage ?? ''}`);
  return field === undefined ? error : new PlatformError(error.kind, error.message, { ...error.details, field });
}
