import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { isApiError } from '../../lib/api.ts';
import { Alert, FormError } from '../../components/ui/alert.tsx';
import { Badge } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { SelectField, TextField } from '../../components/ui/field.tsx';
import { Spinner } from '../../components/ui/spinner.tsx';
import { EmptyState } from '../../components/ui/states.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { isCapReached, useGenerateCopy, useRegenerateCopy } from './copy-api.ts';
import { ViewPromptButton } from './copy-dialogs.tsx';
import { briefErrors, briefFieldOf, LANGUAGES, toGenerateBody, type BriefDraft, type BriefErrors } from './brief-model.ts';
import { sourceLabel } from './copy-model.ts';
import type { AdCopy, CopyCheck, CopyGeneration, CopyVariation, PlatformId } from './copy-types.ts';
import { MOST_VARIATIONS } from './copy-types.ts';
import { VariationCard } from './variation-card.tsx';

const ALL_PLATFORMS: PlatformId[] = ['google_ads', 'meta', 'tiktok'];

export interface CopyActionContext {
  generation: CopyGeneration;
  platform: PlatformId;
  variation: CopyVariation;
}

/** The panel's brief and its last generation, kept by its host so they outlive a closed dialog. */
export interface CopySession {
  draft: BriefDraft;
  setDraft: React.Dispatch<React.SetStateAction<BriefDraft>>;
  generation: CopyGeneration | null;
  setGeneration: (generation: CopyGeneration | null) => void;
}

export function useCopySession(initialBrief: () => BriefDraft): CopySession {
  const [draft, setDraft] = useState<BriefDraft>(initialBrief);
  const [generation, setGeneration] = useState<CopyGeneration | null>(null);
  return { draft, setDraft, generation, setGeneration };
}

export interface CopyPanelProps {
  orgId: string;
  session: CopySession;
  /** The platform of the ad being written (the wizard's or the ad group's): its variations get the action. */
  platform: PlatformId;
  /** Copy for this ad group (adding ads to it). */
  adGroupId?: string | undefined;
  /** Where the organisation's AI usage is shown (for the cap message). */
  usageLink: ReactNode;
  /** What manual writing means here, said when the AI cannot write. */
  manualHint: ReactNode;
  /** The action on a variation of `platform` (use it in the ad, publish it). */
  renderAction: (copy: AdCopy, publishable: boolean, context: CopyActionContext) => ReactNode;
  /** A heading level-3 title for the panel. */
  title?: string;
}

/**
 * Copy from a brief: the form (product, offer, audience, keywords, landing page, language, platforms),
 * then each platform's variations with their checks and repairs. Every text says who wrote it
 * (AI-assisted / Template); "View prompt" shows what was sent. When the organisation's AI cap is
 * reached the panel says so and the person writes the ad themselves.
 */
