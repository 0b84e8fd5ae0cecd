import { useMemo } from 'react';
import { Link } from '@tanstack/react-router';
import { objectiveLabel } from '@adloop/contracts/labels';
import type { CampaignRow, CampaignSort, CampaignTable } from '../../lib/types.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { Badge } from '../../components/ui/card.tsx';
import { DataTable, type DataColumn } from '../../components/ui/data-table.tsx';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { kpiCell, type ColumnDef } from './campaign-columns.tsx';
import { BudgetCell, PendingChange, StatusToggle } from './campaign-actions.tsx';
import { CampaignActionsMenu } from './campaign-menu.tsx';
import { NO_OFFER, readChangeOffer } from './object-offer.ts';
import { showAmount, type AmountView, type Conversion } from './currency-view.ts';
import { formatKpiValue, formatRange, STATUS_TONES, statusLabel } from './report-format.ts';

interface TableViewProps {
  orgId: string;
  rows: CampaignRow[];
  data: CampaignTable;
  columns: ColumnDef[];
  sort: CampaignSort;
  dir: 'asc' | 'desc';
  onSort: (column: CampaignSort) => void;
  canEdit: boolean;
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
  isUpdating: boolean;
  view: AmountView;
}

/** The campaign rows: name (and the tick box) and the row actions stay in view while the numbers scroll. */
export function CampaignTableView({ orgId, rows, data, columns, sort, dir, onSort, canEdit, selected, onSelect, isUpdating, view }: TableViewProps) {
  const conversion: Conversion = useMemo(() => ({ currency: data.currency, factors: data.fxFactors }), [data.currency, data.fxFactors]);
  const tableColumns = useMemo(
    () => buildColumns({ orgId, rows, data, columns, sort, dir, onSort, canEdit, selected, onSelect, view, conversion }),
    [orgId, rows, data, columns, sort, dir, onSort, canEdit, selected, onSelect, view, conversion],
  );
  const sortColumn = columns.find((c) => c.sort === sort);
  const mixedCurrencies = rows.some((r) => r.currency !== data.currency);

  return (
    <div className={isUpdating ? 'opacity-60 transition-opacity' : ''} aria-busy={isUpdating || undefined}>
      <DataTable
        rows={rows}
        columns={tableColumns}
        getRowId={(row) => row.id}
        caption={`Campaigns, ${formatRange(data.range)}${sortColumn ? `, sorted by ${sortColumn.label} ${dir === 'asc' ? 'ascending' : 'descending'}` : ''}`}
        pinStart={['select', 'name']}
        pinEnd={['actions']}
        rowClassName={(row) => (selected.has(row.id) ? 'bg-indigo-50' : 'bg-white')}
        hasFooter
      />
      <p className="mt-2 text-xs text-gray-500">
        Totals cover every campaign matching the filters, in {data.currency}
        {mixedCurrencies ? (view === 'reporting' ? `; every amount is shown in ${data.currency} at the latest rate (hover an amount for the account’s own)` : `; each campaign’s amounts are in its account’s currency`) : ''}. Numbers synced{' '}
        <span title={formatDateTime(oldest(rows))}>{formatRelative(oldest(rows))}</span>.
      </p>
    </div>
  );
}

function oldest(rows: CampaignRow[]): string | null {
  return rows.reduce<string | null>((min, r) => (min === null || Date.parse(r.syncedAt) < Date.parse(min) ? r.syncedAt : min), null);
}

type BuildArgs = Omit<TableViewProps, 'isUpdating'> & { conversion: Conversion };

function buildColumns(a: BuildArgs): DataColumn<CampaignRow>[] {
  const out: DataColumn<CampaignRow>[] = [];
  if (a.canEdit) out.push(selectColumn(a));
  for (const column of a.columns) out.push(dataColumn(column, a));
  if (a.canEdit)
    out.push({
      id: 'actions',
      // Room for the More menu only where the server offers further actions on some row.
      size: a.rows.some((r) => readChangeOffer(r) !== NO_OFFER) ? 150 : 96,
      enableResizing: false,
      meta: { align: 'right' },
      header: () => <span className="sr-only">Actions</span>,
      cell: ({ row }) => (
        <span className="inline-flex items-center justify-end gap-1">
          <StatusToggle row={row.original} />
          <CampaignActionsMenu row={row.original} offer={readChangeOffer(row.original)} />
        </span>
      ),
    });
  return out;
}

