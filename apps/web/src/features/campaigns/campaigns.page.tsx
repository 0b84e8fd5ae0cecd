import { useEffect, useMemo, useState } from 'react';
import { Link, getRouteApi } from '@tanstack/react-router';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { canEditCampaigns, keys } from '../../lib/queries.ts';
import { formatRelative, formatDateTime } from '../../lib/format.ts';
import type { CampaignRow, CampaignSort, CampaignTable, ConnectionsOverview, EntityStatus, PlatformId } from '../../lib/types.ts';
import { Badge } from '../../components/ui/card.tsx';
import { buttonClass } from '../../components/ui/button.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { DateRangePicker, resolveRange, useOrgTimeZone, type RangeSearch } from './date-range.tsx';
import { ColumnChooser, exportColumns, kpiCell, platformCell, useVisibleColumns, type ColumnDef } from './campaign-columns.tsx';
import { BudgetCell, BulkActions, PendingChange, StatusToggle } from './campaign-actions.tsx';
import { formatRange, STATUS_TONES, statusLabel } from './report-format.ts';

const route = getRouteApi('/orgs/$orgId/campaigns/');
const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
const PLATFORMS: PlatformId[] = ['google_ads', 'meta', 'tiktok'];
const STATUSES: EntityStatus[] = ['active', 'paused', 'removed', 'archived'];
/** Text-like columns start A→Z; numbers start with the largest. */
const ASCENDING_FIRST = new Set<CampaignSort>(['name', 'platform', 'status']);

const select = 'rounded-md border-0 py-1.5 pr-8 pl-3 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600';
const th = 'px-2 py-2 font-medium whitespace-nowrap first:pl-3 last:pr-3';
const td = 'px-2 py-2 align-top first:pl-3 last:pr-3';

