import { useState } from 'react';
import * as Menu from '@radix-ui/react-dropdown-menu';
import type { CampaignRow, CampaignSort, Kpis } from '../../lib/types.ts';
import { buttonClass } from '../../components/ui/button.tsx';
import { menuContent } from '../shell/org-switcher.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { formatKpiValue, KPI_DEFS, IMPRESSIONS_DEF, type KpiDef } from './report-format.ts';

/** Columns of the campaign table. `id` is also the column name the CSV export takes. */
export type ColumnId = 'platform' | 'account' | 'name' | 'status' | 'budget' | 'spend' | 'impressions' | 'clicks' | 'ctr' | 'cpc' | 'conversions' | 'cpa' | 'roas' | 'cpm';

export interface ColumnDef {
  id: ColumnId;
  label: string;
  /** Spelled out (for abbreviations). */
  long?: string;
  sort?: CampaignSort;
  numeric: boolean;
  /** A KPI column: its value per row (row currency) and in the totals (reporting currency). */
  kpi?: KpiDef;
}

const kpi = (key: KpiDef['key']): KpiDef => (key === 'impressions' ? IMPRESSIONS_DEF : KPI_DEFS.find((d) => d.key === key)!);

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'platform', label: 'Platform', sort: 'platform', numeric: false },
  { id: 'account', label: 'Account', sort: 'account', numeric: false },
  { id: 'name', label: 'Campaign', sort: 'name', numeric: false },
  { id: 'status', label: 'Status', sort: 'status', numeric: false },
  { id: 'budget', label: 'Budget', sort: 'budget', numeric: true },
  { id: 'spend', label: 'Spend', sort: 'spend', numeric: true, kpi: kpi('spendMicros') },
  { id: 'impressions', label: 'Impressions', sort: 'impressions', numeric: true, kpi: kpi('impressions') },
  { id: 'clicks', label: 'Clicks', sort: 'clicks', numeric: true, kpi: kpi('clicks') },
  { id: 'ctr', label: 'CTR', long: 'Click-through rate', sort: 'ctr', numeric: true, kpi: kpi('ctr') },
  { id: 'cpc', label: 'CPC', long: 'Cost per click', sort: 'cpc', numeric: true, kpi: kpi('cpcMicros') },
  { id: 'conversions', label: 'Conversions', sort: 'conversions', numeric: true, kpi: kpi('conversions') },
  { id: 'cpa', label: 'CPA', long: 'Cost per conversion', sort: 'cpa', numeric: true, kpi: kpi('cpaMicros') },
  { id: 'roas', label: 'ROAS', long: 'Return on ad spend', sort: 'roas', numeric: true, kpi: kpi('roas') },
  { id: 'cpm', label: 'CPM', long: 'Cost per 1,000 impressions', sort: 'cpm', numeric: true, kpi: kpi('cpmMicros') },
];

const DEFAULT_VISIBLE: ColumnId[] = ['platform', 'account', 'name', 'status', 'budget', 'spend', 'clicks', 'ctr', 'cpc', 'conversions', 'cpa', 'roas'];
const STORAGE_KEY = 'adloop.campaignColumns';

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

const MONEY_COLUMNS = new Set<ColumnId>(['budget', 'spend', 'cpc', 'cpa', 'cpm']);

/**
 * The CSV export's columns for the visible ones, in order: the budget is two columns there
 * (daily, lifetime), and amounts come with the campaign's currency before the first of them,
 * as the table shows each amount in its currency.
 */
export function exportColumns(columns: readonly ColumnDef[]): string[] {
  const out: string[] = [];
  for (const column of columns) {
    if (MONEY_COLUMNS.has(column.id) && !out.includes('currency')) out.push('currency');
    if (column.id === 'budget') out.push('daily_budget', 'lifetime_budget');
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
        <Menu.Content className={`${menuContent} w-56`} align="end" sideOffset={6} aria-label="Columns">
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
