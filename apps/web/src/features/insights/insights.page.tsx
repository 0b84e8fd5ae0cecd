import { useState } from 'react';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { keys } from '../../lib/queries.ts';
import type { ConnectionsOverview } from '../../lib/types.ts';
import { Alert } from '../../components/ui/alert.tsx';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { Badge, Section } from '../../components/ui/card.tsx';
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { TimeChart } from '../campaigns/time-chart.tsx';
import { ResponseCurve } from './response-curve.tsx';
import { AnomalyIncidents } from './anomaly-incidents.tsx';
import { formatCompact, formatDecimal, formatMicros, formatMicrosCompact, formatPoint } from '../campaigns/report-format.ts';
import { insightsKeys, proposeBudgets, useForecast, useRecommendations } from './insights-api.ts';
import { formatChange, percentChange } from './insights-words.ts';
import type { AccountForecast, BudgetRecommendations, ProposedBudgets } from './insights-types.ts';

const select = 'mt-1 block rounded-md border-0 py-1.5 pl-2 pr-8 text-sm text-gray-900 ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600';

/** Insights of one ad account: budget recommendations (sent to the approval inbox on confirmation), open anomalies and a forecast. */
export function InsightsPage() {
  const { org } = useCurrentOrg();
  const search = useSearch({ from: '/orgs/$orgId/insights' });
  const navigate = useNavigate({ from: '/orgs/$orgId/insights' });
  const overview = useQuery({ queryKey: keys.connections(org.id), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${org.id}/connections`) });
  const accounts = (overview.data?.connections ?? []).flatMap((c) => c.accounts.filter((a) => a.selected && !a.isManager));
  const accountId = accounts.some((a) => a.id === search.account) ? search.account : accounts[0]?.id;

  let body;
  if (overview.isPending) body = <LoadingState label="Loading ad accounts…" />;
  else if (overview.isError) body = <ErrorState error={overview.error} orgId={org.id} onRetry={() => void overview.refetch()} />;
  else if (!accountId)
    body = (
      <EmptyState
        title="No ad accounts yet"
        action={
          <Link to="/orgs/$orgId/connections" params={{ orgId: org.id }} className={buttonClass('primary')}>
            Connect a platform
          </Link>
        }
      >
        Insights appear once an ad account is added and its history has synced.
      </EmptyState>
    );
  else
    body = (
      <div className="space-y-6">
        <Recommendations orgId={org.id} accountId={accountId} canPropose={org.role !== 'viewer'} />
        <Anomalies orgId={org.id} accountId={accountId} canAct={org.role !== 'viewer'} />
        <Forecast orgId={org.id} accountId={accountId} />
      </div>
    );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold text-gray-900">Insights</h1>
          <p className="mt-1 text-sm text-gray-600">Where the budget would do more, what looks unusual, and what the next weeks likely bring — from each account’s stored history.</p>
        </div>
        {accounts.length > 1 && (
          <div>
            <label htmlFor="insights-account" className="block text-xs font-medium text-gray-700">
              Ad account
            </label>
            <select id="insights-account" className={select} value={accountId} onChange={(e) => void navigate({ search: { account: e.currentTarget.value }, replace: true })}>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({PLATFORM_NAMES[a.platform]})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {body}
    </div>
  );
}

function Recommendations({ orgId, accountId, canPropose }: { orgId: string; accountId: string; canPropose: boolean }) {
  const query = useRecommendations(orgId, accountId);
  const client = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<ProposedBudgets | null>(null);
  const data = query.data;
  const changed = data?.items.filter((i) => i.changeMicros !== 0 && !i.held) ?? [];

  const send = async () => {
    const result = await proposeBudgets(orgId, { accountId, idempotencyKey: `insights-${accountId}-${crypto.randomUUID()}` });
    setSent(result);
    await client.invalidateQueries({ queryKey: insightsKeys.recommendations(orgId, accountId) });
  };

  let content;
  if (query.isPending) content = <LoadingState label="Fitting response curves…" />;
  else if (query.isError) content = <ErrorState error={query.error} orgId={orgId} onRetry={() => void query.refetch()} />;
  else if (data!.empty) content = <EmptyState title="No recommendations yet">{data!.empty}</EmptyState>;
  else content = <RecommendationTable data={data!} />;

  return (
    <Section
      level={2}
      title="Budget recommendations"
      description="Today’s total daily budget shared where the next unit of spend brings the most conversions; no campaign moves more than 20 % at once."
      actions={
        canPropose && data && !data.empty && changed.length > 0 ? (
          <Button onClick={() => setConfirming(true)}>Send to approval inbox</Button>
        ) : undefined
      }
    >
      <div className="space-y-3">
        {sent && (
          <Alert tone="success" title={sent.message}>
            {sent.items.length > 0 && (
              <Link to="/orgs/$orgId/approvals" params={{ orgId }} className="font-medium underline">
                Open the approval inbox
              </Link>
            )}
          </Alert>
        )}
        {data?.note && <Alert tone="info">{data.note}</Alert>}
        {content}
      </div>
      <ConfirmDialog
        open={isConfirming}
        onOpenChange={setConfirming}
        tone="primary"
        title="Send the recommended budgets for approval?"
        description={`${changed.length} budget ${changed.length === 1 ? 'change goes' : 'changes go'} to the approval inbox as proposals of “Budget reallocation”. Nothing changes on the platform until a person approves.`}
        confirmLabel="Send to approval inbox"
        onConfirm={send}
      />
    </Section>
  );
}

function RecommendationTable({ data }: { data: BudgetRecommendations }) {
  const money = (m: number) => formatMicros(m, data.currency);
  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-600">
        Total {money(data.totalMicros)} a day
        {data.conversionsChange && <> · expected change in conversions {formatChange(data.conversionsChange)}</>}
      </p>
      {/* Focusable so the table scrolls sideways by keyboard on narrow screens. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Budget recommendations per campaign (scrolls sideways)">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Budget recommendations per campaign</caption>
          <thead className="text-xs text-gray-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Campaign</th>
              <th scope="col" className="py-2 pr-3 font-medium">Daily budget</th>
              <th scope="col" className="py-2 pr-3 font-medium">Expected conversions</th>
              <th scope="col" className="py-2 pr-3 font-medium">Next conversion costs</th>
              <th scope="col" className="py-2 pr-3 font-medium">Next unit returns</th>
              <th scope="col" className="py-2 font-medium">Why</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {data.items.map((i) => (
              <tr key={i.campaignId}>
                <th scope="row" className="py-2 pr-3 font-medium text-gray-900">{i.name}</th>
                <td className="whitespace-nowrap py-2 pr-3">
                  {money(i.currentMicros)} → <strong>{money(i.proposedMicros)}</strong>{' '}
                  {i.held ? <Badge>kept</Badge> : <span className="text-xs text-gray-500">{percentChange(i.currentMicros, i.proposedMicros)}</span>}
                </td>
                <td className="whitespace-nowrap py-2 pr-3">{formatChange(i.conversionsChange)}</td>
                <td className="whitespace-nowrap py-2 pr-3">{i.marginalCpaMicros === null ? '—' : money(i.marginalCpaMicros)}</td>
                <td className="whitespace-nowrap py-2 pr-3">{i.marginalRoas > 0 ? `${i.marginalRoas.toFixed(2)} × in value` : '—'}</td>
                <td className="py-2 text-gray-700">{i.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CurveEvidence data={data} />
    </div>
  );
}

/** The fitted curve of each campaign with a recommendation, today's and the proposed budget on it. */
function CurveEvidence({ data }: { data: BudgetRecommendations }) {
  const shown = data.items.filter((i) => !i.held && i.curve.length > 1);
  if (shown.length === 0) return null;
  return (
    <div className="space-y-2 pt-2">
      <h3 className="text-sm font-semibold text-gray-900">Evidence: each campaign’s response curve</h3>
      <div className="grid gap-3 md:grid-cols-2">
        {shown.map((i) => (
          <ResponseCurve key={i.campaignId} item={i} currency={data.currency} />
        ))}
      </div>
    </div>
  );
}

function Anomalies({ orgId, accountId, canAct }: { orgId: string; accountId: string; canAct: boolean }) {
  return (
    <Section level={2} title="Open anomalies" description="Numbers outside their expected range for the time of day and day of week, with the likely cause; checked every hour, and you are told when one opens and when it is over.">
      <AnomalyIncidents orgId={orgId} accountId={accountId} canAct={canAct} />
    </Section>
  );
}

const FORECAST_METRICS = [
  { id: 'spend', label: 'Spend' },
  { id: 'conversions', label: 'Conversions' },
  { id: 'value', label: 'Conversion value' },
] as const;

function Forecast({ orgId, accountId }: { orgId: string; accountId: string }) {
  const [days, setDays] = useState(14);
  const [metric, setMetric] = useState<(typeof FORECAST_METRICS)[number]['id']>('spend');
  const query = useForecast(orgId, accountId, days);
  let content;
  if (query.isPending) content = <LoadingState label="Forecasting…" />;
  else if (query.isError) content = <ErrorState error={query.error} orgId={orgId} onRetry={() => void query.refetch()} />;
  else if (query.data!.empty) content = <EmptyState title="No forecast yet">{query.data!.empty}</EmptyState>;
  else content = <ForecastChart data={query.data!} metric={metric} />;
  return (
    <Section
      level={2}
      title="Forecast"
      description="The next days per day, with the ranges the numbers fall in 8 and 9.5 times out of 10."
      actions={
        <div className="flex gap-2">
          <div>
            <label htmlFor="forecast-metric" className="block text-xs font-medium text-gray-700">
              Metric
            </label>
            <select id="forecast-metric" className={select} value={metric} onChange={(e) => setMetric(e.currentTarget.value as typeof metric)}>
              {FORECAST_METRICS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="forecast-days" className="block text-xs font-medium text-gray-700">
              Days ahead
            </label>
            <select id="forecast-days" className={select} value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
              {[7, 14, 30].map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </div>
        </div>
      }
    >
      {content}
    </Section>
  );
}

function ForecastChart({ data, metric }: { data: AccountForecast; metric: 'spend' | 'conversions' | 'value' }) {
  const m = data.metrics.find((x) => x.metric === metric)!;
  const isMoney = metric !== 'conversions';
  const format = isMoney ? (v: number) => formatMicros(v, data.currency) : formatDecimal;
  const formatAxis = isMoney ? (v: number) => formatMicrosCompact(v, data.currency) : formatCompact;
  const label = FORECAST_METRICS.find((x) => x.id === metric)!.label;
  return (
    <div className="space-y-2">
      <p className="text-sm text-gray-600">
        {label} over the {m.days.length} days: {format(m.total.mean)} (80 %: {format(m.total.lower80)} to {format(m.total.upper80)}; 95 %: {format(m.total.lower95)} to {format(m.total.upper95)}).
      </p>
      <TimeChart
        title={`${label} forecast per day`}
        points={m.days.map((d) => d.date)}
        formatPoint={formatPoint}
        series={[
          { id: 'mean', label: 'Forecast', color: '#4f46e5', values: m.days.map((d) => d.mean) },
          { id: 'low80', label: '80 % low', color: '#a5b4fc', values: m.days.map((d) => d.lower80) },
          { id: 'high80', label: '80 % high', color: '#818cf8', values: m.days.map((d) => d.upper80) },
          { id: 'low95', label: '95 % low', color: '#d1d5db', values: m.days.map((d) => d.lower95) },
          { id: 'high95', label: '95 % high', color: '#9ca3af', values: m.days.map((d) => d.upper95) },
        ]}
        format={format}
        formatAxis={formatAxis}
      />
    </div>
  );
}
