import { useState } from 'react';
import * as Menu from '@radix-ui/react-dropdown-menu';
import type { CampaignRow, CampaignSort, Kpis } from '../../lib/types.ts';
import { buttonClass } from '../../components/ui/button.tsx';
import { menuContent } from '../shell/org-switcher.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { formatKpiValue, KPI_DEFS, IMPRESSIONS_DEF, REVENUE_DEF, type KpiDef } from './report-format.ts';

/** Columns of the campaign table. `id` is also the column name the CSV export takes (budget aside). */
export type ColumnId = 'platform' | 'account' | 'name' | 'status' | 'budget' | 'spend' | 'revenue' | 'roas' | 'conversions' | 'cpa' | 'clicks' | 'ctr' | 'cpc' | 'impressions' | 'cpm';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Spelled out (for abbreviations). */
  long?: string;
  sort?: CampaignSort;
  numeric: boolean;
  /** An amount in the campaign's currency (converted in the reporting-currency view). */
  isMoney?: boolean;
  /** A KPI column: its value per row (row currency) and in the totals (reporting currency). */
  kpi?: KpiDef;
  /** Starting width in pixels (the header edge drags it wider or narrower). */
  size: number;
}

const kpi = (key: KpiDef['key']): KpiDef => (key === 'impressions' ? IMPRESSIONS_DEF : key === 'conversionValueMicros' ? REVENUE_DEF : KPI_DEFS.find((d) => d.key === key)!);

/** In order: what a campaign is, then money (spend, revenue, return) before the finer numbers. */
export const COLUMNS: readonly ColumnDef[] = [
  { id: 'name', label: 'Campaign', sort: 'name', numeric: false, size: 220 },
  { id: 'platform', label: 'Platform', sort: 'platform', numeric: false, size: 96 },
  { id: 'account', label: 'Account', sort: 'account', numeric: false, size: 140 },
  { id: 'status', label: 'Status', sort: 'status', numeric: false, size: 104 },
  { id: 'budget', label: 'Budget', sort: 'budget', numeric: true, isMoney: true, size: 150 },
  { id: 'spend', label: 'Spend', sort: 'spend', numeric: true, isMoney: true, kpi: kpi('spendMicros'), size: 104 },
  { id: 'revenue', label: 'Revenue', long: 'Conversion value', sort: 'revenue', numeric: true, isMoney: true, kpi: kpi('conversionValueMicros'), size: 104 },
  { id: 'roas', label: 'ROAS', long: 'Return on ad spend', sort: 'roas', numeric: true, kpi: kpi('roas'), size: 80 },
  { id: 'conversions', label: 'Conversions', sort: 'conversions', numeric: true, kpi: kpi('conversions'), size: 112 },
  { id: 'cpa', label: 'CPA', long: 'Cost per conversion', sort: 'cpa', numeric: true, isMoney: true, kpi: kpi('cpaMicros'), size: 88 },
  { id: 'clicks', label: 'Clicks', sort: 'clicks', numeric: true, kpi: kpi('clicks'), size: 80 },
  { id: 'ctr', label: 'CTR', long: 'Click-through rate', sort: 'ctr', numeric: true, kpi: kpi('ctr'), size: 80 },
  { id: 'cpc', label: 'CPC', long: 'Cost per click', sort: 'cpc', numeric: true, isMoney: true, kpi: kpi('cpcMicros'), size: 88 },
  { id: 'impressions', label: 'Impressions', sort: 'impressions', numeric: true, kpi: kpi('impressions'), size: 112 },
  { id: 'cpm', label: 'CPM', long: 'Cost per 1,000 impressions', sort: 'cpm', numeric: true, isMoney: true, kpi: kpi('cpmMicros'), size: 88 },
];

const DEFAULT_VISIBLE: ColumnId[] = ['name', 'platform', 'account', 'status', 'budget', 'spend', 'revenue', 'roas', 'conversions', 'cpa', 'clicks', 'ctr', 'cpc'];
const STORAGE_KEY = 'adloop.campaignColumns.v2';

function readStored(): ColumnId[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (!Array.isArray(stored)) return DEFAULT_VISIBLE;
    const ids = COLUMNS.map((c) => c.id).filter((id) => id === 'name' || stored.includes(id));
    return ids.length > 1 ? ids : DEFAULT_VISIBLE;
  } catch {
    return DEFAULT_VISIBLE;
  }
}

/** The visible columns, in table order, remembered in this browser. */
export function useVisibleColumns() {
  const [visible, setVisible] = useState<ColumnId[]>(readStored);
  const toggle = (id: ColumnId, on: boolean) => {
    if (id === 'name') return;
    setVisible((current) => {
      const next = COLUMNS.map((c) => c.id).filter((c) => (c === id ? on : current.includes(c)));
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      } catch {
        // Private mode or full storage: the choice lasts for this page only.
      }
      return next;
    });
  };
  return { columns: COLUMNS.filter((c) => visible.includes(c.id)), visible, toggle };
}

/**
 * The CSV export's columns for the visible ones, in order: the campaign's and account's ids first,
 * the budget as two columns (daily, lifetime), and amounts with the campaign's currency before the
 * first of them, as each row's amounts are in its currency there.
 */
export function exportColumns(columns: readonly ColumnDef[]): string[] {
  const out: string[] = ['campaign_id', 'account_id'];
  for (const column of columns) {
    if (column.isMoney && !out.includes('currency')) out.push('currency');
    if (column.id === 'budget') out.push('daily_budget', 'lifetime_budget');
    else if (column.id === 'revenue') out.push('conversion_value');
    else out.push(column.id);
  }
  return out;
}

export function kpiCell(column: ColumnDef, metrics: Kpis, currency: string): string {
  return column.kpi ? formatKpiValue(column.kpi.kind, metrics[column.kpi.key], currency) : '';
}

export const platformCell = (row: CampaignRow) => PLATFORM_NAMES[row.platform];

/** "Columns": a menu of checkboxes, one per column but the campaign name. */
export function ColumnChooser({ visible, onToggle }: { visible: ColumnId[]; onToggle: (id: ColumnId, on: boolean) => void }) {
  return (
    <Menu.Root>
      <Menu.Trigger className={buttonClass('secondary')}>
        Columns
        <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
          <path d="M6 8l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className={`${menuContent} max-h-[var(--radix-dropdown-menu-content-available-height)] w-64 overflow-y-auto`} align="end" sideOffset={6} collisionPadding={8} aria-label="Columns">
          {COLUMNS.filter((c) => c.id !== 'name').map((column) => (
            <Menu.CheckboxItem
              key={column.id}
              checked={visible.includes(column.id)}
              onCheckedChange={(on) => onToggle(column.id, on)}
              onSelect={(event) => event.preventDefault()}
              className="flex cursor-pointer items-center gap-2 rounded px-3 py-1.5 text-sm outline-none data-[highlighted]:bg-gray-100"
            >
              <span className="flex size-4 items-center justify-center rounded border border-gray-300" aria-hidden="true">
                <Menu.ItemIndicator>
                  <svg viewBox="0 0 16 16" className="size-3 text-indigo-600">
                    <path d="M3 8l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" />
                  </svg>
                </Menu.ItemIndicator>
              </span>
              {column.long ? `${column.label} (${column.long})` : column.label}
            </Menu.CheckboxItem>
          ))}
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
