import { objectiveLabel } from '@adloop/contracts/labels';
import { useState, type ReactNode } from 'react';
import { Link, getRouteApi } from '@tanstack/react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { canEditCampaigns, keys } from '../../lib/queries.ts';
import type { AccountHealth, CampaignDetail, Kpis } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';
import { ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { HealthBadge, PLATFORM_NAMES } from '../connections/health.tsx';
import { DateRangePicker, resolveRange, useOrgTimeZone, type RangeSearch } from './date-range.tsx';
import { comparisonText, KpiCards } from './kpi-cards.tsx';
import { TimeChart } from './time-chart.tsx';
import { chartPoints, zeroFill } from './chart-data.ts';
import { overlayForecast } from './forecast-overlay.ts';
import { ForecastStatus, useCampaignForecast } from './campaign-forecast.tsx';
import { BudgetCell, PendingChange, StatusToggle } from './campaign-actions.tsx';
import { ChangeHistory } from './change-history.tsx';
import { CampaignActionsMenu } from './campaign-menu.tsx';
import { readChangeOffer } from './object-offer.ts';
import { adGroupRows, adRows } from './object-rows.tsx';
import { adGroupWord } from './wizard-model.ts';
import {
  formatCompact,
  formatCount,
  formatDecimal,
  formatKpiValue,
  formatMicros,
  formatMicrosCompact,
  formatPoint,
  formatRange,
  formatTick,
  KPI_DEFS,
  PLATFORM_COLORS,
  STATUS_TONES,
  statusLabel,
  type KpiDef,
} from './report-format.ts';

const route = getRouteApi('/orgs/$orgId/campaigns/$campaignId');
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const HEALTH_STATES = new Set<string>(['never_synced', 'syncing', 'fresh', 'delayed', 'error', 'needs_reconnection', 'not_added']);

type Metric = 'spendMicros' | 'impressions' | 'clicks' | 'conversions';
const METRICS: { key: Metric; label: string }[] = [
  { key: 'spendMicros', label: 'Spend' },
  { key: 'impressions', label: 'Impressions' },
  { key: 'clicks', label: 'Clicks' },
  { key: 'conversions', label: 'Conversions' },
];

const segment =
  'rounded-md px-3 py-1.5 text-sm font-medium text-gray-700 ring-1 ring-inset ring-gray-300 hover:bg-gray-50 aria-pressed:bg-indigo-600 aria-pressed:text-white aria-pressed:ring-indigo-600';

export function CampaignDetailPage() {
  const { org } = useCurrentOrg();
  const { campaignId } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const canEdit = canEditCampaigns(org.role);
  const timeZone = useOrgTimeZone(org.id);
  const range = timeZone === undefined ? null : resolveRange(search, timeZone);
  const granularity = search.granularity === 'hour' ? 'hour' : 'day';
  const filters = { since: range?.since, until: range?.until, granularity };
  const detail = useQuery({
    queryKey: keys.campaign(org.id, campaignId, filters),
    queryFn: () => api.get<CampaignDetail>(`/orgs/${org.id}/campaigns/${campaignId}`, filters),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
  const setSearch = (patch: Record<string, string | undefined>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });

  const back = (
    <Link to="/orgs/$orgId/campaigns" params={{ orgId: org.id }} className="text-sm font-medium text-indigo-700 hover:underline">
      ← Campaigns
    </Link>
  );
  if (detail.isPending) return <LoadingState label="Loading the campaign…" />;
  if (detail.isError)
    return (
      <div className="space-y-4">
        {back}
        <ErrorState error={detail.error} orgId={org.id} onRetry={() => void detail.refetch()} />
      </div>
    );

  const { campaign, health } = detail.data;
  const groupWord = `${adGroupWord(campaign.platform)}s`;
  const offer = readChangeOffer(detail.data);
  const entityNames = new Map([...detail.data.adGroups, ...detail.data.ads].map((e) => [e.id, e.name]));
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        {back}
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{campaign.name}</h1>
            <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-gray-600">
              <span className="inline-flex items-center gap-1.5">
                <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: PLATFORM_COLORS[campaign.platform] }} aria-hidden="true" />
                {PLATFORM_NAMES[campaign.platform]}
              </span>
              <span aria-hidden="true">·</span>
              <span>{campaign.accountName}</span>
              {campaign.objective && (
                <>
                  <span aria-hidden="true">·</span>
                  <span>{objectiveLabel(campaign.objective)}</span>
                </>
              )}
              <span aria-hidden="true">·</span>
              <span className="font-mono text-xs">{campaign.platformId}</span>
            </p>
          </div>
          <dl className="flex flex-wrap items-start gap-6 text-sm">
            <div>
              <dt className="text-xs text-gray-500">Status</dt>
              <dd className="mt-0.5 flex items-center gap-2">
                <Badge tone={STATUS_TONES[campaign.status]}>{statusLabel(campaign.status)}</Badge>
                <PendingChange campaignId={campaign.id} />
                {canEdit && <StatusToggle row={campaign} />}
                {canEdit && <CampaignActionsMenu row={campaign} offer={offer} />}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-gray-500">Budget ({campaign.currency})</dt>
              <dd className="mt-0.5">
                <BudgetCell row={campaign} canEdit={canEdit} />
              </dd>
            </div>
          </dl>
        </div>
        <p className="flex flex-wrap items-center gap-2 text-sm text-gray-600">
          {HEALTH_STATES.has(health.state) ? <HealthBadge state={health.state as AccountHealth['state']} /> : <Badge>{health.state}</Badge>}
          <span>{health.summary}</span>
        </p>
      </div>

      <div className="flex flex-wrap items-start justify-between gap-4">
        <DateRangePicker value={search} resolved={range} onChange={(next: RangeSearch) => setSearch({ range: next.range, since: next.since, until: next.until })} timeZone={timeZone} />
        <div role="group" aria-label="Granularity" className="flex gap-2">
          <button type="button" className={segment} aria-pressed={granularity === 'day'} onClick={() => setSearch({ granularity: undefined })}>
            By day
          </button>
          <button type="button" className={segment} aria-pressed={granularity === 'hour'} onClick={() => setSearch({ granularity: 'hour' })}>
            By hour
          </button>
        </div>
      </div>

      <div className={`space-y-6 ${detail.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}`} aria-busy={detail.isPlaceholderData || undefined}>
        <section aria-labelledby="kpi-heading" className="space-y-3">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="kpi-heading" className="text-base font-semibold text-gray-900">
              Numbers, {formatRange(detail.data.range)} <span className="text-sm font-normal text-gray-500">({campaign.currency})</span>
            </h2>
            <p className="text-xs text-gray-500">{capitalize(comparisonText(detail.data.previousRange, detail.data.comparedThrough))}</p>
          </div>
          <KpiCards totals={campaign.metrics} previousTotals={detail.data.previousTotals} change={detail.data.change} currency={campaign.currency} />
        </section>
        <SeriesChart orgId={org.id} data={detail.data} granularity={granularity} />
        <EntityTable
          title={groupWord}
          currency={campaign.currency}
          rows={adGroupRows(detail.data, offer, canEdit)}
          extraLabel="Daily budget"
          bidLabel={offer.adGroupBid ? 'Bid' : undefined}
          empty={`This campaign has no ${groupWord.toLowerCase()}.`}
        />
        <EntityTable
          title="Ads"
          currency={campaign.currency}
          rows={adRows(detail.data, offer, canEdit)}
          extraLabel={groupWord.slice(0, -1)}
          extraIsText
          empty="This campaign has no ads."
        />
      </div>
      <ChangeHistory orgId={org.id} campaignId={campaign.id} canEdit={canEdit} entityNames={entityNames} />
    </div>
  );
}

