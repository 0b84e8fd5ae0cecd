import type { Kpis, ReportKpi } from '@adloop/contracts';
import { currencyDigits, KPI_BETTER, type KpiKey } from '@adloop/engine';

/** How a report names, reads and writes each KPI (PDF, CSV, email and the client page say the same). */
export const KPI_INFO: Record<ReportKpi, { label: string; key: KpiKey; kind: 'money' | 'count' | 'decimal' | 'percent' | 'ratio' }> = {
  spend: { label: 'Spend', key: 'spendMicros', kind: 'money' },
  impressions: { label: 'Impressions', key: 'impressions', kind: 'count' },
  clicks: { label: 'Clicks', key: 'clicks', kind: 'count' },
  ctr: { label: 'CTR', key: 'ctr', kind: 'percent' },
  cpc: { label: 'CPC', key: 'cpcMicros', kind: 'money' },
  cpm: { label: 'CPM', key: 'cpmMicros', kind: 'money' },
  conversions: { label: 'Conversions', key: 'conversions', kind: 'decimal' },
  cpa: { label: 'Cost per conversion', key: 'cpaMicros', kind: 'money' },
  revenue: { label: 'Conversion value', key: 'conversionValueMicros', kind: 'money' },
  roas: { label: 'ROAS', key: 'roas', kind: 'ratio' },
};

/** The standard PDF fonts encode WinAnsi only: a symbol outside it (₹, zł) is written as the ISO code. */
const WIN_ANSI = /^[\u0020-\u007E\u00A0-\u00FF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]*$/u;
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string): Intl.NumberFormat {
  const known = moneyFormats.get(currency);
  if (known) return known;
  const digits = Math.min(currencyDigits(currency), 2);
  let format = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (!WIN_ANSI.test(format.format(1234.5))) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  moneyFormats.set(currency, format);
  return format;
}

export const formatMoney = (micros: number, currency: string): string => moneyFormat(currency).format(micros / 1_000_000).replace(/\u00A0/g, ' ');
const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A KPI as people read it (money in the report's currency); an em dash when it cannot be computed. */
export function formatKpi(kpi: ReportKpi, kpis: Kpis, currency: string): string {
  const info = KPI_INFO[kpi];
  const value = kpis[info.key];
  if (value === null) return '—';
  switch (info.kind) {
    case 'money':
      return formatMoney(value, currency);
    case 'count':
      return counts.format(value);
    case 'decimal':
      return decimals.format(value);
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'ratio':
      return `${value.toFixed(2)}x`;
  }
}

/** The raw value for the CSV: money in units of the currency (not micros), ratios as they are. */
export function rawKpi(kpi: ReportKpi, kpis: Kpis): string {
  const info = KPI_INFO[kpi];
  const value = kpis[info.key];
  if (value === null) return '';
  if (info.kind === 'money') return (value / 1_000_000).toFixed(2);
  if (info.kind === 'percent' || info.kind === 'ratio') return String(Math.round(value * 1e6) / 1e6);
  return String(value);
}

/** `+12.3%` / `-4.0%`, and whether the move is good news (`better`), bad (`worse`) or neither. */
export function formatChange(kpi: ReportKpi, change: Record<string, number | null> | null): { text: string; tone: 'better' | 'worse' | 'neutral' } | null {
  if (!change) return null;
  const value = change[KPI_INFO[kpi].key];
  if (value === null || value === undefined) return { text: 'n/a', tone: 'neutral' };
  const better = KPI_BETTER[KPI_INFO[kpi].key];
  const tone = Math.abs(value) < 0.0005 || better === 'neutral' ? 'neutral' : (value > 0) === (better === 'up') ? 'better' : 'worse';
  return { text: `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`, tone };
}
