import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';
import { canEditCampaigns, keys } from '../../lib/queries.ts';
import type { AdAccount, ConnectionsOverview, CreatedCampaign, CreationOptions, NewCampaignBody, PlatformCreationOptions, PlatformId } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { currencyDigits, parseAmountToMicros } from './money-input.ts';
import { formatDay, formatMicros } from './report-format.ts';
import { todayIn } from './date-range.tsx';

const STEPS = [
  { id: 'platform', label: 'Platform' },
  { id: 'account', label: 'Account' },
  { id: 'objective', label: 'Objective' },
  { id: 'budget', label: 'Budget' },
  { id: 'adGroup', label: 'Ad group' },
  { id: 'ad', label: 'Ad' },
  { id: 'review', label: 'Review' },
] as const;
type StepId = (typeof STEPS)[number]['id'];

interface Draft {
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
  adName: string;
  /** The first is the ad's headline; more where the platform's ad takes several (`adText.headline.count`). */
  headlines: string[];
  descriptions: string[];
  finalUrl: string;
  callToAction: string;
  /** Account assets the platform's ads need (`requiredAdAssets`), by name: videoId, pageId, identityId. */
  assets: Record<string, string>;
  startActive: boolean;
}

const EMPTY: Draft = {
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
  adName: '',
  headlines: [''],
  descriptions: [''],
  finalUrl: '',
  callToAction: '',
  assets: {},
  startActive: false,
};

/**
 * Error keys: the draft's fields, with an index for the texts (`headlines.2`) and the asset name
 * for assets (`assets.videoId`); `headlines` alone is about the set (too few, too many).
 */
type Errors = Record<string, string>;

/** Which step shows a field (and so where an error from the API belongs). */
function stepOf(field: string): StepId {
  const base = field.split('.')[0] ?? field;
  switch (base) {
    case 'platform':
      return 'platform';
    case 'accountId':
      return 'account';
    case 'name':
    case 'objective':
      return 'objective';
    case 'budgetKind':
    case 'amount':
    case 'startDate':
    case 'endDate':
      return 'budget';
    case 'adGroupName':
    case 'countries':
    case 'ageMin':
    case 'ageMax':
      return 'adGroup';
    case 'adName':
    case 'headlines':
    case 'descriptions':
    case 'finalUrl':
    case 'callToAction':
    case 'assets':
      return 'ad';
    default:
      return 'review';
  }
}

/** The API's field path (e.g. `ad.headline`, `ad.extraHeadlines.1`, `budget.amount`) to the wizard's error key. */
export function apiField(path: string): string | null {
  const clean = path.replace(/^body\./, '');
  const extra = /^ad\.extra(Headlines|Descriptions)(?:\.(\d+))?/.exec(clean);
  if (extra) {
    const kind = extra[1] === 'Headlines' ? 'headlines' : 'descriptions';
    return extra[2] === undefined ? kind : `${kind}.${Number(extra[2]) + 1}`;
  }
  const asset = /^ad\.assets\.(\w+)/.exec(clean);
  if (asset) return `assets.${asset[1]}`;
  const direct: [RegExp, string][] = [
    [/^adAccountId/, 'accountId'],
    [/^name$/, 'name'],
    [/^objective/, 'objective'],
    [/^budget\.kind/, 'budgetKind'],
    [/^budget/, 'amount'],
    [/^startDate/, 'startDate'],
    [/^endDate/, 'endDate'],
    [/^adGroup\.name/, 'adGroupName'],
    [/^adGroup\.countries/, 'countries'],
    [/^adGroup\.ageMin/, 'ageMin'],
    [/^adGroup\.ageMax/, 'ageMax'],
    [/^adGroup/, 'adGroupName'],
    [/^ad\.name/, 'adName'],
    [/^ad\.headline/, 'headlines.0'],
    [/^ad\.description/, 'descriptions.0'],
    [/^ad\.finalUrl/, 'finalUrl'],
    [/^ad\.callToAction/, 'callToAction'],
    [/^ad/, 'adName'],
  ];
  return direct.find(([pattern]) => pattern.test(clean))?.[1] ?? null;
}

/** Double-width characters (CJK, kana, Hangul, full-width forms): they count 2 where the platform says so. */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** A text's length as the platform counts it: characters (an emoji is one), double-width ones twice where `countsWide`. */
export function textLength(text: string, countsWide: boolean): number {
  let length = 0;
  for (const ch of text) length += countsWide && WIDE.test(ch) ? 2 : 1;
  return length;
}

type TextKind = 'headlines' | 'descriptions';
const TEXT_WORDS: Record<TextKind, { one: string; many: string }> = { headlines: { one: 'Headline', many: 'Headlines' }, descriptions: { one: 'Description', many: 'Descriptions' } };

function textLimit(options: PlatformCreationOptions | undefined, kind: TextKind) {
  return kind === 'headlines' ? options?.adText.headline : options?.adText.description;
}

/** How many texts of a kind the platform's ad takes (absent: exactly one). */
const textCount = (limit: NonNullable<ReturnType<typeof textLimit>>) => limit.count ?? { min: 1, max: 1 };