export function CopyPanel({ orgId, session, platform, adGroupId, usageLink, manualHint, renderAction, title = 'Write with AI' }: CopyPanelProps) {
  const { draft, setDraft, generation, setGeneration } = session;
  const [errors, setErrors] = useState<BriefErrors>({});
  const generate = useGenerateCopy(orgId);
  const regenerate = useRegenerateCopy(orgId, generation?.id);
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  // New copy written: the focus moves to its heading once it shows.
  const focusResults = useRef(false);
  useEffect(() => {
    if (!focusResults.current || !generation) return;
    focusResults.current = false;
    resultsHeading.current?.focus();
  }, [generation]);
  const formId = useId();
  const isBusy = generate.isPending || regenerate.isPending;
  // Variations the person edited: writing them again discards the edits, so that is asked first.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const markEdited = useCallback(
    (variationId: string, isEdited: boolean) =>
      setEdited((current) => {
        if (current.has(variationId) === isEdited) return current;
        const next = new Set(current);
        if (isEdited) next.add(variationId);
        else next.delete(variationId);
        return next;
      }),
    [],
  );
  const [discard, setDiscard] = useState<{ what: string; run: () => void } | null>(null);
  /** Runs `run` at once, or after the person agrees to lose the edits of `variationIds`. */
  const unlessEdited = (variationIds: string[] | 'all', what: string, run: () => void) => {
    const touched = variationIds === 'all' ? edited.size > 0 : variationIds.some((id) => edited.has(id));
    if (touched) setDiscard({ what, run });
    else run();
  };
  const failure = generate.error ?? regenerate.error;
  const capReached = isCapReached(failure);

  const set = <K extends keyof BriefDraft>(field: K, value: BriefDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => {
      if (!(field in e)) return e;
      const next = { ...e };
      delete next[field as keyof BriefErrors];
      return next;
    });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Inside the wizard's form (through the dialog's portal) the submit must not reach the wizard.
    event.stopPropagation();
    const found = briefErrors(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = Object.keys(found)[0];
      document.getElementById(`${formId}-${first}`)?.focus();
      return;
    }
    unlessEdited('all', 'Write new copy', () => runGenerate());
  };

  const runGenerate = () => {
    regenerate.reset();
    generate.mutate(toGenerateBody(draft, adGroupId), {
      onSuccess: (result) => {
        focusResults.current = true;
        setGeneration(result);
      },
      onError: (error) => {
        if (!isApiError(error)) return;
        const fieldErrors: BriefErrors = {};
        for (const issue of error.issues) {
          const field = briefFieldOf(issue.field);
          if (field) fieldErrors[field] ??= issue.message;
        }
        setErrors(fieldErrors);
      },
    });
  };

  const runRegenerate = (body: { platform?: PlatformId; variationId?: string }) =>
    unlessEdited(body.variationId ? [body.variationId] : 'all', body.variationId ? 'Regenerate the variation' : 'Regenerate all', () => {
      generate.reset();
      regenerate.mutate(body, { onSuccess: (result) => setGeneration(result) });
    });
  const regeneratingId = regenerate.isPending ? (regenerate.variables.variationId ?? (regenerate.variables.platform ? `platform:${regenerate.variables.platform}` : 'all')) : null;
  const fieldErrorNames = new Set(Object.keys(errors));
  const otherFailure = failure && !capReached && !(isApiError(failure) && failure.issues.length > 0 && failure.issues.every((i) => fieldErrorNames.has(briefFieldOf(i.field) ?? ''))) ? failure : null;

  return (
    // The panel's forms (the brief, the confirmation) may sit inside another form's tree (the wizard's, through the dialog's portal): their submits stop here.
    <section aria-label={title} className="space-y-4" onSubmit={(event) => event.stopPropagation()}>
      <ConfirmDialog
        open={discard !== null}
        onOpenChange={(open) => !open && setDiscard(null)}
        title="Discard your edits?"
        description="Writing the copy again replaces the variations you edited; your edits are lost."
        confirmLabel={discard?.what ?? 'Discard'}
        onConfirm={async () => {
          discard?.run();
        }}
      />
      <form id={formId} onSubmit={submit} noValidate className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-gray-200">
        <h3 className="text-sm font-semibold text-gray-900">Brief</h3>
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          <TextField id={`${formId}-product`} label="Product or service" name="product" value={draft.product} maxLength={200} onChange={(e) => set('product', e.currentTarget.value)} error={errors.product} autoComplete="off" />
          <TextField id={`${formId}-offer`} label="Offer (optional)" name="offer" value={draft.offer} maxLength={200} placeholder="20% off until Sunday" onChange={(e) => set('offer', e.currentTarget.value)} error={errors.offer} autoComplete="off" />
          <TextField id={`${formId}-audience`} label="Audience (optional)" name="audience" value={draft.audience} maxLength={200} placeholder="weekend hikers" onChange={(e) => set('audience', e.currentTarget.value)} error={errors.audience} autoComplete="off" />
          <TextField
            id={`${formId}-keywords`}
            label="Keywords (optional)"
            name="keywords"
            value={draft.keywords}
            hint="Separated by commas; headlines carry some of them."
            onChange={(e) => set('keywords', e.currentTarget.value)}
            error={errors.keywords}
            autoComplete="off"
          />
          <TextField
            id={`${formId}-landingPage`}
            label="Landing page"
            name="landingPage"
            type="url"
            inputMode="url"
            placeholder="https://example.com/offer"
            value={draft.landingPage}
            onChange={(e) => set('landingPage', e.currentTarget.value)}
            error={errors.landingPage}
            autoComplete="url"
          />
          <SelectField id={`${formId}-language`} label="Language" name="language" value={draft.language} onChange={(e) => set('language', e.currentTarget.value)} error={errors.language} options={LANGUAGES} />
        </div>
        <div className="flex flex-wrap items-end gap-6">
          <fieldset aria-describedby={errors.platforms ? `${formId}-platforms-error` : undefined}>
            <legend className="text-sm font-medium text-gray-800">Platforms</legend>
            <div className="mt-1 flex flex-wrap gap-4">
              {ALL_PLATFORMS.map((p, i) => (
                <label key={p} className="inline-flex items-center gap-2 text-sm text-gray-800">
                  <input
                    id={i === 0 ? `${formId}-platforms` : undefined}
                    type="checkbox"
                    className="size-4 rounded border-gray-300 text-indigo-600"
                    checked={draft.platforms.includes(p)}
                    onChange={(e) => {
                      const checked = e.currentTarget.checked;
                      set('platforms', checked ? ALL_PLATFORMS.filter((q) => q === p || draft.platforms.includes(q)) : draft.platforms.filter((q) => q !== p));
                    }}
                  />
                  {PLATFORM_NAMES[p]}
                  {p === platform && <span className="text-xs text-gray-500">(this ad)</span>}
                </label>
              ))}
            </div>
            {errors.platforms && (
              <p id={`${formId}-platforms-error`} className="mt-1 text-sm text-red-600">
                {errors.platforms}
              </p>
            )}
          </fieldset>
          <SelectField
            id={`${formId}-variations`}
            label="Variations per platform"
            name="variations"
            value={String(draft.variations)}
            onChange={(e) => set('variations', Number(e.currentTarget.value))}
            options={Array.from({ length: MOST_VARIATIONS }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
          />
          <Button type="submit" isLoading={generate.isPending} disabled={isBusy} className="ml-auto">
            {generation ? 'Write new copy' : 'Write copy'}
          </Button>
        </div>
      </form>

      {capReached && <CapReached usageLink={usageLink} manualHint={manualHint} message={failure instanceof Error ? failure.message : null} />}
      {otherFailure && <FormError message={otherFailure instanceof Error ? otherFailure.message : 'Something went wrong'} />}
      {generate.isPending && <Generating platforms={draft.platforms} variations={draft.variations} />}
      {!generation && !generate.isPending && !capReached && (
        <EmptyState title="No copy yet">
          Fill in the brief and press Write copy. Every text is checked against {PLATFORM_NAMES[platform]}’s rules before you see it; you can edit it, or write the ad yourself.
        </EmptyState>
      )}
      {generation && (
        <Results
          orgId={orgId}
          generation={generation}
          platform={platform}
          headingRef={resultsHeading}
          isBusy={isBusy}
          regeneratingId={regeneratingId}
          onRegenerate={runRegenerate}
          onEdited={markEdited}
          renderAction={renderAction}
        />
      )}
    </section>
  );
}

function CapReached({ usageLink, manualHint, message }: { usageLink: ReactNode; manualHint: ReactNode; message: string | null }) {
  return (
    <Alert tone="warning" title="Your organisation has reached its AI limit for this month">
      <p>{message ?? 'No new copy can be written with AI until the limit is raised or the month ends.'}</p>
      <p className="mt-1">{manualHint}</p>
      <p className="mt-2">{usageLink}</p>
    </Alert>
  );
}

function Generating({ platforms, variations }: { platforms: PlatformId[]; variations: number }) {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div role="status" className="flex items-center gap-3 rounded-lg bg-white p-4 text-sm text-gray-700 ring-1 ring-gray-200">
      <Spinner />
      <span>
        Writing {variations} {variations === 1 ? 'variation' : 'variations'} for {platforms.map((p) => PLATFORM_NAMES[p]).join(', ')} and checking every text against the platform’s rules…
        {seconds >= 2 && <span className="text-gray-500"> {seconds} s</span>}
      </span>
    </div>
  );
}

