import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { api, isApiError } from '../../lib/api.ts';
import { LoadingState } from '../../components/ui/states.tsx';
import { formatKpiValue } from '../campaigns/report-format.ts';
import { KPI_KEYS, KPI_LABELS, type ReportData, type ReportKpi } from './reports-api.ts';

const KIND: Record<ReportKpi, 'money' | 'count' | 'decimal' | 'percent' | 'ratio'> = {
  spend: 'money', impressions: 'count', clicks: 'count', ctr: 'percent', cpc: 'money', cpm: 'money', conversions: 'decimal', cpa: 'money', revenue: 'money', roas: 'ratio',
};
const PLATFORMS: Record<string, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };
const signed = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });

function Table({ caption, heads, rows, kpis }: { caption: string; heads: string[]; rows: { cells: string[]; kpis: ReportData['totals']['kpis']; currency: string }[]; kpis: ReportKpi[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200" role="region" aria-label={caption} tabIndex={0}>
      <table className="w-full text-left text-sm">
        <caption className="px-4 pt-3 text-left text-base font-semibold text-gray-900">{caption}</caption>
        <thead className="text-gray-500">
          <tr>
            {heads.map((h) => <th key={h} scope="col" className="px-4 py-2 font-medium">{h}</th>)}
            {kpis.map((k) => <th key={k} scope="col" className="px-4 py-2 text-right font-medium">{KPI_LABELS[k]}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="border-t border-gray-100">
              {row.cells.map((cell, j) => <td key={j} className="px-4 py-2">{cell}</td>)}
              {kpis.map((k) => <td key={k} className="px-4 py-2 text-right tabular-nums">{formatKpiValue(KIND[k], row.kpis[KPI_KEYS[k]], row.currency)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The live report behind a client link, for someone without a login: read-only, the link's accounts only. */
export function ClientReportPage() {
  const { token } = useParams({ from: '/r/$token' });
  const report = useQuery({ queryKey: ['report-link', token], queryFn: () => api.get<ReportData>(`/report-links/${token}`), retry: false });
  if (report.isPending) return <LoadingState label="Loading the report…" />;
  if (report.isError) {
    const gone = isApiError(report.error, 'gone');
    return (
      <main className="mx-auto max-w-lg p-8">
        <h1 className="text-xl font-semibold text-gray-900">{gone ? 'This report link no longer works' : 'Report not found'}</h1>
        <p role="alert" className="mt-2 text-gray-600">{gone ? report.error.message : isApiError(report.error, 'rate_limited') ? report.error.message : 'Check that the whole link was copied, or ask for a new one.'}</p>
      </main>
    );
  }
  const data = report.data;
  return (
    <div className="min-h-screen bg-gray-50">
      <header style={{ background: data.primaryColor }} className="px-6 py-6 text-white">
        <div className="mx-auto flex max-w-6xl items-center gap-4">
          {data.hasLogo && <img src={`/api/v1/report-links/${token}/logo`} alt={`${data.agencyName ?? 'Agency'} logo`} className="h-12 rounded bg-white p-1" />}
          <div>
            <h1 className="text-2xl font-semibold">{data.name}</h1>
            <p className="text-sm opacity-90">
              {data.range.since} to {data.range.until}
              {data.previousRange && ` · compared with ${data.previousRange.since} to ${data.previousRange.until}`} · {data.agencyName ?? 'Adloop'}
            </p>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl space-y-6 p-6">
        <ul className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Key figures">
          {data.kpis.map((k) => {
            const change = data.totals.change?.[KPI_KEYS[k]];
            return (
              <li key={k} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200" style={{ borderLeft: `4px solid ${data.accentColor}` }}>
                <p className="text-xs font-medium text-gray-500 uppercase">{KPI_LABELS[k]}</p>
                <p className="mt-1 text-xl font-semibold text-gray-900 tabular-nums">{formatKpiValue(KIND[k], data.totals.kpis[KPI_KEYS[k]], data.currency)}</p>
                {change !== undefined && change !== null && <p className="text-xs text-gray-600">{signed.format(change)} vs previous period</p>}
              </li>
            );
          })}
        </ul>
        {data.byPlatform && <Table caption="By platform" heads={['Platform']} kpis={data.kpis} rows={data.byPlatform.map((p) => ({ cells: [PLATFORMS[p.platform] ?? p.platform], kpis: p.kpis, currency: data.currency }))} />}
        {data.byAccount && <Table caption="By ad account" heads={['Account']} kpis={data.kpis} rows={data.byAccount.map((a) => ({ cells: [a.name], kpis: a.kpis, currency: data.currency }))} />}
        {data.byCampaign && <Table caption="By campaign" heads={['Campaign', 'Account']} kpis={data.kpis} rows={data.byCampaign.map((c) => ({ cells: [c.name, c.accountName], kpis: c.kpis, currency: c.currency }))} />}
        <p className="text-xs text-gray-500">Live figures, in {data.currency} ({data.timeZone}). Prepared {new Date(data.generatedAt).toLocaleString()}.</p>
      </main>
    </div>
  );
}
