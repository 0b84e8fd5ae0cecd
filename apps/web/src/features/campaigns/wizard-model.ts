import { adTextLength } from '@adloop/contracts/ad-text';
import { objectiveLabel as sharedObjectiveLabel, plural } from '@adloop/contracts/labels';
import type { AdAccount, AdAssetKind, AssetChoices, ConnectionsOverview, NewCampaignBody, PlatformCreationOptions, PlatformId } from '../../lib/types.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { parseAmountToMicros } from './money-input.ts';
import { budgetErrors, type BudgetRules } from './wizard-budget.ts';
import { keywordsProblem, parseKeywords } from './wizard-keywords.ts';

export const STEPS = [
  { id: 'platform', label: 'Platform' },
  { id: 'account', label: 'Account' },
  { id: 'objective', label: 'Objective' },
  { id: 'budget', label: 'Budget' },
  { id: 'adGroup', label: 'Ad group' },
  { id: 'ad', label: 'Ad' },
  { id: 'review', label: 'Review' },
] as const;
export type StepId = (typeof STEPS)[number]['id'];

/** The platform's own word for an ad group: Meta calls it an ad set. */
export const adGroupWord = (platform: PlatformId | null): string => (platform === 'meta' ? 'Ad set' : 'Ad group');

/** A step's label in the platform's words. */
export const stepLabelOf = (step: (typeof STEPS)[number], platform: PlatformId | null): string => (step.id === 'adGroup' ? adGroupWord(platform) : step.label);

export interface Draft {
  platform: PlatformId | null;
  accountId: string | null;
  name: string;
  objective: string;
  budgetKind: 'daily' | 'lifetime';
  amount: string;
  startDate: string;
  endDate: string;
  adGroupName: string;
  countries: string[];
  ageMin: string;
  ageMax: string;
  /** Search keywords one per line, in Google's notation ([exact], "phrase", broad). */
  keywords: string;
  adName: string;
  /** The first is the ad's headline; more where the platform's ad takes several (`adText.headline.count`). */
  headlines: string[];
  descriptions: string[];
  finalUrl: string;
  /** UTM tags edited for this ad; null: the organisation's template, filled in with the names. */
  utm: Record<'utm_source' | 'utm_medium' | 'utm_campaign' | 'utm_content', string> | null;
  callToAction: string;
  /** An image uploaded for the ad (its id on the platform) and its file name; empty when none. */
  imageHash: string;
  imageName: string;
  /** Account assets the platform's ads need (`requiredAdAssets`), by name: videoId, pageId, identityId. */
  assets: Record<string, string>;
  startActive: boolean;
  /** The copy generation the ad's texts came from ("Write with AI"); empty when written by hand. A launch carrying it is proposed. */
  copyGenerationId: string;
}

export const EMPTY: Draft = {
  platform: null,
  accountId: null,
  name: '',
  objective: '',
  budgetKind: 'daily',
  amount: '',
  startDate: '',
  endDate: '',
  adGroupName: '',
  countries: [],
  ageMin: '',
  ageMax: '',
  keywords: '',
  adName: '',
  headlines: [''],
  descriptions: [''],
  finalUrl: '',
  utm: null,
  callToAction: '',
  imageHash: '',
  imageName: '',
  assets: {},
  startActive: false,
  copyGenerationId: '',
};

/**
 * Error keys: the draft's fields, with an index for the texts (`headlines.2`) and the asset name
 * for assets (`assets.videoId`); `headlines` alone is about the set (too few, too many).
 */
export type Errors = Record<string, string>;

export type TextKind = 'headlines' | 'descriptions';
const TEXT_WORDS: Record<TextKind, { one: string; many: string }> = { headlines: { one: 'Headline', many: 'Headlines' }, descriptions: { one: 'Description', many: 'Descriptions' } };

