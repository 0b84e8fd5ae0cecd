import { useId, useMemo, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { formatDateTime, formatDay } from '../../lib/format.ts';
import { Badge, Section } from '../../components/ui/card.tsx';
import { Button } from '../../components/ui/button.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { humanize } from '../campaigns/wizard-model.ts';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { CharCount, CheckList, RepairList } from './copy-checks.tsx';
import { ViewPromptButton, WideDialog } from './copy-dialogs.tsx';
import { useCopyGeneration, useCopyHistory } from './copy-history-api.ts';
import { COPY_KEPT_DAYS, deletedOn, platformsText, publishedText, requesterText, variationsByPlatform, variationsText, type CopyGenerationSummary } from './copy-history-model.ts';
import { adChecks, blocks, callToActionOf, checksAt, copyFields, sourceLabel, textsOf, warnings } from './copy-model.ts';
import type { CopyGeneration, CopyVariation } from './copy-types.ts';

/** Settings › Copy history: the organisation's past copy generations, newest first; each opens read-only. */
export function CopyHistoryPage() {
  const { org } = useCurrentOrg();
  const history = useCopyHistory(org.id);
  const [open, setOpen] = useState<CopyGenerationSummary | null>(null);
  // The "Open" button pressed: the focus goes back to it when the generation closes.
  const opener = useRef<HTMLElement | null>(null);
  const openGeneration = (g: CopyGenerationSummary) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(g);
  };
  const closeGeneration = () => {
    setOpen(null);
    const back = opener.current;
    requestAnimationFrame(() => back?.focus());
  };

  let body: React.ReactNode;
  if (history.isPending) body = <LoadingState label="Loading the copy history…" />;
  else if (history.isError) body = <ErrorState error={history.error} orgId={org.id} onRetry={() => void history.refetch()} />;
  else if (history.generations.length === 0)
    body = <EmptyState title="No copy written yet">Copy written with “Write with AI” in the campaign wizard or for an ad set appears here.</EmptyState>;
  else
    body = (
      <div className="space-y-3">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Copy generations, newest first</caption>
            <thead className="text-xs text-gray-500 uppercase">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">When</th>
                <th scope="col" className="py-2 pr-3 font-medium">Who</th>
                <th scope="col" className="py-2 pr-3 font-medium">Product</th>
                <th scope="col" className="py-2 pr-3 font-medium">Platforms</th>
                <th scope="col" className="py-2 pr-3 font-medium">Written by</th>
                <th scope="col" className="py-2 pr-3 font-medium">Published</th>
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">Open</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {history.generations.map((g) => (
                <tr key={g.id}>
                  <td className="py-2 pr-3 whitespace-nowrap text-gray-700">{formatDateTime(g.createdAt)}</td>
                  <td className="py-2 pr-3 text-gray-900">{requesterText(g.requestedBy)}</td>
                  <td className="max-w-[16rem] py-2 pr-3 break-words text-gray-900">{g.product}</td>
                  <td className="py-2 pr-3 text-gray-700">{platformsText(g.platforms)}</td>
                  <td className="py-2 pr-3">
                    <Badge tone={g.source === 'ai' ? 'indigo' : 'gray'}>{g.label}</Badge>
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {g.publishedChangeIds.length > 0 ? (
                      <Link to="/orgs/$orgId/approvals" params={{ orgId: org.id }} className="font-medium text-indigo-700 underline">
                        {publishedText(g.publishedChangeIds.length)}
                        <span className="sr-only"> of “{g.product}” in the approval inbox</span>
                      </Link>
                    ) : (
                      <span className="text-gray-500">{publishedText(0)}</span>
                    )}
                  </td>
                  <td className="py-2 text-right">
                    <Button variant="secondary" className="px-2 py-1 text-xs" onClick={() => openGeneration(g)}>
                      Open<span className="sr-only"> the copy for “{g.product}” of {formatDateTime(g.createdAt)}</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasNextPage={history.hasNextPage} isFetchingNextPage={history.isFetchingNextPage} fetchNextPage={() => history.fetchNextPage()} />
      </div>
    );

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title="Copy history" description="Ad copy written for this organisation, newest first: what was asked, what came back and what was published." />
        <Link to="/orgs/$orgId/settings/ai-usage" params={{ orgId: org.id }} className="text-sm font-medium text-indigo-700 underline">
          AI usage
        </Link>
      </div>
      <p className="text-sm text-gray-600">Generations are kept {COPY_KEPT_DAYS} days, then deleted with their briefs and prompts. Published ads stay.</p>
      <Section title="Generations">{body}</Section>
      <WideDialog open={open !== null} onOpenChange={(o) => !o && closeGeneration()} title={open ? `Copy for “${open.product}”` : 'Copy'}>
        {open && <GenerationView orgId={org.id} summary={open} />}
      </WideDialog>
    </>
  );
}

