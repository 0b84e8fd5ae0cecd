import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { formatDateTime } from '../../lib/format.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PageHeader } from '../settings/settings-layout.tsx';
import { useAiUsage } from './ai-api.ts';
import { formatUsd, spendState } from './ai-form.ts';
import type { AiCall, AiFeature, AiUsage } from './ai-types.ts';

const FEATURE_LABEL: Record<AiFeature, string> = { copy: 'Ad copy', allocation: 'Budget allocation', anomaly: 'Anomaly explanations', forecast: 'Forecasts', report: 'Reports' };
const STATUS: Record<AiCall['status'], { label: string; tone: 'green' | 'amber' | 'red' | 'gray' }> = {
  settled: { label: 'Done', tone: 'green' },
  reserved: { label: 'Running', tone: 'gray' },
  failed: { label: 'Failed', tone: 'amber' },
  refused: { label: 'Refused: limit', tone: 'red' },
};
const tokens = (n: number) => n.toLocaleString('en-US');

/** The last 12 months, newest first, as `YYYY-MM` with a label. */
function recentMonths(now = new Date()): Array<{ value: string; label: string }> {
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return { value: d.toISOString().slice(0, 7), label: d.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }) };
  });
}

/** Spending against the limit: a bar, amber from 80 %, red at the limit. */
function SpendBar({ usage, isCurrent }: { usage: AiUsage; isCurrent: boolean }) {
  const state = spendState(usage.spentMicros, usage.capMicros);
  const colour = state.tone === 'reached' ? 'bg-red-600' : state.tone === 'warning' ? 'bg-amber-500' : 'bg-indigo-600';
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-2xl font-semibold text-gray-900">
          {formatUsd(usage.spentMicros)} <span className="text-base font-normal text-gray-500">of {formatUsd(usage.capMicros)}</span>
        </p>
        <p className="text-sm text-gray-600">{state.percent} % used</p>
      </div>
      <div
        role="meter"
        aria-label="AI spending this month against the limit"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={state.barPercent}
        aria-valuetext={`${state.percent} % of the monthly limit`}
        className="h-3 w-full overflow-hidden rounded-full bg-gray-100"
      >
        <div className={`h-full ${colour}`} style={{ width: `${state.barPercent}%` }} />
      </div>
      {usage.reservedMicros > 0 && <p className="text-xs text-gray-500">{formatUsd(usage.reservedMicros)} more is held for calls running now.</p>}
      {state.tone === 'reached' && (
        <Alert tone="error" title="The monthly AI limit is reached">
          AI features stop until next month or until an owner or admin raises the limit. You can still write and publish ads yourself.
        </Alert>
      )}
      {state.tone === 'warning' && isCurrent && (
        <Alert tone="warning" title={`${state.percent} % of this month’s AI limit is used`}>
          When the limit is reached, AI features stop until next month. Owners and admins were told{usage.warnedAt ? ` on ${formatDateTime(usage.warnedAt)}` : ''}.
        </Alert>
      )}
      {usage.refused > 0 && (
        <p className="text-sm text-gray-700">
          {usage.refused} {usage.refused === 1 ? 'call was' : 'calls were'} refused at the limit{usage.cappedAt ? `, the first on ${formatDateTime(usage.cappedAt)}` : ''}.
        </p>
      )}
    </div>
  );
}