/** A kind of text in the platform's words: Meta's description is its "Primary text". */
export function textWords(options: PlatformCreationOptions | undefined, kind: TextKind): { one: string; many: string } {
  const own = kind === 'descriptions' ? options?.adText.description.label : undefined;
  return own ? { one: own, many: own } : TEXT_WORDS[kind];
}

export { plural };

/** The objective's name in words: the platform's own label, else the shared one ("Traffic" for OUTCOME_TRAFFIC). */
export const objectiveLabel = (options: PlatformCreationOptions | undefined, objective: string): string => options?.objectiveLabels[objective] ?? sharedObjectiveLabel(objective);

export function textLimit(options: PlatformCreationOptions | undefined, kind: TextKind) {
  return kind === 'headlines' ? options?.adText.headline : options?.adText.description;
}

/** How many texts of a kind the platform's ad takes (absent: exactly one). */
export const textCount = (limit: NonNullable<ReturnType<typeof textLimit>>) => limit.count ?? { min: 1, max: 1 };

/** The draft's texts of a kind sized for the platform: at least its minimum count of inputs. */
export function sizedTexts(options: PlatformCreationOptions | undefined, kind: TextKind): string[] {
  const limit = textLimit(options, kind);
  if (!limit || limit.max === 0) return [''];
  return Array.from({ length: Math.max(1, textCount(limit).min) }, () => '');
}

interface AssetWords {
  /** The picker's label; `idLabel` is the text input's when the account's assets could not be listed. */
  label: string;
  idLabel: string;
  hint: string;
  choose: string;
  /** Shown (and blocking) when the account has none of this kind. */
  empty: string;
}

const ASSET_WORDS: Record<string, AssetWords> = {
  videoId: {
    label: 'Video',
    idLabel: 'Video id',
    hint: 'A video of the ad account’s library.',
    choose: 'Choose a video',
    empty: 'This account has no library videos; upload one in TikTok Ads Manager.',
  },
  pageId: {
    label: 'Facebook Page',
    idLabel: 'Facebook Page id',
    hint: 'The Page the ad runs as.',
    choose: 'Choose the Page the ad runs as',
    empty: 'This ad account has no Facebook Page to run ads as; connect one in Meta Business Suite.',
  },
  identityId: {
    label: 'Identity',
    idLabel: 'Identity id',
    hint: 'The custom identity (name and avatar) the ad runs as.',
    choose: 'Choose the identity the ad runs as',
    empty: 'This account has no custom identity to run ads as; create one in TikTok Ads Manager.',
  },
};
export const assetWords = (asset: string): AssetWords =>
  ASSET_WORDS[asset] ?? { label: asset, idLabel: asset, hint: '', choose: `Choose the ${asset}`, empty: `This account has no ${asset}.` };

/** The account's choices of one asset kind, when they were listed and the platform's ads use that kind. */
export const choicesOf = (choices: AssetChoices | undefined, asset: string) => choices?.[asset as AdAssetKind];

/**
 * The asset inputs the ad step shows: the kinds the account's listing offers, the ones the platform
 * always needs, plus any the API asked for or the person already filled in.
 */
export function shownAssets(options: PlatformCreationOptions, draft: Draft, errors: Errors, choices: AssetChoices | undefined): string[] {
  const asked = Object.keys(errors).filter((k) => k.startsWith('assets.')).map((k) => k.slice('assets.'.length));
  return [...new Set([...Object.keys(choices ?? {}), ...options.requiredAdAssets, ...Object.keys(draft.assets), ...asked])].filter((a) => /^\w+$/.test(a));
}

