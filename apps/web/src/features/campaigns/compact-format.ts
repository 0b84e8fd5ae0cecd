import { formatKpiValue, type KpiDef } from './report-format.ts';
import type { Kpis } from '../../lib/types.ts';

/**
 * Short forms for the KPI cards, so any amount fits a card: cents go from 1,000 on, and from 100,000
 * on the value is abbreviated to three significant digits ($123K, $1.23M). The full value stays
 * available (tooltip, tables).
 */

const COMPACT_FROM = 100_000;
const WHOLE_FROM = 1_000;
const formats = new Map<string, Intl.NumberFormat>();

function cached(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

function money(currency: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(`${currency}:${JSON.stringify(options)}`, () => {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency, ...options });
    } catch {
      return new Intl.NumberFormat(undefined, options);
    }
  });
}

export function formatMoneyShort(micros: number, currency: string): string {
  const units = micros / 1_000_000;
  const size = Math.abs(units);
  if (size >= COMPACT_FROM) return money(currency, { notation: 'compact', maximumSignificantDigits: 3 }).format(units);
  if (size >= WHOLE_FROM) return money(currency, { maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(units);
  return money(currency, {}).format(units);
}

export function formatCountShort(value: number): string {
  if (Math.abs(value) >= COMPACT_FROM) return cached('count-compact', () => new Intl.NumberFormat(undefined, { notation: 'compact', maximumSignificantDigits: 3 })).format(value);
  const digits = Math.abs(value) >= WHOLE_FROM ? 0 : 2;
  return cached(`count:${digits}`, () => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits })).format(value);
}

/** A KPI as a card shows it: short for money and counts, as usual for rates. */
export function formatKpiShort(def: KpiDef, kpis: Kpis, currency: string): string {
  const value = kpis[def.key];
  if (value === null || value === undefined) return '—';
  if (def.kind === 'money') return formatMoneyShort(value, currency);
  if (def.kind === 'count' || def.kind === 'decimal') return formatCountShort(value);
  return formatKpiValue(def.kind, value, currency);
}