function SeriesChart({ orgId, data, granularity }: { orgId: string; data: CampaignDetail; granularity: 'day' | 'hour' }) {
  const [metric, setMetric] = useState<Metric>('spendMicros');
  const [forecastDays, setForecastDays] = useState(0);
  const currency = data.campaign.currency;
  const rows = [...data.series].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // Every day (or every hour up to the newest reported one) is a point: no numbers is a 0, not a gap.
  const points = chartPoints(data.range, granularity, rows[rows.length - 1]?.at);
  const pointOf = (at: string) => (granularity === 'hour' ? at.slice(0, 16) : at);
  const label = METRICS.find((m) => m.key === metric)?.label ?? '';
  const isMoney = metric === 'spendMicros';
  const forecastMetric = metric === 'spendMicros' ? 'spend' : metric === 'conversions' ? 'conversions' : null;
  const canForecast = granularity === 'day' && forecastMetric !== null;
  const forecast = useCampaignForecast(orgId, data.campaign.id, canForecast && forecastDays > 0 ? forecastDays : null);
  const values = zeroFill(points, rows, (r) => pointOf(r.at), (r) => r[metric]);
  const format = isMoney ? (v: number) => formatMicros(v, currency) : metric === 'conversions' ? formatDecimal : formatCount;
  const days = canForecast && forecastDays > 0 ? forecast.data?.metrics.find((m) => m.metric === forecastMetric)?.days : undefined;
  const overlay = days ? overlayForecast(points, values, days) : null;
  return (
    <section aria-labelledby="chart-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="chart-heading" className="text-base font-semibold text-gray-900">
          Over time
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <div role="group" aria-label="Metric" className="flex flex-wrap gap-1">
            {METRICS.map((m) => (
              <button key={m.key} type="button" className={`${segment} px-2 py-1 text-xs`} aria-pressed={metric === m.key} onClick={() => setMetric(m.key)}>
                {m.label}
              </button>
            ))}
          </div>
          <div className="flex items-center gap-1.5">
            <label htmlFor="campaign-forecast" className="text-xs font-medium text-gray-700">
              Forecast
            </label>
            <select
              id="campaign-forecast"
              className="rounded-md border-0 py-1 pr-7 pl-2 text-xs ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600 disabled:text-gray-400"
              value={forecastDays}
              disabled={!canForecast}
              aria-describedby={canForecast ? undefined : 'campaign-forecast-note'}
              onChange={(event) => setForecastDays(Number(event.currentTarget.value))}
            >
              <option value={0}>None</option>
              {[7, 14, 30].map((d) => (
                <option key={d} value={d}>
                  Next {d} days
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {!canForecast && (
        <p id="campaign-forecast-note" className="text-xs text-gray-500">
          Forecasts are daily, for spend and conversions.
        </p>
      )}
      {canForecast && forecastDays > 0 && <ForecastStatus query={forecast} hasOverlay={overlay !== null} />}
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">No numbers in this range yet.</p>
      ) : (
        <>
          <TimeChart
            title={`${label} per ${granularity}${isMoney ? ` (${currency})` : ''}${overlay ? `, with the forecast of the next ${forecastDays} days` : ''}`}
            points={overlay ? overlay.points : points}
            formatPoint={formatPoint}
            formatTick={formatTick}
            series={
              overlay
                ? [
                    { id: metric, label, color: PLATFORM_COLORS[data.campaign.platform], values: overlay.actual },
                    { id: 'forecast', label: 'Forecast', color: '#4b5563', values: overlay.mean, dashed: true },
                  ]
                : [{ id: metric, label, color: PLATFORM_COLORS[data.campaign.platform], values }]
            }
            bands={
              overlay
                ? [
                    { id: 'range95', label: '95 % range', color: 'rgba(99, 102, 241, 0.12)', lower: overlay.lower95, upper: overlay.upper95 },
                    { id: 'range80', label: '80 % range', color: 'rgba(99, 102, 241, 0.28)', lower: overlay.lower80, upper: overlay.upper80 },
                  ]
                : undefined
            }
            format={format}
            formatAxis={isMoney ? (v) => formatMicrosCompact(v, currency) : formatCompact}
          />
          {overlay && (
            <p className="text-xs text-gray-500">
              The forecast (dashed) starts after the last complete day; the shaded ranges hold the day’s number 8 (darker) and 9.5 (lighter) times out of 10.
            </p>
          )}
          {granularity === 'hour' && <p className="text-xs text-gray-500">Hours as the platform reports them (the account’s time zone or UTC); the newest hours may still change.</p>}
        </>
      )}
    </section>
  );
}

const TABLE_KPIS: KpiDef[] = KPI_DEFS.filter((d) => ['spendMicros', 'clicks', 'ctr', 'cpcMicros', 'conversions', 'cpaMicros', 'roas'].includes(d.key));

export interface EntityRow {
  id: string;
  platformId: string;
  name: string;
  status: CampaignDetail['campaign']['status'];
  metrics: Kpis;
  extra: ReactNode;
  /** Shown beside the name (e.g. Learning). */
  badge?: ReactNode;
  /** Pause / Enable, where the object can be changed. */
  action?: ReactNode;
  bid?: ReactNode;
}

function EntityTable({
  title,
  currency,
  rows,
  extraLabel,
  extraIsText = false,
  bidLabel,
  empty,
}: {
  title: string;
  currency: string;
  rows: EntityRow[];
  extraLabel: string;
  extraIsText?: boolean;
  bidLabel?: string | undefined;
  empty: string;
}) {
  const headingId = `${title.toLowerCase().replace(/\W+/g, '-')}-heading`;
  return (
    <section aria-labelledby={headingId} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <h2 id={headingId} className="mb-2 text-base font-semibold text-gray-900">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="text-sm text-gray-500">{empty}</p>
      ) : (
        <div className="relative overflow-x-auto" tabIndex={0}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {title}, in {currency}
            </caption>
            <thead className="text-xs text-gray-500">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Name
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Status
                </th>
                <th scope="col" className={`py-2 pr-3 font-medium ${extraIsText ? '' : 'text-right'}`}>
                  {extraLabel}
                </th>
                {bidLabel && (
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    {bidLabel}
                  </th>
                )}
                {TABLE_KPIS.map((def) => (
                  <th key={def.key} scope="col" className="py-2 pr-3 text-right font-medium">
                    <abbr title={def.long} className="no-underline">
                      {def.label}
                    </abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="py-2 pr-3 font-medium text-gray-900">
                    {row.name} {row.badge}
                    <span className="block font-mono text-xs font-normal text-gray-500">{row.platformId}</span>
                  </th>
                  <td className="py-2 pr-3">
                    <span className="inline-flex items-center gap-2">
                      <Badge tone={STATUS_TONES[row.status]}>{statusLabel(row.status)}</Badge>
                      {row.action}
                    </span>
                  </td>
                  <td className={`py-2 pr-3 ${extraIsText ? 'text-gray-600' : 'text-right tabular-nums'}`}>{row.extra}</td>
                  {bidLabel && <td className="py-2 pr-3 text-right tabular-nums">{row.bid}</td>}
                  {TABLE_KPIS.map((def) => (
                    <td key={def.key} className="py-2 pr-3 text-right whitespace-nowrap tabular-nums">
                      {formatKpiValue(def.kind, row.metrics[def.key], currency)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