function selectColumn({ rows, selected, onSelect }: BuildArgs): DataColumn<CampaignRow> {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = rows.some((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  return {
    id: 'select',
    size: 40,
    enableResizing: false,
    header: () => (
      <input
        type="checkbox"
        className="size-4 rounded border-gray-300 accent-indigo-600"
        aria-label="Select all shown campaigns"
        checked={allSelected}
        ref={(el) => {
          if (el) el.indeterminate = someSelected && !allSelected;
        }}
        onChange={(e) => onSelect(e.currentTarget.checked ? new Set(rows.map((r) => r.id)) : new Set())}
      />
    ),
    cell: ({ row }) => (
      <input type="checkbox" className="size-4 rounded border-gray-300 accent-indigo-600" aria-label={`Select ${row.original.name}`} checked={selected.has(row.original.id)} onChange={(e) => toggle(row.original.id, e.currentTarget.checked)} />
    ),
  };
}

function dataColumn(column: ColumnDef, a: BuildArgs): DataColumn<CampaignRow> {
  const isSorted = column.sort === a.sort;
  return {
    id: column.id,
    size: column.size,
    minSize: 64,
    meta: {
      align: column.numeric ? 'right' : undefined,
      isRowHeader: column.id === 'name',
      sort: column.sort ? (isSorted ? (a.dir === 'asc' ? 'ascending' : 'descending') : 'none') : undefined,
    },
    header: () => (column.sort ? <SortButton column={column} state={isSorted ? a.dir : null} onSort={a.onSort} /> : column.label),
    cell: ({ row }) => <CampaignCell column={column} row={row.original} a={a} />,
    footer: () =>
      column.id === 'name' ? (
        <>
          Total
          <span className="block text-xs font-normal text-gray-500">in {a.data.currency}</span>
        </>
      ) : (
        kpiCell(column, a.data.totals, a.data.currency)
      ),
  };
}

function SortButton({ column, state, onSort }: { column: ColumnDef; state: 'asc' | 'desc' | null; onSort: (sort: CampaignSort) => void }) {
  return (
    <button type="button" onClick={() => column.sort && onSort(column.sort)} className={`inline-flex items-center gap-1 font-medium hover:text-gray-900 ${state ? 'text-gray-900' : ''}`}>
      {column.long ? (
        <abbr title={column.long} className="no-underline">
          {column.label}
        </abbr>
      ) : (
        column.label
      )}
      <SortArrow state={state} />
    </button>
  );
}

function CampaignCell({ column, row, a }: { column: ColumnDef; row: CampaignRow; a: BuildArgs }) {
  switch (column.id) {
    case 'name':
      return (
        <span className="block font-medium break-words text-gray-900" title={`Synced ${formatDateTime(row.syncedAt)}`}>
          <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId: a.orgId, campaignId: row.id }} className="hover:text-indigo-700 hover:underline">
            {row.name}
          </Link>
          {row.objective && <span className="block text-xs font-normal text-gray-500">{objectiveLabel(row.objective)}</span>}
        </span>
      );
    case 'platform':
      return <span className="whitespace-nowrap">{PLATFORM_NAMES[row.platform]}</span>;
    case 'account':
      return <span className="block break-words text-gray-600">{row.accountName}</span>;
    case 'status':
      return (
        <span className="flex flex-col items-start gap-1">
          <Badge tone={STATUS_TONES[row.status]}>{statusLabel(row.status)}</Badge>
          <PendingChange campaignId={row.id} />
        </span>
      );
    case 'budget': {
      const micros = row.dailyBudgetMicros ?? row.lifetimeBudgetMicros;
      return <BudgetCell row={row} canEdit={a.canEdit} shown={showAmount(micros, row.currency, a.view, a.conversion)} />;
    }
    default: {
      if (!column.kpi) return null;
      const value = row.metrics[column.kpi.key];
      const shown = column.isMoney && value !== null ? showAmount(value, row.currency, a.view, a.conversion) : { text: formatKpiValue(column.kpi.kind, value, row.currency), original: null };
      return (
        <span className="whitespace-nowrap tabular-nums" title={shown.original ? `${shown.original} in the account’s currency` : undefined}>
          {shown.text}
        </span>
      );
    }
  }
}

function SortArrow({ state }: { state: 'asc' | 'desc' | null }) {
  return (
    <svg viewBox="0 0 12 12" className={`size-3 ${state ? 'text-indigo-600' : 'text-gray-300'}`} aria-hidden="true">
      {state === 'asc' ? <path d="M6 3l4 5H2z" fill="currentColor" /> : state === 'desc' ? <path d="M6 9L2 4h8z" fill="currentColor" /> : <path d="M6 2l3 3.5H3zM6 10L3 6.5h6z" fill="currentColor" />}
    </svg>
  );
}
