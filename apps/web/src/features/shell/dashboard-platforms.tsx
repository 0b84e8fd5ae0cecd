import type { Dashboard, Freshness, PlatformId } from '../../lib/types.ts';
import { HealthBadge, PLATFORM_NAMES } from '../connections/health.tsx';
import { ChangeIndicator } from '../campaigns/kpi-cards.tsx';
import { formatKpi, kpiChange, KPI_DEFS, PLATFORM_COLORS } from '../campaigns/report-format.ts';

export const PLATFORM_ORDER: PlatformId[] = ['google_ads', 'meta', 'tiktok'];

/** Per platform: its health and what its accounts' syncs say. */
export function FreshnessStrip({ freshness }: { freshness: Freshness[] }) {
  if (freshness.length === 0) return null;
  return (
    <section aria-label="How fresh the numbers are">
      <ul className="flex flex-wrap gap-3">
        {freshness.map((f) => (
          <li key={f.platform} aria-label={`${PLATFORM_NAMES[f.platform]} freshness`} className="flex min-w-0 flex-1 basis-64 flex-col gap-1 rounded-lg bg-white px-4 py-3 text-sm shadow-sm ring-1 ring-gray-200">
            <div className="flex items-center gap-2">
              <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: PLATFORM_COLORS[f.platform] }} aria-hidden="true" />
              <span className="font-medium text-gray-900">{PLATFORM_NAMES[f.platform]}</span>
              <HealthBadge state={f.state} />
              <span className="ml-auto text-xs text-gray-500">
                {f.accounts} account{f.accounts === 1 ? '' : 's'}
              </span>
            </div>
            <p className="text-xs text-gray-600">{f.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The KPIs per platform beside the total, each with its change against the previous period. */
export function PlatformTable({ data, freshness: all }: { data: Dashboard; freshness: Freshness[] }) {
  const rows = PLATFORM_ORDER.map((p) => data.byPlatform.find((b) => b.platform === p)).filter((b) => b !== undefined);
  const freshness = (platform: PlatformId) => all.find((f) => f.platform === platform);
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
      <table className="w-full text-left text-sm">
        <caption className="px-4 pt-3 text-left text-sm font-semibold text-gray-900">By platform</caption>
        <thead className="text-xs text-gray-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              <span className="sr-only">Number</span>
            </th>
            {rows.map((row) => (
              <th key={row.platform} scope="col" className="px-3 py-2 text-right font-medium">
                <span className="block text-gray-900">{PLATFORM_NAMES[row.platform]}</span>
                {freshness(row.platform) && (
                  <span className="mt-0.5 block" title={freshness(row.platform)?.summary}>
                    <HealthBadge state={freshness(row.platform)!.state} />
                  </span>
                )}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right font-medium text-gray-900">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {KPI_DEFS.map((def) => (
            <tr key={def.key}>
              <th scope="row" className="px-4 py-1.5 font-normal text-gray-600">
                <abbr title={def.long} className="no-underline">
                  {def.label}
                </abbr>
                {def.key === 'conversions' && <span aria-hidden="true">*</span>}
              </th>
              {rows.map((row) => (
                <td key={row.platform} className="px-3 py-1.5 text-right tabular-nums">
                  {formatKpi(def, row.totals, data.currency)}
                  <span className="block">
                    <ChangeIndicator value={kpiChange(def, row.change, row.totals, row.previousTotals)} better={def.better} />
                  </span>
                </td>
              ))}
              <td className="px-3 py-1.5 text-right font-medium tabular-nums">{formatKpi(def, data.totals, data.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="space-y-1 px-4 py-3 text-xs text-gray-500">
        <p>
          <span aria-hidden="true">* </span>
          {data.attributionNote}
        </p>
        {rows.some((row) => row.currencies.some((c) => c !== data.currency)) && (
          <p>
            Converted to {data.currency} from{' '}
            {rows
              .map((row) => `${PLATFORM_NAMES[row.platform]}: ${row.currencies.join(', ')}`)
              .join('; ')}
            .
          </p>
        )}
      </div>
    </div>
  );
}
