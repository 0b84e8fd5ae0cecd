import { relativeChange } from '@adloop/engine';
import { formatCount, formatDecimal, formatMicros } from '../connections/money.ts';
import type { EntityStatus, Kpis, PlatformId } from '../../lib/types.ts';

export { formatCount, formatDecimal, formatMicros };

export const PLATFORM_COLORS: Record<PlatformId, string> = { google_ads: '#2563eb', meta: '#7c3aed', tiktok: '#db2777' };

export type KpiKey = 'spendMicros' | 'conversions' | 'cpaMicros' | 'roas' | 'clicks' | 'ctr' | 'cpcMicros' | 'cpmMicros' | 'impressions' | 'conversionValueMicros';
type KpiKind = 'money' | 'count' | 'decimal' | 'percent' | 'ratio';

export interface KpiDef {
  key: KpiKey;
  label: string;
  /** Spelled out, for a tooltip and screen readers. */
  long: string;
  kind: KpiKind;
  /** Whether a rise is good news: costs per result are better when they fall; spend is neither. */
  better: 'up' | 'down' | 'neutral';
}

export const KPI_DEFS: readonly KpiDef[] = [
  { key: 'spendMicros', label: 'Spend', long: 'Spend', kind: 'money', better: 'neutral' },
  { key: 'conversions', label: 'Conversions', long: 'Conversions', kind: 'decimal', better: 'up' },
  { key: 'cpaMicros', label: 'CPA', long: 'Cost per conversion', kind: 'money', better: 'down' },
  { key: 'roas', label: 'ROAS', long: 'Return on ad spend', kind: 'ratio', better: 'up' },
  { key: 'clicks', label: 'Clicks', long: 'Clicks', kind: 'count', better: 'up' },
  { key: 'ctr', label: 'CTR', long: 'Click-through rate', kind: 'percent', better: 'up' },
  { key: 'cpcMicros', label: 'CPC', long: 'Cost per click', kind: 'money', better: 'down' },
  { key: 'cpmMicros', label: 'CPM', long: 'Cost per 1,000 impressions', kind: 'money', better: 'down' },
];

export const IMPRESSIONS_DEF: KpiDef = { key: 'impressions', label: 'Impressions', long: 'Impressions', kind: 'count', better: 'up' };
export const REVENUE_DEF: KpiDef = { key: 'conversionValueMicros', label: 'Revenue', long: 'Conversion value', kind: 'money', better: 'up' };

const percent = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const ratio = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedPercent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });

export const formatPercent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : percent.format(value));
export const formatRoas = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${ratio.format(value)}×`);
/** A relative change: +12.3 %, −4 %. */
export const formatChange = (value: number) => signedPercent.format(value);

export function formatKpiValue(kind: KpiKind, value: number | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  switch (kind) {
    case 'money':
      return formatMicros(value, currency);
    case 'count':
      return formatCount(value);
    case 'decimal':
      return formatDecimal(value);
    case 'percent':
      return formatPercent(value);
    case 'ratio':
      return formatRoas(value);
  }
}

export const formatKpi = (def: KpiDef, kpis: Kpis, currency: string) => formatKpiValue(def.kind, kpis[def.key], currency);

/** The relative change of a KPI: the server's when it sent one, else worked out from both periods. */
export function kpiChange(def: KpiDef, change: Record<string, number | null> | undefined, current: Kpis, previous: Kpis | undefined): number | null {
  const sent = change?.[def.key];
  if (sent !== undefined) return sent;
  return relativeChange(current[def.key], previous?.[def.key]);
}

const compactMoney = new Map<string, Intl.NumberFormat>();
/** Short amounts for chart axes: $1.2K. */
export function formatMicrosCompact(micros: number, currency: string): string {
  let format = compactMoney.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    } catch {
      format = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
    }
    compactMoney.set(currency, format);
  }
  return format.format(micros / 1_000_000);
}
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
export const formatCompact = (value: number) => compact.format(value);

export const STATUS_TONES: Record<EntityStatus, 'green' | 'amber' | 'gray'> = { active: 'green', paused: 'amber', removed: 'gray', archived: 'gray' };
export const statusLabel = (status: string) => status.charAt(0).toUpperCase() + status.slice(1);

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const hourFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });

/** "Jun 30, 2026" for a calendar date (YYYY-MM-DD), with no time-zone shift. */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

/**
 * "Jun 30" for a date, "Jun 30, 2:00 PM" for an hour. Hours are shown as the server wrote them
 * (the account's time basis, its offset ignored) rather than moved into the browser's zone.
 */
export function formatPoint(at: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    const date = new Date(`${at}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? at : shortDayFormat.format(date);
  }
  const wallClock = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(at)?.[1];
  const date = wallClock ? new Date(`${wallClock}:00Z`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? at : hourFormat.format(date);
}

const tickHour = new Intl.DateTimeFormat(undefined, { hour: 'numeric', timeZone: 'UTC' });

/** Axis text: "Nov 30" for days; for hours "3 PM", with the date at the first tick and at midnight. */
export function formatTick(at: string, index: number): string {
  const wallClock = /^\d{4}-\d{2}-\d{2}T(\d{2}):\d{2}/.exec(at);
  if (!wallClock) return formatPoint(at);
  if (index === 0 || wallClock[1] === '00') return formatPoint(at.slice(0, 10));
  const date = new Date(`${at.slice(0, 16)}:00Z`);
  return Number.isNaN(date.getTime()) ? at : tickHour.format(date);
}

export const formatRange = (range: { since: string; until: string }) => (range.since === range.until ? formatDay(range.since) : `${formatDay(range.since)} – ${formatDay(range.until)}`);