/** The draft's texts of a kind sized for the platform: at least its minimum count of inputs. */
function sizedTexts(options: PlatformCreationOptions | undefined, kind: TextKind): string[] {
  const limit = textLimit(options, kind);
  if (!limit || limit.max === 0) return [''];
  return Array.from({ length: Math.max(1, textCount(limit).min) }, () => '');
}

const ASSET_LABELS: Record<string, { label: string; hint: string }> = {
  videoId: { label: 'Video id', hint: 'The id of a video in the ad account’s library.' },
  pageId: { label: 'Facebook Page id', hint: 'The Page the ad runs as.' },
  identityId: { label: 'Identity id', hint: 'The custom identity (name and avatar) the ad runs as.' },
};
const assetLabel = (asset: string) => ASSET_LABELS[asset] ?? { label: asset, hint: '' };

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

const humanize = (value: string) => {
  const words = value.replace(/^OUTCOME_/, '').toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Accounts a campaign can be created in: added (selected), of active connections, not managers. */
export function eligibleAccounts(overview: ConnectionsOverview | undefined, platform: PlatformId | null): AdAccount[] {
  return (overview?.connections ?? [])
    .filter((c) => c.status === 'active' && (platform === null || c.platform === platform))
    .flatMap((c) => c.accounts.filter((a) => a.selected && !a.isManager));
}

interface Context {
  options: PlatformCreationOptions | undefined;
  account: AdAccount | undefined;
  today: string;
}

function validate(step: StepId, draft: Draft, ctx: Context): Errors {
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
    case 'budget': {
      const currency = ctx.account?.currency ?? 'USD';
      const parsed = parseAmountToMicros(draft.amount, currency);
      const min = ctx.options?.minDailyBudgetMicros[currency];
      if (!parsed.ok) errors.amount = parsed.error;
      else if (parsed.micros < 1) errors.amount = 'Enter an amount above zero';
      else if (min !== undefined && parsed.micros < min)
        errors.amount = `The smallest ${draft.budgetKind} budget on ${PLATFORM_NAMES[ctx.options!.platform]} is ${formatMicros(min, currency)}`;
      if (draft.startDate && draft.startDate < ctx.today) errors.startDate = 'Choose today or a later date';
      if (draft.budgetKind === 'lifetime' && !draft.endDate) errors.endDate = 'A lifetime budget needs an end date';
      else if (draft.endDate && draft.endDate < (draft.startDate || ctx.today)) errors.endDate = 'Choose an end date on or after the start date';
      break;
    }
    case 'adGroup':
      if (!draft.adGroupName.trim()) errors.adGroupName = 'Enter an ad group name';
      if (draft.countries.length === 0) errors.countries = 'Add at least one country';
      else if (draft.countries.length > 50) errors.countries = 'Add at most 50 countries';
      if (draft.ageMin && draft.ageMax && Number(draft.ageMin) > Number(draft.ageMax)) errors.ageMax = 'The maximum age must be at least the minimum age';
      break;
    case 'ad': {
      if (!draft.adName.trim()) errors.adName = 'Enter an ad name';
      for (const kind of ['headlines', 'descriptions'] as const) Object.assign(errors, validateTexts(kind, draft[kind], ctx.options));
      if (!isHttpUrl(draft.finalUrl.trim())) errors.finalUrl = 'Enter the full address of the landing page, like https://example.com/offer';
      for (const asset of ctx.options?.requiredAdAssets ?? []) if (!draft.assets[asset]?.trim()) errors[`assets.${asset}`] = `Enter the ${assetLabel(asset).label.toLowerCase()}`;
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
  const words = TEXT_WORDS[kind];
  const count = textCount(limit);
  const countsWide = options?.adText.countsWide ?? false;
  const filled = texts.filter((t) => t.trim() !== '').length;
  const seen = new Set<string>();
  texts.forEach((text, i) => {
    const key = `${kind}.${i}`;
    const label = count.max > 1 ? `${words.one.toLowerCase()} ${i + 1}` : words.one.toLowerCase();
    const length = textLength(text, countsWide);
    if (length > limit.max) errors[key] = `Use at most ${limit.max} characters${countsWide ? ' (double-width characters count 2)' : ''}`;
    else if (text.trim() === '' && (limit.required || filled > 0) && (i < count.min || count.max > 1)) errors[key] = `Enter ${count.max > 1 ? `${label}` : `a ${label}`}`;
    const normal = text.trim().toLowerCase();
    if (normal && seen.has(normal)) errors[key] ??= `This repeats another ${words.one.toLowerCase()}`;
    seen.add(normal);
  });
  if ((limit.required || filled > 0) && texts.length < count.min) errors[kind] = `The ad needs at least ${count.min} ${words.many.toLowerCase()}`;
  return errors;
}

function toBody(draft: Draft, account: AdAccount, options: PlatformCreationOptions): NewCampaignBody {
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
    },
    ad: {
      name: draft.adName.trim(),
      ...adTexts('headline', draft.headlines, options.adText.headline),
      ...adTexts('description', draft.descriptions, options.adText.description),
      finalUrl: draft.finalUrl.trim(),
      ...(draft.callToAction ? { callToAction: draft.callToAction } : {}),
      ...(Object.values(draft.assets).some((v) => v.trim()) ? { assets: Object.fromEntries(Object.entries(draft.assets).filter(([, v]) => v.trim()).map(([a, v]) => [a, v.trim()])) } : {}),
    },
  };
}