function Breakdown<T>({ caption, rows, name }: { caption: string; rows: Array<T & { calls: number; costMicros: number; tokensIn: number; tokensOut: number }>; name: (row: T) => string }) {
  if (rows.length === 0) return <p className="text-sm text-gray-500">No AI calls this month.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs text-gray-500 uppercase">
        <tr>
          <th scope="col" className="py-2 font-medium">Who / what</th>
          <th scope="col" className="py-2 text-right font-medium">Calls</th>
          <th scope="col" className="py-2 text-right font-medium">Tokens</th>
          <th scope="col" className="py-2 text-right font-medium">Cost</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {rows.map((row, i) => (
          <tr key={i}>
            <td className="py-2 text-gray-900">{name(row)}</td>
            <td className="py-2 text-right tabular-nums">{row.calls}</td>
            <td className="py-2 text-right tabular-nums">{tokens(row.tokensIn + row.tokensOut)}</td>
            <td className="py-2 text-right tabular-nums">{formatUsd(row.costMicros)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RecentCalls({ calls, paging }: { calls: AiCall[]; paging: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  if (calls.length === 0) return <EmptyState title="No AI calls this month">Calls appear here as people ask for AI-assisted copy.</EmptyState>;
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Recent AI calls, newest first</caption>
          <thead className="text-xs text-gray-500 uppercase">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">When</th>
              <th scope="col" className="py-2 pr-3 font-medium">Who</th>
              <th scope="col" className="py-2 pr-3 font-medium">For</th>
              <th scope="col" className="py-2 pr-3 font-medium">Model</th>
              <th scope="col" className="py-2 pr-3 font-medium">Status</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">Tokens in / out</th>
              <th scope="col" className="py-2 text-right font-medium">Cost</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {calls.map((call) => (
              <tr key={call.id}>
                <td className="py-2 pr-3 whitespace-nowrap text-gray-700">{formatDateTime(call.createdAt)}</td>
                <td className="py-2 pr-3 text-gray-900">{call.userLabel ?? 'Adloop'}</td>
                <td className="py-2 pr-3">{FEATURE_LABEL[call.feature]}</td>
                <td className="py-2 pr-3 text-gray-700">{call.status === 'refused' ? '—' : call.model}</td>
                <td className="py-2 pr-3">
                  <span title={call.error ?? undefined}>
                    <Badge tone={STATUS[call.status].tone}>{STATUS[call.status].label}</Badge>
                  </span>
                </td>
                <td className="py-2 pr-3 text-right tabular-nums">
                  {tokens(call.tokensIn)} / {tokens(call.tokensOut)}
                </td>
                <td className="py-2 text-right tabular-nums">{formatUsd(call.costMicros)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasNextPage={paging.hasNextPage} isFetchingNextPage={paging.isFetchingNextPage} fetchNextPage={paging.fetchNextPage} />
    </div>
  );
}

/** Settings › AI usage: this month's spending against the limit, by person and feature, and the calls. */
export function AiUsagePage() {
  const { org } = useCurrentOrg();
  const months = recentMonths();
  const [month, setMonth] = useState(months[0]!.value);
  const usage = useAiUsage(org.id, month);
  const isCurrent = month === months[0]!.value;

  let body: React.ReactNode;
  if (usage.isPending) body = <LoadingState label="Loading AI usage…" />;
  else if (usage.isError || !usage.summary) body = <ErrorState error={usage.error} orgId={org.id} onRetry={() => void usage.refetch()} />;
  else {
    const s = usage.summary;
    body = (
      <>
        <Section title="Spending" description={`${s.calls} ${s.calls === 1 ? 'call' : 'calls'}, ${s.generations} copy ${s.generations === 1 ? 'generation' : 'generations'}, ${tokens(s.tokensIn + s.tokensOut)} tokens${s.failed ? `, ${s.failed} failed` : ''}.`}>
          <SpendBar usage={s} isCurrent={isCurrent} />
        </Section>
        <div className="grid gap-6 lg:grid-cols-2">
          <Section title="By person">
            <Breakdown caption="AI spending by person" rows={s.byUser} name={(r: { userLabel: string | null }) => r.userLabel ?? 'Adloop (automatic)'} />
          </Section>
          <Section title="By feature">
            <Breakdown caption="AI spending by feature" rows={s.byFeature} name={(r: { feature: AiFeature }) => FEATURE_LABEL[r.feature]} />
          </Section>
        </div>
        <Section title="Calls" description="Newest first. Refused calls were never sent and cost nothing.">
          <RecentCalls calls={usage.calls} paging={{ hasNextPage: usage.hasNextPage, isFetchingNextPage: usage.isFetchingNextPage, fetchNextPage: () => usage.fetchNextPage() }} />
        </Section>
      </>
    );
  }

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <PageHeader title="AI usage" description="What AI cost this organisation, against its monthly limit." />
        <div className="flex items-center gap-3">
          <label className="text-sm text-gray-700">
            <span className="sr-only">Month</span>
            <select className="rounded-md border-0 py-1.5 pr-8 pl-3 text-sm ring-1 ring-gray-300 ring-inset" value={month} onChange={(e) => setMonth(e.currentTarget.value)} aria-label="Month">
              {months.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <Link to="/orgs/$orgId/settings/ai" params={{ orgId: org.id }} className="text-sm font-medium text-indigo-700 underline">
            AI settings
          </Link>
        </div>
      </div>
      {body}
    </>
  );
}