function GenerationView({ orgId, summary }: { orgId: string; summary: CopyGenerationSummary }) {
  const generation = useCopyGeneration(orgId, summary.id);
  if (generation.isPending) return <LoadingState label="Loading the copy…" />;
  if (generation.isError) return <ErrorState error={generation.error} orgId={orgId} onRetry={() => void generation.refetch()} />;
  const g = generation.data;
  const groups = variationsByPlatform(g);
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        <Fact term="Written">{formatDateTime(g.createdAt)}</Fact>
        <Fact term="Asked by">{requesterText(g.requestedBy)}</Fact>
        <Fact term="Written by">
          <Badge tone={g.source === 'ai' ? 'indigo' : 'gray'}>{g.label}</Badge>
          {g.model && <span className="ml-2 text-gray-600">{g.model}</span>}
        </Fact>
        <Fact term="Deleted on">{formatDay(deletedOn(g.createdAt).toISOString().slice(0, 10))}</Fact>
        <Fact term="Landing page">{g.brief.landingPage}</Fact>
        {g.brief.offer && <Fact term="Offer">{g.brief.offer}</Fact>}
        <Fact term="Published">
          {g.publishedChangeIds.length > 0 ? (
            <Link to="/orgs/$orgId/approvals" params={{ orgId }} className="font-medium text-indigo-700 underline">
              {publishedText(g.publishedChangeIds.length)} in the approval inbox
            </Link>
          ) : (
            publishedText(0)
          )}
        </Fact>
        <Fact term="Variations">{variationsText(summary.variations)}</Fact>
      </dl>
      <div className="flex justify-end">
        <ViewPromptButton orgId={orgId} generationId={g.id} />
      </div>
      {groups.length === 0 && <EmptyState title="No variations">This generation holds no copy.</EmptyState>}
      {groups.map((group) => (
        <section key={group.platform} aria-label={group.name} className="space-y-3">
          <h3 className="text-sm font-semibold text-gray-900">{group.name}</h3>
          {group.variations.map(({ variation, number }) => (
            <ReadOnlyVariation key={variation.id} variation={variation} number={number} platformName={group.name} landingPage={g.landingPage} />
          ))}
        </section>
      ))}
    </div>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-gray-500 uppercase">{term}</dt>
      <dd className="break-words text-gray-900">{children}</dd>
    </div>
  );
}

/** One variation as it was written: each text with its count and checks, the repairs, its label; nothing to edit. */
function ReadOnlyVariation({ variation, number, platformName, landingPage }: { variation: CopyVariation; number: number; platformName: string; landingPage: CopyGeneration['landingPage'] }) {
  const headingId = useId();
  const copy = variation.copy;
  const fields = useMemo(() => copyFields(copy.platform), [copy.platform]);
  const textLabel = (name: string, index: number) => {
    const field = fields.find((f) => f.name === name);
    if (field) return `${field.label} ${index + 1}`;
    return name === 'callToAction' ? 'Call to action' : humanize(name.replace(/([a-z])([A-Z])/g, '$1_$2'));
  };
  const checks = variation.checks;
  const blocking = blocks(checks);
  const cta = callToActionOf(copy);
  return (
    <article aria-labelledby={headingId} className={`space-y-3 rounded-lg bg-white p-4 ring-1 ${variation.publishable ? 'ring-gray-200' : 'ring-red-300'}`}>
      <h4 id={headingId} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-gray-900">
        Variation {number}
        <span className="sr-only"> for {platformName}</span>
        <Badge tone={copy.source === 'ai' ? 'indigo' : 'gray'}>{sourceLabel(copy.source)}</Badge>
        {variation.publishable ? (
          <Badge tone="green">Passed the checks{warnings(checks).length > 0 ? `, ${warnings(checks).length} to look at` : ''}</Badge>
        ) : (
          <Badge tone="red">
            {blocking.length > 0 ? `${blocking.length} ${blocking.length === 1 ? 'problem blocked' : 'problems blocked'} publishing` : 'Not publishable'}
          </Badge>
        )}
      </h4>
      {!variation.publishable && blocking.length === 0 && landingPage?.message && <p className="text-xs text-red-700">{landingPage.message}</p>}
      <RepairList repairs={variation.repairs} textLabel={textLabel} />
      {fields.map((field) => {
        const texts = textsOf(copy, field.name);
        if (texts.length === 0) return null;
        return (
          <div key={field.name} className="space-y-1">
            <p className="text-xs font-medium tracking-wide text-gray-500 uppercase">
              {field.label}s <span className="font-normal normal-case">({texts.length} of up to {field.most})</span>
            </p>
            <ol className="space-y-1.5">
              {texts.map((text, index) => {
                const here = checksAt(checks, field.name, index);
                const hasBlock = here.some((c) => c.severity === 'block');
                return (
                  <li key={index} className={`rounded-md px-2 py-1.5 ${hasBlock ? 'bg-red-50 ring-1 ring-red-200' : here.length > 0 ? 'bg-amber-50' : 'bg-gray-50'}`}>
                    <div className="flex items-start justify-between gap-3">
                      <span className="min-w-0 text-sm break-words text-gray-900">
                        <span className="sr-only">
                          {field.label} {index + 1}:{' '}
                        </span>
                        {text || <span className="text-gray-500 italic">(empty)</span>}
                      </span>
                      <CharCount text={text} field={field} />
                    </div>
                    <CheckList checks={here} />
                  </li>
                );
              })}
            </ol>
            <CheckList checks={checksAt(checks, field.name, null)} />
          </div>
        );
      })}
      {cta && (
        <p className="text-xs text-gray-600">
          Call to action: <span className="font-medium text-gray-900">{humanize(cta)}</span>
        </p>
      )}
      <CheckList checks={adChecks(checks, copy.platform).filter((c) => !fields.some((f) => f.name === c.field))} />
    </article>
  );
}