/** `headline` plus `extraHeadlines` (or the descriptions) as the API takes them; empty when the platform has none. */
function adTexts<K extends 'headline' | 'description'>(kind: K, texts: string[], limit: PlatformCreationOptions['adText']['headline']) {
  const trimmed = limit.max === 0 ? [] : texts.map((t) => t.trim());
  const extra = trimmed.slice(1).filter(Boolean);
  const extraKey = kind === 'headline' ? 'extraHeadlines' : 'extraDescriptions';
  return { [kind]: trimmed[0] ?? '', ...(extra.length > 0 ? { [extraKey]: extra } : {}) } as { [P in K]: string } & { extraHeadlines?: string[]; extraDescriptions?: string[] };
}

export function NewCampaignPage() {
  const { org } = useCurrentOrg();
  const back = (
    <Link to="/orgs/$orgId/campaigns" params={{ orgId: org.id }} className="text-sm font-medium text-indigo-700 hover:underline">
      ← Campaigns
    </Link>
  );
  const options = useQuery({ queryKey: keys.creationOptions(org.id), queryFn: () => api.get<CreationOptions>(`/orgs/${org.id}/campaigns/creation-options`), enabled: canEditCampaigns(org.role) });
  const overview = useQuery({ queryKey: keys.connections(org.id), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${org.id}/connections`), enabled: canEditCampaigns(org.role) });

  let body: ReactNode;
  if (!canEditCampaigns(org.role)) body = <Alert tone="info">Viewers cannot create campaigns. Ask an owner, admin or member of {org.name}.</Alert>;
  else if (options.isPending || overview.isPending) body = <LoadingState label="Loading what you can create…" />;
  else if (options.isError) body = <ErrorState error={options.error} orgId={org.id} onRetry={() => void options.refetch()} />;
  else if (overview.isError) body = <ErrorState error={overview.error} orgId={org.id} onRetry={() => void overview.refetch()} />;
  else if (options.data.platforms.length === 0 || eligibleAccounts(overview.data, null).length === 0)
    body = (
      <EmptyState
        title="No account to create a campaign in"
        action={
          <Link to="/orgs/$orgId/connections" params={{ orgId: org.id }} className={buttonClass('primary')}>
            Go to Connections
          </Link>
        }
      >
        Connect a platform and add an ad account first.
      </EmptyState>
    );
  else body = <Wizard orgId={org.id} options={options.data} overview={overview.data} />;

  return (
    <div className="space-y-5">
      {back}
      <h1 className="text-2xl font-semibold tracking-tight text-gray-900">New campaign</h1>
      {body}
    </div>
  );
}

function Wizard({ orgId, options, overview }: { orgId: string; options: CreationOptions; overview: ConnectionsOverview }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [step, setStep] = useState<StepId>('platform');
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedCampaign | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [step, created]);

  const platformOptions = options.platforms.find((p) => p.platform === draft.platform);
  const accounts = eligibleAccounts(overview, draft.platform);
  const account = accounts.find((a) => a.id === draft.accountId);
  const ctx: Context = { options: platformOptions, account, today: todayIn(account?.timeZone) };
  const stepIndex = STEPS.findIndex((s) => s.id === step);

  /** Forgets the errors of a field (and of its indexed parts) once the person changes it. */
  const clearErrors = (prefix: string) =>
    setErrors((e) => {
      const stale = Object.keys(e).filter((k) => k === prefix || k.startsWith(`${prefix}.`) || prefix.startsWith(`${k}.`));
      if (stale.length === 0) return e;
      const next = { ...e };
      for (const key of stale) delete next[key];
      return next;
    });
  const set: Setter = (field, value) => {
    setDraft((d) => ({ ...d, [field]: value }));
    clearErrors(field);
  };
  const setText = (kind: TextKind, index: number, value: string | null) => {
    setDraft((d) => {
      const texts = [...d[kind]];
      if (value === null) texts.splice(index, 1);
      else texts[index] = value;
      return { ...d, [kind]: texts };
    });
    clearErrors(value === null ? kind : `${kind}.${index}`);
  };
  const setAsset = (asset: string, value: string) => {
    setDraft((d) => ({ ...d, assets: { ...d.assets, [asset]: value } }));
    clearErrors(`assets.${asset}`);
  };
  const choosePlatform = (platform: PlatformId) => {
    const chosen = options.platforms.find((p) => p.platform === platform);
    // A new platform: its accounts, objectives and ad rules differ; the names typed so far stay.
    setDraft((d) => ({ ...EMPTY, name: d.name, adGroupName: d.adGroupName, adName: d.adName, finalUrl: d.finalUrl, countries: d.countries, platform, headlines: sizedTexts(chosen, 'headlines'), descriptions: sizedTexts(chosen, 'descriptions') }));
    setErrors({});
  };

  const create = useMutation({
    mutationFn: (body: NewCampaignBody) => api.post<CreatedCampaign>(`/orgs/${orgId}/campaigns`, body),
    onSuccess: async (result) => {
      setCreated(result);
      await Promise.all([queryClient.invalidateQueries({ queryKey: keys.campaignList(orgId) }), queryClient.invalidateQueries({ queryKey: keys.dashboard(orgId) })]);
    },
    onError: (error) => {
      // Field issues go back to the step that asks for the field; the first such step opens.
      if (isApiError(error) && error.issues.length > 0) {
        const fieldErrors: Errors = {};
        const other: string[] = [];
        for (const issue of error.issues) {
          const field = apiField(issue.field);
          if (field) fieldErrors[field] ??= issue.message;
          else other.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
        }
        setErrors(fieldErrors);
        setFormError(other.length ? other.join('; ') : null);
        const firstStep = STEPS.find((s) => Object.keys(fieldErrors).some((f) => stepOf(f) === s.id));
        if (firstStep) setStep(firstStep.id);
      } else {
        setFormError(error instanceof Error ? error.message : 'Something went wrong');
      }
    },
  });

  const next = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = validate(step, draft, ctx);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (step === 'review') {
      // Every step again: the API would refuse what a step let through since.
      for (const s of STEPS) {
        const all = validate(s.id, draft, ctx);
        if (Object.keys(all).length > 0) {
          setErrors(all);
          setStep(s.id);
          return;
        }
      }
      setFormError(null);
      if (account && platformOptions) create.mutate(toBody(draft, account, platformOptions));
      return;
    }
    setStep(STEPS[stepIndex + 1]!.id);
  };
  const back = () => {
    setErrors({});
    setStep(STEPS[Math.max(0, stepIndex - 1)]!.id);
  };

  if (created) {
    const c = created.campaign;
    return (
      <section aria-labelledby="created-heading" className="rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200">
        <h2 id="created-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-gray-900 focus:outline-none">
          Campaign created
        </h2>
        <p className="mt-2 text-sm text-gray-600">
          “{c.name}” was created on {PLATFORM_NAMES[c.platform]} in {c.accountName}, {c.status === 'active' ? 'delivering' : 'paused'}. Its numbers appear after the next sync.
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId, campaignId: c.id }} className={buttonClass('primary')}>
            Open the campaign
          </Link>
          <Link to="/orgs/$orgId/campaigns" params={{ orgId }} className={buttonClass('secondary')}>
            Back to campaigns
          </Link>
          <Button
            variant="ghost"
            onClick={() => {
              setCreated(null);
              setDraft(EMPTY);
              setStep('platform');
              create.reset();
            }}
          >
            Create another
          </Button>
        </div>
      </section>
    );
  }

  // Texts over the platform's limit block Next at once (their counters are red).
  const countsWide = platformOptions?.adText.countsWide ?? false;
  const adOver = platformOptions
    ? draft.headlines.some((t) => textLength(t, countsWide) > platformOptions.adText.headline.max) || draft.descriptions.some((t) => textLength(t, countsWide) > platformOptions.adText.description.max)
    : false;
  const stepLabel = STEPS[stepIndex]!.label;

  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Steps">
        <ol className="relative flex gap-1 overflow-x-auto md:flex-col">
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                disabled={i > stepIndex}
                onClick={() => {
                  setErrors({});
                  setStep(s.id);
                }}
                aria-current={s.id === step ? 'step' : undefined}
                className={`flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm whitespace-nowrap ${s.id === step ? 'bg-white font-semibold text-indigo-700 shadow-sm ring-1 ring-gray-200' : i < stepIndex ? 'text-gray-700 hover:bg-gray-100' : 'text-gray-400'}`}
              >
                <span className={`flex size-5 shrink-0 items-center justify-center rounded-full text-xs ${i < stepIndex ? 'bg-indigo-600 text-white' : s.id === step ? 'ring-2 ring-indigo-600' : 'ring-1 ring-gray-300'}`} aria-hidden="true">
                  {i + 1}
                </span>
                {s.label}
                {i < stepIndex && <span className="sr-only"> (done)</span>}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      <form onSubmit={next} noValidate className="space-y-5 rounded-lg bg-white p-6 shadow-sm ring-1 ring-gray-200" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={heading} tabIndex={-1} className="text-lg font-semibold text-gray-900 focus:outline-none">
          <span className="sr-only">
            Step {stepIndex + 1} of {STEPS.length}:{' '}
          </span>
          {stepLabel}
        </h2>
        {step === 'platform' && <PlatformStep draft={draft} options={options} overview={overview} error={errors.platform} onChange={choosePlatform} />}
        {step === 'account' && <AccountStep draft={draft} accounts={accounts} orgId={orgId} error={errors.accountId} onChange={(id) => set('accountId', id)} />}
        {step === 'objective' && platformOptions && <ObjectiveStep draft={draft} options={platformOptions} errors={errors} set={set} />}
        {step === 'budget' && platformOptions && account && <BudgetStep draft={draft} options={platformOptions} account={account} today={ctx.today} errors={errors} set={set} />}
        {step === 'adGroup' && <AdGroupStep draft={draft} errors={errors} set={set} />}
        {step === 'ad' && platformOptions && <AdStep draft={draft} options={platformOptions} errors={errors} set={set} setText={setText} setAsset={setAsset} />}
        {step === 'review' && account && platformOptions && <ReviewStep draft={draft} account={account} options={platformOptions} goTo={setStep} set={set} />}
        {step === 'review' && <FormError message={formError} />}
        <div className="flex justify-between gap-2 border-t border-gray-100 pt-4">
          <Button variant="secondary" onClick={back} disabled={stepIndex === 0 || create.isPending}>
            Back
          </Button>
          {step === 'review' ? (
            <Button type="submit" isLoading={create.isPending}>
              Create campaign
            </Button>
          ) : (
            <Button type="submit" disabled={step === 'ad' && adOver}>
              Next
            </Button>
          )}
        </div>
      </form>
    </div>
  );
}

type Setter = <K extends keyof Draft>(field: K, value: Draft[K]) => void;

function ChoiceList({ legend, error, children }: { legend: string; error?: string | undefined; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-gray-800">{legend}</legend>
      <div className="mt-2 space-y-2">{children}</div>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function Choice({ name, value, checked, disabled, onChange, label, detail }: { name: string; value: string; checked: boolean; disabled?: boolean; onChange: () => void; label: ReactNode; detail?: ReactNode }) {
  const id = useId();
  return (
    <div className={`flex items-start gap-3 rounded-md px-3 py-2.5 ring-1 ${checked ? 'bg-indigo-50 ring-indigo-300' : 'ring-gray-200'} ${disabled ? 'opacity-60' : ''}`}>
      <input id={id} type="radio" name={name} value={value} checked={checked} disabled={disabled} onChange={onChange} className="mt-0.5 size-4 accent-indigo-600" aria-describedby={detail ? `${id}-detail` : undefined} />
      <div className="min-w-0 text-sm">
        <label htmlFor={id} className="font-medium text-gray-900">
          {label}
        </label>
        {detail && (
          <div id={`${id}-detail`} className="text-xs text-gray-500">
            {detail}
          </div>
        )}
      </div>
    </div>
  );
}

function PlatformStep({ draft, options, overview, error, onChange }: { draft: Draft; options: CreationOptions; overview: ConnectionsOverview; error?: string | undefined; onChange: (p: PlatformId) => void }) {
  return (
    <ChoiceList legend="Where should the campaign run?" error={error}>
      {options.platforms.map((p) => {
        const count = eligibleAccounts(overview, p.platform).length;
        return (
          <Choice
            key={p.platform}
            name="platform"
            value={p.platform}
            checked={draft.platform === p.platform}
            disabled={count === 0}
            onChange={() => onChange(p.platform)}
            label={PLATFORM_NAMES[p.platform]}
            detail={count === 0 ? `No ${PLATFORM_NAMES[p.platform]} account added yet: add one on the Connections page.` : `${count} account${count === 1 ? '' : 's'} · ${p.objectives.length} objectives${p.lifetimeBudgets ? ' · daily or lifetime budgets' : ' · daily budgets'}`}
          />
        );
      })}
    </ChoiceList>
  );
}

function AccountStep({ draft, accounts, orgId, error, onChange }: { draft: Draft; accounts: AdAccount[]; orgId: string; error?: string | undefined; onChange: (id: string) => void }) {
  if (accounts.length === 0)
    return (
      <EmptyState
        title="No account on this platform"
        action={
          <Link to="/orgs/$orgId/connections" params={{ orgId }} className={buttonClass('secondary')}>
            Go to Connections
          </Link>
        }
      >
        Only accounts added to Adloop, of connections that work, can get new campaigns.
      </EmptyState>
    );
  return (
    <ChoiceList legend="Which ad account?" error={error}>
      {accounts.map((a) => (
        <Choice
          key={a.id}
          name="account"
          value={a.id}
          checked={draft.accountId === a.id}
          onChange={() => onChange(a.id)}
          label={a.name}
          detail={
            <>
              <span className="font-mono">{a.platformAccountId}</span> · {a.currency} · {a.timeZone}
            </>
          }
        />
      ))}
    </ChoiceList>
  );
}

function ObjectiveStep({ draft, options, errors, set }: { draft: Draft; options: PlatformCreationOptions; errors: Errors; set: Setter }) {
  return (
    <>
      <TextField label="Campaign name" name="name" value={draft.name} maxLength={255} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} autoComplete="off" />
      <ChoiceList legend="Objective" error={errors.objective}>
        {options.objectives.map((o) => (
          <Choice key={o} name="objective" value={o} checked={draft.objective === o} onChange={() => set('objective', o)} label={humanize(o)} detail={<span className="font-mono">{o}</span>} />
        ))}
      </ChoiceList>
    </>
  );
}

function BudgetStep({ draft, options, account, today, errors, set }: { draft: Draft; options: PlatformCreationOptions; account: AdAccount; today: string; errors: Errors; set: Setter }) {
  const min = options.minDailyBudgetMicros[account.currency];
  const digits = currencyDigits(account.currency);
  return (
    <>
      {options.lifetimeBudgets ? (
        <ChoiceList legend="Budget type" error={errors.budgetKind}>
          <Choice name="budgetKind" value="daily" checked={draft.budgetKind === 'daily'} onChange={() => set('budgetKind', 'daily')} label="Daily budget" detail="Spend up to this much per day." />
          <Choice name="budgetKind" value="lifetime" checked={draft.budgetKind === 'lifetime'} onChange={() => set('budgetKind', 'lifetime')} label="Lifetime budget" detail="Spend this much in total, up to the end date." />
        </ChoiceList>
      ) : (
        <p className="text-sm text-gray-600">{PLATFORM_NAMES[options.platform]} campaigns created here use a daily budget.</p>
      )}
      <TextField
        label={`${draft.budgetKind === 'daily' ? 'Daily' : 'Lifetime'} budget in ${account.currency}`}
        name="amount"
        inputMode="decimal"
        autoComplete="off"
        placeholder={digits ? `25.${'0'.repeat(digits)}` : '2500'}
        value={draft.amount}
        onChange={(e) => set('amount', e.currentTarget.value)}
        error={errors.amount}
        hint={min !== undefined ? `Minimum: ${formatMicros(min, account.currency)}${draft.budgetKind === 'daily' ? ' a day' : ''}` : `In ${account.currency}, the account’s currency.`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Start date (optional)" name="startDate" type="date" min={today} value={draft.startDate} onChange={(e) => set('startDate', e.currentTarget.value)} error={errors.startDate} hint="Empty: start right away." />
        <TextField
          label={draft.budgetKind === 'lifetime' ? 'End date' : 'End date (optional)'}
          name="endDate"
          type="date"
          min={draft.startDate || today}
          value={draft.endDate}
          onChange={(e) => set('endDate', e.currentTarget.value)}
          error={errors.endDate}
          hint={draft.budgetKind === 'lifetime' ? 'The lifetime budget is spread up to this day.' : 'Empty: run until paused.'}
          required={draft.budgetKind === 'lifetime'}
        />
      </div>
      <p className="text-xs text-gray-500">Dates are in the account’s time zone, {account.timeZone}.</p>
    </>
  );
}

const AGES = Array.from({ length: 65 - 13 + 1 }, (_, i) => String(13 + i));

function AdGroupStep({ draft, errors, set }: { draft: Draft; errors: Errors; set: Setter }) {
  return (
    <>
      <TextField label="Ad group name" name="adGroupName" value={draft.adGroupName} maxLength={255} onChange={(e) => set('adGroupName', e.currentTarget.value)} error={errors.adGroupName} autoComplete="off" />
      <CountriesInput value={draft.countries} onChange={(c) => set('countries', c)} error={errors.countries} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Minimum age" name="ageMin" value={draft.ageMin} onChange={(e) => set('ageMin', e.currentTarget.value)} error={errors.ageMin} options={[{ value: '', label: 'Any (13)' }, ...AGES.map((a) => ({ value: a, label: a }))]} />
        <SelectField
          label="Maximum age"
          name="ageMax"
          value={draft.ageMax}
          onChange={(e) => set('ageMax', e.currentTarget.value)}
          error={errors.ageMax}
          options={[{ value: '', label: 'Any (65+)' }, ...AGES.map((a) => ({ value: a, label: a === '65' ? '65+' : a }))]}
        />
      </div>
    </>
  );
}

/** Two-letter country codes as removable chips: type "US, DE" and press Enter (or Add). */
function CountriesInput({ value, onChange, error }: { value: string[]; onChange: (countries: string[]) => void; error?: string | undefined }) {
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const shownError = problem ?? error;

  const add = () => {
    const codes = text
      .split(/[\s,;]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    if (codes.length === 0) return;
    // ISO 3166 codes: "UK" is not one (the United Kingdom is GB), nor are unknown ones.
    const bad = codes.filter((c) => !/^[A-Z]{2}$/.test(c) || c === 'ZZ' || c === 'UK' || countryName(c) === c);
    if (bad.length > 0) {
      setProblem(`${bad.join(', ')}: use two-letter country codes like US or DE${bad.includes('UK') ? ' (the United Kingdom is GB)' : ''}`);
      return;
    }
    setProblem(null);
    onChange([...new Set([...value, ...codes])]);
    setText('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-gray-800">
        Countries
      </label>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Chosen countries">
          {value.map((code) => (
            <li key={code} className="inline-flex items-center gap-1 rounded-full bg-indigo-50 py-0.5 pr-1 pl-2.5 text-xs text-indigo-900 ring-1 ring-indigo-200">
              <span className="font-mono font-semibold">{code}</span> {countryName(code)}
              <button type="button" className="rounded-full p-0.5 hover:bg-indigo-100" aria-label={`Remove ${countryName(code)} (${code})`} onClick={() => onChange(value.filter((c) => c !== code))}>
                <svg viewBox="0 0 20 20" className="size-3" aria-hidden="true">
                  <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" />
                </svg>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <input
          id={id}
          className="block w-full rounded-md border-0 px-3 py-2 text-sm uppercase ring-1 ring-inset ring-gray-300 placeholder:normal-case focus:ring-2 focus:ring-indigo-600 aria-[invalid=true]:ring-red-500"
          value={text}
          placeholder="US, DE, FR"
          autoComplete="off"
          onChange={(e) => {
            setText(e.currentTarget.value);
            setProblem(null);
          }}
          onKeyDown={onKeyDown}
          aria-invalid={shownError ? true : undefined}
          aria-describedby={shownError ? `${id}-error` : `${id}-hint`}
        />
        <Button variant="secondary" onClick={add}>
          Add
        </Button>
      </div>
      {shownError ? (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {shownError}
        </p>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-gray-500">
          Two-letter codes, separated by commas; Enter adds them.
        </p>
      )}
    </div>
  );
}

/** A text input with a live character counter against the platform's limit. */
function CountedField({
  label,
  value,
  max,
  countsWide,
  optional,
  multiline,
  error,
  onChange,
  onRemove,
}: {
  label: string;
  value: string;
  max: number;
  countsWide: boolean;
  optional: boolean;
  multiline?: boolean | undefined;
  error?: string | undefined;
  onChange: (text: string) => void;
  onRemove?: (() => void) | undefined;
}) {
  const id = useId();
  const count = textLength(value, countsWide);
  const over = count > max;
  const invalid = over || Boolean(error);
  const inputClass = 'block w-full rounded-md border-0 px-3 py-2 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500';
  const shared = {
    id,
    value,
    className: inputClass,
    'aria-invalid': invalid ? true : undefined,
    'aria-describedby': `${id}-count${error && !over ? ` ${id}-error` : ''}`,
    'aria-required': !optional || undefined,
  } as const;
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="block text-sm font-medium text-gray-800">
          {label}
          {optional && <span className="font-normal text-gray-500"> (optional)</span>}
        </label>
        <span id={`${id}-count`} className={`text-xs tabular-nums ${over ? 'font-semibold text-red-600' : 'text-gray-500'}`}>
          {count} / {max}
          <span className="sr-only"> characters{countsWide ? ', double-width characters count 2' : ''}</span>
          {over && ` · ${count - max} too many`}
        </span>
      </div>
      <div className="flex items-start gap-2">
        {multiline ? <textarea rows={3} {...shared} onChange={(e) => onChange(e.currentTarget.value)} /> : <input autoComplete="off" {...shared} onChange={(e) => onChange(e.currentTarget.value)} />}
        {onRemove && (
          <Button variant="ghost" className="px-2" onClick={onRemove}>
            Remove<span className="sr-only"> {label.toLowerCase()}</span>
          </Button>
        )}
      </div>
      <p className="sr-only" aria-live="polite">
        {over ? `${label} is ${count - max} characters too long` : ''}
      </p>
      {error && !over && (
        <p id={`${id}-error`} className="text-sm text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** The headlines (or descriptions) of the ad: one field, or as many as the platform's ad takes. */
function AdTexts({ kind, texts, options, errors, setText }: { kind: TextKind; texts: string[]; options: PlatformCreationOptions; errors: Errors; setText: (kind: TextKind, index: number, value: string | null) => void }) {
  const limit = textLimit(options, kind)!;
  if (limit.max === 0) return null;
  const words = TEXT_WORDS[kind];
  const count = textCount(limit);
  const { countsWide } = options.adText;
  if (count.max <= 1) {
    return (
      <CountedField
        label={words.one}
        value={texts[0] ?? ''}
        max={limit.max}
        countsWide={countsWide}
        optional={!limit.required}
        multiline={kind === 'descriptions'}
        error={errors[`${kind}.0`]}
        onChange={(t) => setText(kind, 0, t)}
      />
    );
  }
  return (
    <fieldset className="space-y-3" aria-describedby={errors[kind] ? `${kind}-error` : undefined}>
      <legend className="text-sm font-medium text-gray-800">
        {words.many}{' '}
        <span className="font-normal text-gray-500">
          ({count.min} to {count.max}, each at most {limit.max} characters)
        </span>
      </legend>
      {texts.map((text, i) => (
        <CountedField
          key={i}
          label={`${words.one} ${i + 1}`}
          value={text}
          max={limit.max}
          countsWide={countsWide}
          optional={i >= count.min}
          error={errors[`${kind}.${i}`]}
          onChange={(t) => setText(kind, i, t)}
          onRemove={i >= count.min ? () => setText(kind, i, null) : undefined}
        />
      ))}
      {errors[kind] && (
        <p id={`${kind}-error`} className="text-sm text-red-600">
          {errors[kind]}
        </p>
      )}
      {texts.length < count.max && (
        <Button variant="secondary" onClick={() => setText(kind, texts.length, '')}>
          Add {words.one.toLowerCase()}
        </Button>
      )}
    </fieldset>
  );
}

/**
 * The asset inputs: the ones the platform always needs, plus any the API asked for (a Meta
 * account with several Pages needs the Page named) or the person already filled in.
 */
function shownAssets(options: PlatformCreationOptions, draft: Draft, errors: Errors): string[] {
  const asked = Object.keys(errors).filter((k) => k.startsWith('assets.')).map((k) => k.slice('assets.'.length));
  return [...new Set([...options.requiredAdAssets, ...Object.keys(draft.assets), ...asked])].filter((a) => /^\w+$/.test(a));
}

function AdStep({
  draft,
  options,
  errors,
  set,
  setText,
  setAsset,
}: {
  draft: Draft;
  options: PlatformCreationOptions;
  errors: Errors;
  set: Setter;
  setText: (kind: TextKind, index: number, value: string | null) => void;
  setAsset: (asset: string, value: string) => void;
}) {
  const { adText } = options;
  return (
    <>
      <TextField label="Ad name" name="adName" value={draft.adName} maxLength={255} onChange={(e) => set('adName', e.currentTarget.value)} error={errors.adName} autoComplete="off" />
      <AdTexts kind="headlines" texts={draft.headlines} options={options} errors={errors} setText={setText} />
      <AdTexts kind="descriptions" texts={draft.descriptions} options={options} errors={errors} setText={setText} />
      <TextField label="Final URL" name="finalUrl" type="url" inputMode="url" placeholder="https://example.com/offer" value={draft.finalUrl} onChange={(e) => set('finalUrl', e.currentTarget.value)} error={errors.finalUrl} autoComplete="url" />
      {adText.callToActions && adText.callToActions.length > 0 && (
        <SelectField
          label="Call to action"
          name="callToAction"
          value={draft.callToAction}
          onChange={(e) => set('callToAction', e.currentTarget.value)}
          error={errors.callToAction}
          options={[{ value: '', label: 'None' }, ...adText.callToActions.map((c) => ({ value: c, label: humanize(c) }))]}
        />
      )}
      {shownAssets(options, draft, errors).map((asset) => (
        <TextField
          key={asset}
          label={assetLabel(asset).label}
          name={`assets.${asset}`}
          value={draft.assets[asset] ?? ''}
          onChange={(e) => setAsset(asset, e.currentTarget.value)}
          error={errors[`assets.${asset}`]}
          hint={assetLabel(asset).hint}
          autoComplete="off"
        />
      ))}
    </>
  );
}

function ReviewStep({ draft, account, options, goTo, set }: { draft: Draft; account: AdAccount; options: PlatformCreationOptions; goTo: (step: StepId) => void; set: Setter }) {
  const amount = parseAmountToMicros(draft.amount, account.currency);
  const rows: { step: StepId; label: string; value: ReactNode }[] = [
    { step: 'platform', label: 'Platform', value: draft.platform ? PLATFORM_NAMES[draft.platform] : '—' },
    { step: 'account', label: 'Account', value: `${account.name} (${account.currency})` },
    { step: 'objective', label: 'Campaign', value: `${draft.name.trim()} · ${humanize(draft.objective)}` },
    {
      step: 'budget',
      label: 'Budget',
      value: `${amount.ok ? formatMicros(amount.micros, account.currency) : draft.amount} ${draft.budgetKind === 'daily' ? 'per day' : 'in total'}${draft.startDate ? `, from ${formatDay(draft.startDate)}` : ''}${draft.endDate ? ` to ${formatDay(draft.endDate)}` : ''}`,
    },
    {
      step: 'adGroup',
      label: 'Ad group',
      value: `${draft.adGroupName.trim()} · ${draft.countries.join(', ')} · ages ${draft.ageMin || '13'}–${draft.ageMax || '65+'}`,
    },
    {
      step: 'ad',
      label: 'Ad',
      value: (
        <>
          <span className="block">{draft.adName.trim()}</span>
          {options.adText.headline.max > 0 &&
            draft.headlines.filter((t) => t.trim()).map((t, i) => (
              <span key={`h${i}`} className="block font-medium">
                {t}
              </span>
            ))}
          {options.adText.description.max > 0 &&
            draft.descriptions.filter((t) => t.trim()).map((t, i) => (
              <span key={`d${i}`} className="block text-gray-600">
                {t}
              </span>
            ))}
          <span className="block font-mono text-xs break-all">{draft.finalUrl}</span>
          {draft.callToAction && <span className="block text-xs">Button: {humanize(draft.callToAction)}</span>}
          {Object.keys(draft.assets).filter((asset) => draft.assets[asset]?.trim()).map((asset) => (
            <span key={asset} className="block text-xs">
              {assetLabel(asset).label}: <span className="font-mono">{draft.assets[asset]}</span>
            </span>
          ))}
        </>
      ),
    },
  ];
  return (
    <>
      <dl className="divide-y divide-gray-100 text-sm">
        {rows.map((row) => (
          <div key={row.step} className="grid grid-cols-[7rem_1fr_auto] items-start gap-3 py-2.5">
            <dt className="text-gray-500">{row.label}</dt>
            <dd className="min-w-0 text-gray-900">{row.value}</dd>
            <dd>
              <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => goTo(row.step)}>
                Edit<span className="sr-only"> {row.label.toLowerCase()}</span>
              </Button>
            </dd>
          </div>
        ))}
      </dl>
      <div className="flex items-start gap-3">
        <input id="start-active" type="checkbox" className="mt-1 size-4 accent-indigo-600" checked={draft.startActive} onChange={(e) => set('startActive', e.currentTarget.checked)} aria-describedby="start-active-hint" />
        <div>
          <label htmlFor="start-active" className="text-sm font-medium text-gray-800">
            Start delivering right away
          </label>
          <p id="start-active-hint" className="text-xs text-gray-500">
            Otherwise the campaign is created paused, and you enable it when ready.
          </p>
        </div>
      </div>
    </>
  );
}