function Results({
  orgId,
  generation,
  platform,
  headingRef,
  isBusy,
  regeneratingId,
  onRegenerate,
  onEdited,
  renderAction,
}: {
  orgId: string;
  generation: CopyGeneration;
  platform: PlatformId;
  headingRef: React.Ref<HTMLHeadingElement>;
  isBusy: boolean;
  regeneratingId: string | null;
  onRegenerate: (body: { platform?: PlatformId; variationId?: string }) => void;
  onEdited: (variationId: string, isEdited: boolean) => void;
  renderAction: CopyPanelProps['renderAction'];
}) {
  const landing = generation.landingPage;
  const briefChecks: CopyCheck[] = landing && !landing.ok ? [{ id: 'landing-page', severity: 'block', field: 'landingPage', index: null, message: landing.message ?? 'The landing page did not answer over https.' }] : [];
  const written = generation.source === 'ai' ? `${sourceLabel('ai')}: written by ${generation.model ?? 'a language model'}${generation.provider ? ` (${generation.provider})` : ''}` : 'Template: written from the template grammar (no AI provider is set up)';
  const ordered = [...generation.results].sort((a, b) => (a.platform === platform ? -1 : b.platform === platform ? 1 : 0));
  return (
    <section aria-labelledby={`results-${generation.id}`} aria-busy={regeneratingId !== null || undefined} className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h3 id={`results-${generation.id}`} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-gray-900 focus:outline-none">
            Copy for “{generation.brief.product}”
          </h3>
          <p className="text-xs text-gray-600">
            {written}
            {generation.usage && (
              <>
                {' '}
                · {(generation.usage.tokensIn + generation.usage.tokensOut).toLocaleString()} tokens
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ViewPromptButton orgId={orgId} generationId={generation.id} />
          <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => onRegenerate({})} disabled={isBusy} isLoading={regeneratingId === 'all'}>
            Regenerate all
          </Button>
        </div>
      </div>
      {regeneratingId === 'all' && (
        <p role="status" className="text-sm text-gray-600">
          Writing every variation again…
        </p>
      )}
      {landing && !landing.ok && (
        <Alert tone="error" title="The landing page blocks publishing">
          {landing.message ?? `${landing.url} did not answer over https.`} Change the landing page in the brief and write the copy again.
        </Alert>
      )}
      {ordered.map((result) => (
        <section key={result.platform} aria-labelledby={`results-${generation.id}-${result.platform}`} className="space-y-3">
          <h4 id={`results-${generation.id}-${result.platform}`} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-gray-900">
            {PLATFORM_NAMES[result.platform]}
            {result.platform !== platform && <Badge>For comparison: this ad is on {PLATFORM_NAMES[platform]}</Badge>}
          </h4>
          {result.variations.length === 0 ? (
            <EmptyState title={`No ${PLATFORM_NAMES[result.platform]} copy came back`}>Regenerate, or write the ad yourself.</EmptyState>
          ) : (
            <div className={`grid grid-cols-1 gap-3 ${result.variations.length > 1 ? 'lg:grid-cols-2' : ''}`}>
              {result.variations.map((variation, i) => (
                <VariationCard
                  key={`${variation.id}:${JSON.stringify(variation.copy)}`}
                  variation={variation}
                  number={i + 1}
                  brief={generation.brief}
                  voice={generation.brandVoice}
                  briefChecks={briefChecks}
                  isRegenerating={regeneratingId === variation.id || regeneratingId === 'all'}
                  isBusy={isBusy}
                  onRegenerate={() => onRegenerate({ platform: result.platform, variationId: variation.id })}
                  onEditedChange={(isEdited) => onEdited(variation.id, isEdited)}
                  renderAction={(copy, publishable) => (result.platform === platform ? renderAction(copy, publishable, { generation, platform: result.platform, variation }) : null)}
                />
              ))}
            </div>
          )}
        </section>
      ))}
    </section>
  );
}