export function CampaignsPage() {
  const { org } = useCurrentOrg();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const canEdit = canEditCampaigns(org.role);
  const timeZone = useOrgTimeZone(org.id);
  const range = timeZone === undefined ? null : resolveRange(search, timeZone);
  const overview = useQuery({ queryKey: keys.connections(org.id), queryFn: () => api.get<ConnectionsOverview>(`/orgs/${org.id}/connections`) });
  const { columns, visible, toggle } = useVisibleColumns();

  const platform = PLATFORMS.find((p) => p === search.platform);
  const status = STATUSES.find((s) => s === search.status);
  const sort = (search.sort as CampaignSort | undefined) ?? 'spend';
  const dir = search.dir === 'asc' ? 'asc' : 'desc';
  const filters = { since: range?.since, until: range?.until, platform, accountId: search.accountId, status, q: search.q, sort, dir };

  const table = useInfiniteQuery({
    queryKey: keys.campaignList(org.id, filters),
    queryFn: ({ pageParam }) => api.get<CampaignTable>(`/orgs/${org.id}/campaigns`, { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => table.data?.pages.flatMap((p) => p.items) ?? [], [table.data]);
  const first = table.data?.pages[0];

  // Selection: ticked campaigns among the loaded rows; a new filter starts afresh.
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const filterKey = JSON.stringify(filters);
  useEffect(() => setSelected(new Set()), [filterKey]);
  const selectedRows = rows.filter((r) => selected.has(r.id));

  const setSearch = (patch: Record<string, string | undefined>) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  const setSort = (column: CampaignSort) => {
    const nextDir = column === sort ? (dir === 'asc' ? 'desc' : 'asc') : ASCENDING_FIRST.has(column) ? 'asc' : 'desc';
    setSearch({ sort: column, dir: nextDir });
  };

  const accounts = (overview.data?.connections ?? []).flatMap((c) => c.accounts.filter((a) => a.selected && !a.isManager)).filter((a) => !platform || a.platform === platform);
  const platforms = PLATFORMS.filter((p) => overview.data?.connections.some((c) => c.platform === p && c.accounts.some((a) => a.selected)));
  const hasAccounts = platforms.length > 0;

  const exportHref = (() => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    params.set('columns', exportColumns(columns).join(','));
    return `/api/v1/orgs/${org.id}/campaigns/export.csv?${params}`;
  })();

  let body: React.ReactNode;
  if (overview.isPending || table.isPending) body = <LoadingState label="Loading campaigns…" />;
  else if (overview.isError) body = <ErrorState error={overview.error} orgId={org.id} onRetry={() => void overview.refetch()} />;
  else if (!hasAccounts)
    body = (
      <EmptyState
        title="No ad accounts yet"
        action={
          <Link to="/orgs/$orgId/connections" params={{ orgId: org.id }} className={buttonClass('primary')}>
            Go to Connections
          </Link>
        }
      >
        Connect a platform and add accounts: their campaigns appear here after the first sync.
      </EmptyState>
    );
  else if (table.isError) body = <ErrorState error={table.error} orgId={org.id} onRetry={() => void table.refetch()} />;
  else if (rows.length === 0)
    body = (
      <EmptyState title={search.q || platform || status || search.accountId ? 'No campaigns match these filters' : 'No campaigns yet'}>
        {search.q || platform || status || search.accountId ? 'Change or clear the filters to see more.' : 'Campaigns appear here after the accounts sync.'}
      </EmptyState>
    );
  else
    body = (
      <>
        <CampaignTableView
          orgId={org.id}
          rows={rows}
          data={first!}
          columns={columns}
          sort={sort}
          dir={dir}
          onSort={setSort}
          canEdit={canEdit}
          selected={selected}
          onSelect={setSelected}
          isUpdating={table.isPlaceholderData}
        />
        <LoadMore hasNextPage={table.hasNextPage} isFetchingNextPage={table.isFetchingNextPage} fetchNextPage={table.fetchNextPage} />
      </>
    );

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Campaigns</h1>
          <p className="mt-1 text-sm text-gray-600">Every campaign of the connected accounts, with its numbers{range ? ` for ${formatRange(range)}` : ''}.</p>
        </div>
        {canEdit && hasAccounts && (
          <Link to="/orgs/$orgId/campaigns/new" params={{ orgId: org.id }} className={buttonClass('primary')}>
            New campaign
          </Link>
        )}
      </div>
      {!canEdit && <Alert tone="info">You can see the campaigns of {org.name}. Viewers cannot change or create campaigns.</Alert>}

      {hasAccounts && (
        <div className="space-y-3">
          <DateRangePicker value={search} resolved={range} onChange={(next: RangeSearch) => setSearch({ range: next.range, since: next.since, until: next.until })} timeZone={timeZone} />
          <div role="search" aria-label="Filter campaigns" className="flex flex-wrap items-end gap-2">
            <SearchBox value={search.q ?? ''} onChange={(q) => setSearch({ q: q || undefined })} />
            <div>
              <label htmlFor="filter-platform" className="block text-xs font-medium text-gray-700">
                Platform
              </label>
              <select id="filter-platform" className={select} value={platform ?? ''} onChange={(e) => setSearch({ platform: e.currentTarget.value || undefined, accountId: undefined })}>
                <option value="">All platforms</option>
                {platforms.map((p) => (
                  <option key={p} value={p}>
                    {PLATFORM_NAMES[p]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="filter-account" className="block text-xs font-medium text-gray-700">
                Account
              </label>
              <select id="filter-account" className={select} value={search.accountId ?? ''} onChange={(e) => setSearch({ accountId: e.currentTarget.value || undefined })}>
                <option value="">All accounts</option>
                {accounts.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                    {platform ? '' : ` (${PLATFORM_NAMES[a.platform]})`}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="filter-status" className="block text-xs font-medium text-gray-700">
                Status
              </label>
              <select id="filter-status" className={select} value={status ?? ''} onChange={(e) => setSearch({ status: e.currentTarget.value || undefined })}>
                <option value="">Any status</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(s)}
                  </option>
                ))}
              </select>
            </div>
            <div className="ml-auto flex gap-2">
              <ColumnChooser visible={visible} onToggle={toggle} />
              <a href={exportHref} download className={buttonClass('secondary')}>
                Export CSV
              </a>
            </div>
          </div>
        </div>
      )}
      {canEdit && selectedRows.length > 0 && <BulkActions rows={selectedRows} onDone={() => setSelected(new Set())} />}
      {body}
    </div>
  );
}

/** Typing filters after a short pause; the URL keeps the text. */
function SearchBox({ value, onChange }: { value: string; onChange: (q: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div>
      <label htmlFor="filter-q" className="block text-xs font-medium text-gray-700">
        Campaign name
      </label>
      <input id="filter-q" type="search" className={`${select} pr-3`} placeholder="Search by name" value={text} maxLength={200} onChange={(e) => setText(e.currentTarget.value)} />
    </div>
  );
}

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
}

function CampaignTableView({ orgId, rows, data, columns, sort, dir, onSort, canEdit, selected, onSelect, isUpdating }: TableViewProps) {
  const allSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const someSelected = rows.some((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelect(next);
  };
  const sortColumn = columns.find((c) => c.sort === sort);
  const mixedCurrencies = rows.some((r) => r.currency !== data.currency);

  return (
    <div className={isUpdating ? 'opacity-60 transition-opacity' : ''} aria-busy={isUpdating || undefined}>
      <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Campaigns, {formatRange(data.range)}
            {sortColumn ? `, sorted by ${sortColumn.label} ${dir === 'asc' ? 'ascending' : 'descending'}` : ''}
          </caption>
          <thead className="border-b border-gray-200 bg-gray-50 text-xs text-gray-500">
            <tr>
              {canEdit && (
                <th scope="col" className="w-8 px-3 py-2">
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
                </th>
              )}
              {columns.map((column) => (
                <th key={column.id} scope="col" className={`${th} ${column.numeric ? 'text-right' : ''}`} aria-sort={column.sort === sort ? (dir === 'asc' ? 'ascending' : 'descending') : column.sort ? 'none' : undefined}>
                  {column.sort ? (
                    <button type="button" onClick={() => onSort(column.sort!)} className={`inline-flex items-center gap-1 font-medium hover:text-gray-900 ${column.sort === sort ? 'text-gray-900' : ''}`}>
                      {column.long ? (
                        <abbr title={column.long} className="no-underline">
                          {column.label}
                        </abbr>
                      ) : (
                        column.label
                      )}
                      <SortArrow state={column.sort === sort ? dir : null} />
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              ))}
              {canEdit && (
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((row) => (
              <tr key={row.id} className={selected.has(row.id) ? 'bg-indigo-50/50' : undefined}>
                {canEdit && (
                  <td className={td}>
                    <input type="checkbox" className="size-4 rounded border-gray-300 accent-indigo-600" aria-label={`Select ${row.name}`} checked={selected.has(row.id)} onChange={(e) => toggle(row.id, e.currentTarget.checked)} />
                  </td>
                )}
                {columns.map((column) => (
                  <Cell key={column.id} column={column} row={row} orgId={orgId} canEdit={canEdit} />
                ))}
                {canEdit && (
                  <td className={`${td} text-right`}>
                    <StatusToggle row={row} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-gray-200 bg-gray-50 font-medium">
            <tr>
              {canEdit && <td className={td} />}
              {columns.map((column) =>
                column.id === 'name' ? (
                  <th key={column.id} scope="row" className={`${td} text-gray-900`}>
                    Total
                    <span className="block text-xs font-normal text-gray-500">in {data.currency}</span>
                  </th>
                ) : (
                  <td key={column.id} className={`${td} text-right tabular-nums`}>
                    {kpiCell(column, data.totals, data.currency)}
                  </td>
                ),
              )}
              {canEdit && <td className={td} />}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="mt-2 text-xs text-gray-500">
        Totals cover every campaign matching the filters{mixedCurrencies ? `; each campaign’s numbers are in its account’s currency, the totals converted to ${data.currency}` : ''}. Numbers synced{' '}
        <span title={formatDateTime(oldest(rows))}>{formatRelative(oldest(rows))}</span>.
      </p>
    </div>
  );
}

function oldest(rows: CampaignRow[]): string | null {
  return rows.reduce<string | null>((min, r) => (min === null || Date.parse(r.syncedAt) < Date.parse(min) ? r.syncedAt : min), null);
}

function Cell({ column, row, orgId, canEdit }: { column: ColumnDef; row: CampaignRow; orgId: string; canEdit: boolean }) {
  switch (column.id) {
    case 'name':
      return (
        <th scope="row" className={`${td} min-w-48 font-medium text-gray-900`} title={`Synced ${formatDateTime(row.syncedAt)}`}>
          <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId, campaignId: row.id }} className="hover:text-indigo-700 hover:underline">
            {row.name}
          </Link>
          {row.objective && <span className="block text-xs font-normal text-gray-500">{row.objective.replace(/^OUTCOME_/, '').toLowerCase().replace(/_/g, ' ')}</span>}
        </th>
      );
    case 'platform':
      return <td className={`${td} whitespace-nowrap`}>{platformCell(row)}</td>;
    case 'account':
      return <td className={`${td} min-w-32 text-gray-600`}>{row.accountName}</td>;
    case 'status':
      return (
        <td className={td}>
          <span className="flex flex-col items-start gap-1">
            <Badge tone={STATUS_TONES[row.status]}>{statusLabel(row.status)}</Badge>
            <PendingChange campaignId={row.id} />
          </span>
        </td>
      );
    case 'budget':
      return (
        <td className={`${td} text-right whitespace-nowrap`}>
          <BudgetCell row={row} canEdit={canEdit} />
        </td>
      );
    default:
      return <td className={`${td} text-right whitespace-nowrap tabular-nums`}>{kpiCell(column, row.metrics, row.currency)}</td>;
  }
}

function SortArrow({ state }: { state: 'asc' | 'desc' | null }) {
  return (
    <svg viewBox="0 0 12 12" className={`size-3 ${state ? 'text-indigo-600' : 'text-gray-300'}`} aria-hidden="true">
      {state === 'asc' ? <path d="M6 3l4 5H2z" fill="currentColor" /> : state === 'desc' ? <path d="M6 9L2 4h8z" fill="currentColor" /> : <path d="M6 2l3 3.5H3zM6 10L3 6.5h6z" fill="currentColor" />}
    </svg>
  );
}
