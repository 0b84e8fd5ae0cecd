import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adTextLength } from '@adloop/contracts/ad-text';
import { api, isApiError } from '../../lib/api.ts';
import { adAssetsQuery, canEditCampaigns, keys } from '../../lib/queries.ts';
import type { ConnectionsOverview, CreatedCampaign, CreationOptions, NewCampaignBody, PlatformId } from '../../lib/types.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { todayIn } from '@adloop/engine';
import { STEPS, stepLabelOf, type StepId, type Draft, EMPTY, type Errors, type TextKind, sizedTexts, eligibleAccounts, type Context, validate, toBody } from './wizard-model.ts';
import { type Setter } from './wizard-fields.tsx';
import { clearWizard, loadWizard, saveWizard } from './wizard-draft.ts';
import { apiField, stepOf } from './wizard-api-fields.ts';
import { taggedUrl, utmTags } from './wizard-utm.tsx';
import { AdPreview } from './wizard-preview.tsx';
import { LaunchProposed, launchProposal } from '../approvals/launch-proposal.tsx';
import type { UtmTemplateResponse } from '@adloop/contracts';
import { PlatformStep, AccountStep, ObjectiveStep, AdGroupStep, AdStep } from './wizard-steps.tsx';
import { ReviewStep } from './wizard-review-step.tsx';
import { BudgetStep } from './wizard-budget-step.tsx';
import { WizardCopy, type WizardAdTexts } from '../copy/wizard-copy.tsx';

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
  const [restored] = useState(() => loadWizard(orgId));
  const [draft, setDraft] = useState<Draft>(restored?.draft ?? EMPTY);
  const [step, setStep] = useState<StepId>(restored?.step ?? 'platform');
  // The furthest step reached: steps up to it can be opened from the list; once the review was
  // reached, a step opened from there goes back to the review in one click.
  const [furthest, setFurthest] = useState<StepId>(restored?.furthest ?? 'platform');
  useEffect(() => saveWizard(orgId, { draft, step, furthest }), [orgId, draft, step, furthest]);
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
  // The account's videos, Pages and identities: asked of the platform once the ad step shows.
  // The organisation's UTM template: the ad's final URL gets its tags.
  const utm = useQuery({ queryKey: ['orgs', orgId, 'utm-template'], queryFn: () => api.get<UtmTemplateResponse>(`/orgs/${orgId}/utm-template`) });
  const tags = utmTags(draft, account, utm.data?.template);
  const assets = useQuery({ ...adAssetsQuery(orgId, account?.id ?? ''), enabled: account !== undefined && (step === 'ad' || step === 'review') });
  const ctx: Context = { options: platformOptions, account, today: todayIn(account?.timeZone, new Date()), assetChoices: assets.data?.assets };
  const stepIndex = STEPS.findIndex((s) => s.id === step);
  const furthestIndex = STEPS.findIndex((s) => s.id === furthest);
  const reviewed = furthest === 'review';
  const goTo = (target: StepId) => {
    setStep(target);
    if (STEPS.findIndex((s) => s.id === target) > furthestIndex) setFurthest(target);
  };

  /** Forgets the errors of a field (and of its indexed parts) once the person changes it. */
  const clearErrors = useCallback(
    (prefix: string) =>
      setErrors((e) => {
        const stale = Object.keys(e).filter((k) => k === prefix || k.startsWith(`${prefix}.`) || prefix.startsWith(`${k}.`));
        if (stale.length === 0) return e;
        const next = { ...e };
        for (const key of stale) delete next[key];
        return next;
      }),
    [],
  );
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
  const setAsset = useCallback((asset: string, value: string) => {
    setDraft((d) => ({ ...d, assets: { ...d.assets, [asset]: value } }));
    clearErrors(`assets.${asset}`);
  }, [clearErrors]);
  /** "Write with AI" → "Use in the ad": the variation's texts fill the ad step; the launch carries the generation. */
  const applyCopy = (texts: WizardAdTexts, generationId: string) => {
    setDraft((d) => ({ ...d, headlines: texts.headlines, descriptions: texts.descriptions, callToAction: texts.callToAction ?? d.callToAction, copyGenerationId: generationId }));
    for (const field of ['headlines', 'descriptions', 'callToAction']) clearErrors(field);
  };
  /** Assets belong to an account: choosing another forgets the ones picked. */
  const chooseAccount = (accountId: string) => {
    setDraft((d) => (d.accountId === accountId ? { ...d, accountId } : { ...d, accountId, assets: {}, imageHash: '', imageName: '' }));
    clearErrors('accountId');
  };
  const choosePlatform = (platform: PlatformId) => {
    const chosen = options.platforms.find((p) => p.platform === platform);
    // A new platform: its accounts, objectives and ad rules differ; the names typed so far stay.
    setDraft((d) => ({ ...EMPTY, name: d.name, adGroupName: d.adGroupName, keywords: d.keywords, adName: d.adName, finalUrl: d.finalUrl, countries: d.countries, platform, headlines: sizedTexts(chosen, 'headlines'), descriptions: sizedTexts(chosen, 'descriptions') }));
    setErrors({});
  };

  const create = useMutation({
    mutationFn: (body: NewCampaignBody) => api.post<CreatedCampaign>(`/orgs/${orgId}/campaigns`, body),
    onSuccess: async (result) => {
      clearWizard(orgId);
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
        if (firstStep) goTo(firstStep.id);
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
    if (step === 'review' || reviewed) {
      // Every step again: the API would refuse what a step let through since (an edit from the
      // review can make a later step wrong, e.g. another platform's objectives).
      for (const s of STEPS) {
        const all = validate(s.id, draft, ctx);
        if (Object.keys(all).length > 0) {
          setErrors(all);
          setStep(s.id);
          return;
        }
      }
      if (step !== 'review') {
        setStep('review');
        return;
      }
      setFormError(null);
      if (account && platformOptions) create.mutate(toBody(draft, account, platformOptions, taggedUrl(draft, tags)));
      return;
    }
    goTo(STEPS[stepIndex + 1]!.id);
  };
  const back = () => {
    setErrors({});
    setStep(STEPS[Math.max(0, stepIndex - 1)]!.id);
  };

  if (created) {
    const proposal = launchProposal(created);
    if (proposal) return <LaunchProposed orgId={orgId} proposal={proposal} headingRef={heading} />;
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
              setFurthest('platform');
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
    ? draft.headlines.some((t) => adTextLength(t, countsWide) > platformOptions.adText.headline.max) || draft.descriptions.some((t) => adTextLength(t, countsWide) > platformOptions.adText.description.max)
    : false;
  const stepLabel = stepLabelOf(STEPS[stepIndex]!, draft.platform);
  // Why Next cannot be pressed, said next to it.
  const blocked = step !== 'ad' ? null : adOver ? 'Shorten the texts marked in red to go on.' : assets.isLoading ? 'Loading this account’s videos and Pages…' : null;

  return (
    <div className="grid grid-cols-1 gap-6 md:grid-cols-[12rem_1fr]">
      <nav aria-label="Steps">
        <ol className="relative flex gap-1 overflow-x-auto md:flex-col">
          {STEPS.map((s, i) => (
            <li key={s.id}>
              <button
                type="button"
                disabled={i > furthestIndex}
                onClick={() => {
                  setErrors({});
                  setStep(s.id);
                }}
                aria-current={s.id === step ? 'step' : undefined}
                className={`flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm whitespace-nowrap ${s.id === step ? 'bg-white font-semibold text-indigo-700 shadow-sm ring-1 ring-gray-200' : i <= furthestIndex ? 'text-gray-700 hover:bg-gray-100' : 'text-gray-400'}`}
              >
                <span className={`flex size-5 shrink-0 items-center justify-center rounded-full text-xs ${i < furthestIndex && s.id !== step ? 'bg-indigo-600 text-white' : s.id === step ? 'ring-2 ring-indigo-600' : 'ring-1 ring-gray-300'}`} aria-hidden="true">
                  {i + 1}
                </span>
                {stepLabelOf(s, draft.platform)}
                {i < furthestIndex && s.id !== step && <span className="sr-only"> (done)</span>}
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
        {step === 'account' && <AccountStep draft={draft} accounts={accounts} orgId={orgId} error={errors.accountId} onChange={chooseAccount} />}
        {step === 'objective' && platformOptions && <ObjectiveStep draft={draft} options={platformOptions} errors={errors} set={set} />}
        {step === 'budget' && platformOptions && account && <BudgetStep draft={draft} options={platformOptions} account={account} today={ctx.today} errors={errors} set={set} />}
        {step === 'adGroup' && platformOptions && <AdGroupStep draft={draft} options={platformOptions} countries={options.countries} errors={errors} set={set} />}
        {step === 'ad' && platformOptions && (
          <WizardCopy
            orgId={orgId}
            platform={platformOptions.platform}
            prefill={{ product: draft.name.trim() || draft.adGroupName.trim(), keywords: draft.keywords, landingPage: draft.finalUrl.trim() }}
            limits={{ headlines: platformOptions.adText.headline.max === 0 ? 0 : (platformOptions.adText.headline.count?.max ?? 1), descriptions: platformOptions.adText.description.max === 0 ? 0 : (platformOptions.adText.description.count?.max ?? 1) }}
            generationId={draft.copyGenerationId}
            onUse={applyCopy}
            onForget={() => {
              setDraft((d) => ({ ...d, copyGenerationId: '', headlines: sizedTexts(platformOptions, 'headlines'), descriptions: sizedTexts(platformOptions, 'descriptions') }));
              for (const field of ['headlines', 'descriptions']) clearErrors(field);
            }}
          />
        )}
        {step === 'ad' && platformOptions && <AdStep draft={draft} options={platformOptions} errors={errors} set={set} setText={setText} setAsset={setAsset} assets={assets} tags={tags} upload={account ? { orgId, accountId: account.id } : undefined} />}
        {step === 'review' && account && platformOptions && <ReviewStep draft={draft} account={account} options={platformOptions} assets={assets.data} goTo={goTo} set={set} finalUrl={taggedUrl(draft, tags)} />}
        {(step === 'ad' || step === 'review') && account && <AdPreview draft={draft} accountName={account.name} assets={assets.data} finalUrl={taggedUrl(draft, tags)} />}
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
            <div className="flex flex-wrap items-center justify-end gap-3">
              {blocked && (
                <p id="next-blocked" className="text-sm text-gray-600">
                  {blocked}
                </p>
              )}
              <Button type="submit" disabled={blocked !== null} aria-describedby={blocked ? 'next-blocked' : undefined}>
                {reviewed ? 'Back to review' : 'Next'}
              </Button>
            </div>
          )}
        </div>
      </form>
    </div>
  );
}