/** The problem with the ad's asset of one kind, checked against the account's listing when there is one. */
function assetProblem(asset: string, value: string, required: boolean, choices: AssetChoices | undefined): string | null {
  const words = assetWords(asset);
  const listed = choicesOf(choices, asset);
  if (!listed) return required && !value ? `Enter the ${words.idLabel.toLowerCase()}` : null;
  if (listed.length === 0) return words.empty;
  if (!value) return required || listed.length > 1 ? words.choose : null;
  return listed.some((c) => c.id === value) ? null : words.choose;
}

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' });
  } catch {
    return null;
  }
})();
export const countryName = (code: string) => regionNames?.of(code) ?? code;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export const humanize = (value: string) => {
  const words = value.replace(/^OUTCOME_/, '').toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Accounts a campaign can be created in: added (selected), of active connections, not managers. */
export function eligibleAccounts(overview: ConnectionsOverview | undefined, platform: PlatformId | null): AdAccount[] {
  return (overview?.connections ?? [])
    .filter((c) => c.status === 'active' && (platform === null || c.platform === platform))
    .flatMap((c) => c.accounts.filter((a) => a.selected && !a.isManager));
}

export interface Context {
  options: PlatformCreationOptions | undefined;
  account: AdAccount | undefined;
  today: string;
  /** The account's assets as listed by the platform; undefined while loading or when listing failed (ids are typed then). */
  assetChoices?: AssetChoices | undefined;
}

/** The budget rules of the chosen platform and account. */
export const budgetRules = (ctx: Pick<Context, 'options' | 'account' | 'today'>): BudgetRules => {
  const currency = ctx.account?.currency ?? 'USD';
  return { currency, minMicros: ctx.options?.minDailyBudgetMicros[currency], platformName: ctx.options ? PLATFORM_NAMES[ctx.options.platform] : '', today: ctx.today };
};

export function validate(step: StepId, draft: Draft, ctx: Context): Errors {
  const errors: Errors = {};
  switch (step) {
    case 'platform':
      if (!draft.platform) errors.platform = 'Choose a platform';
      break;
    case 'account':
      if (!draft.accountId || !ctx.account) errors.accountId = 'Choose an account';
      break;
    case 'objective':
      if (!draft.name.trim()) errors.name = 'Enter a campaign name';
      else if (draft.name.trim().length > 255) errors.name = 'Use at most 255 characters';
      if (!draft.objective) errors.objective = 'Choose an objective';
      break;
    case 'budget':
      Object.assign(errors, budgetErrors({ budgetKind: draft.budgetKind, amount: draft.amount, startDate: draft.startDate, endDate: draft.endDate }, budgetRules(ctx)));
      break;
    case 'adGroup':
      if (!draft.adGroupName.trim()) errors.adGroupName = `Enter an ${adGroupWord(draft.platform).toLowerCase()} name`;
      if (draft.countries.length === 0) errors.countries = 'Add at least one country';
      else if (draft.countries.length > 50) errors.countries = 'Add at most 50 countries';
      if (draft.ageMin && draft.ageMax && Number(draft.ageMin) > Number(draft.ageMax)) errors.ageMax = 'The maximum age must be at least the minimum age';
      if (ctx.options?.keywordMatchTypes) {
        const problem = keywordsProblem(parseKeywords(draft.keywords), ctx.options.keywordMatchTypes);
        if (problem) errors.keywords = problem;
      }
      break;
    case 'ad': {
      if (!draft.adName.trim()) errors.adName = 'Enter an ad name';
      for (const kind of ['headlines', 'descriptions'] as const) Object.assign(errors, validateTexts(kind, draft[kind], ctx.options));
      if (!isHttpUrl(draft.finalUrl.trim())) errors.finalUrl = 'Enter the full address of the landing page, like https://example.com/offer';
      const required = ctx.options?.requiredAdAssets ?? [];
      for (const asset of new Set([...required, ...Object.keys(ctx.assetChoices ?? {})])) {
        const problem = assetProblem(asset, draft.assets[asset]?.trim() ?? '', required.includes(asset), ctx.assetChoices);
        if (problem) errors[`assets.${asset}`] = problem;
      }
      break;
    }
    case 'review':
      break;
  }
  return errors;
}

/** The platform's rules for a kind of text: how many, how long, no repeats. */
function validateTexts(kind: TextKind, texts: string[], options: PlatformCreationOptions | undefined): Errors {
  const errors: Errors = {};
  const limit = textLimit(options, kind);
  if (!limit || limit.max === 0) return errors;
  const words = textWords(options, kind);
  const count = textCount(limit);
  const countsWide = options?.adText.countsWide ?? false;
  const filled = texts.filter((t) => t.trim() !== '').length;
  const seen = new Set<string>();
  texts.forEach((text, i) => {
    const key = `${kind}.${i}`;
    const label = count.max > 1 ? `${words.one.toLowerCase()} ${i + 1}` : words.one.toLowerCase();
    const length = adTextLength(text, countsWide);
    if (length > limit.max) errors[key] = `Use at most ${limit.max} characters${countsWide ? ' (double-width characters count 2)' : ''}`;
    else if (text.trim() === '' && (limit.required || filled > 0) && (i < count.min || count.max > 1)) errors[key] = `Enter ${count.max > 1 ? `${label}` : `a ${label}`}`;
    const normal = text.trim().toLowerCase();
    if (normal && seen.has(normal)) errors[key] ??= `This repeats another ${words.one.toLowerCase()}`;
    seen.add(normal);
  });
  if ((limit.required || filled > 0) && texts.length < count.min) errors[kind] = `The ad needs at least ${count.min} ${words.many.toLowerCase()}`;
  return errors;
}

/** The API body; `finalUrl` is the ad's URL with its UTM tags already set. */
export function toBody(draft: Draft, account: AdAccount, options: PlatformCreationOptions, finalUrl: string): NewCampaignBody {
  const amount = parseAmountToMicros(draft.amount, account.currency);
  return {
    adAccountId: account.id,
    name: draft.name.trim(),
    objective: draft.objective,
    status: draft.startActive ? 'active' : 'paused',
    budget: { kind: draft.budgetKind, amountMicros: amount.ok ? amount.micros : 0 },
    ...(draft.startDate ? { startDate: draft.startDate } : {}),
    ...(draft.endDate ? { endDate: draft.endDate } : {}),
    adGroup: {
      name: draft.adGroupName.trim(),
      countries: draft.countries,
      ...(draft.ageMin ? { ageMin: Number(draft.ageMin) } : {}),
      ...(draft.ageMax ? { ageMax: Number(draft.ageMax) } : {}),
      ...(options.keywordMatchTypes ? { keywords: parseKeywords(draft.keywords) } : {}),
    },
    ad: {
      name: draft.adName.trim(),
      ...adTexts('headline', draft.headlines, options.adText.headline),
      ...adTexts('description', draft.descriptions, options.adText.description),
      finalUrl,
      ...(draft.callToAction ? { callToAction: draft.callToAction } : {}),
      ...adAssets(draft),
    },
    ...(draft.copyGenerationId ? { copyGenerationId: draft.copyGenerationId } : {}),
  };
}

/** The ad's assets as the API takes them: the account's picked ones and the uploaded image. */
function adAssets(draft: Draft): { assets?: NonNullable<NewCampaignBody['ad']['assets']> } {
  const picked = Object.entries(draft.assets).filter(([, v]) => v.trim()).map(([a, v]) => [a, v.trim()]);
  if (draft.imageHash) picked.push(['imageHash', draft.imageHash]);
  return picked.length > 0 ? { assets: Object.fromEntries(picked) } : {};
}

/** `headline` plus `extraHeadlines` (or the descriptions) as the API takes them; empty when the platform has none. */
function adTexts<K extends 'headline' | 'description'>(kind: K, texts: string[], limit: PlatformCreationOptions['adText']['headline']) {
  const trimmed = limit.max === 0 ? [] : texts.map((t) => t.trim());
  const extra = trimmed.slice(1).filter(Boolean);
  const extraKey = kind === 'headline' ? 'extraHeadlines' : 'extraDescriptions';
  return { [kind]: trimmed[0] ?? '', ...(extra.length > 0 ? { [extraKey]: extra } : {}) } as { [P in K]: string } & { extraHeadlines?: string[]; extraDescriptions?: string[] };
}
