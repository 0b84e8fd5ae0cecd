import { useEffect, useMemo, useState } from 'react';
import { Link, getRouteApi } from '@tanstack/react-router';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';
import { canEditCampaigns, keys } from '../../lib/queries.ts';
import type { CampaignSort, CampaignTable, ConnectionsOverview, EntityStatus, PlatformId } from '../../lib/types.ts';
import { Button, buttonClass } from '../../components/ui/button.tsx';
import { LoadMore } from '../../components/ui/load-more.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { useCurrentOrg } from '../shell/org-context.ts';
import { PLATFORM_NAMES } from '../connections/health.tsx';
import { DateRangePicker, resolveRange, useOrgTimeZone, type RangeSearch } from './date-range.tsx';
import { ColumnChooser, exportColumns, useVisibleColumns } from './campaign-columns.tsx';
import { BulkActions } from './bulk-budget.tsx';
import { CampaignTableView } from './campaign-table.tsx';
import { AmountViewSwitch } from './amount-view-switch.tsx';
import { defaultAmountView, type AmountView } from './currency-view.ts';
import { formatRange, statusLabel } from './report-format.ts';

const route = getRouteApi('/orgs/$orgId/campaigns/');
const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;
const PLATFORMS: PlatformId[] = ['google_ads', 'meta', 'tiktok'];
const STATUSES: EntityStatus[] = ['active', 'paused', 'removed', 'archived'];
/** Text-like columns start A→Z; numbers start with the largest. */
const ASCENDING_FIRST = new Set<CampaignSort>(['name', 'platform', 'status']);

const select = 'rounded-md border-0 py-1.5 pr-8 pl-3 text-sm ring-1 ring-inset ring-gray-300 focus:ring-2 focus:ring-indigo-600';

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
  // Amounts: the reporting currency when the shown campaigns mix currencies, unless the person chose.
  const [chosenView, setView] = useState<AmountView | null>(null);
  const view = chosenView ?? defaultAmountView(rows.map((r) => r.currency));
  const hasMixedCurrencies = new Set(rows.map((r) => r.currency)).size > 1;

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

  const hasFilters = Boolean(search.q || platform || status || search.accountId);

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
    body = hasFilters ? (
      <EmptyState
        title="No campaigns match these filters"
        action={
          <Button variant="secondary" onClick={() => setSearch({ q: undefined, platform: undefined, accountId: undefined, status: undefined })}>
            Clear filters
          </Button>
        }
      >
        Change or clear the filters to see more.
      </EmptyState>
    ) : (
      <EmptyState title="No campaigns yet">Campaigns appear here after the accounts sync.</EmptyState>
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
          view={view}
        />
        <LoadMore hasNextPage={table.hasNextPage} isFetchingNextPage={table.isFetchingNextPage} fetchNextPage={table.fetchNextPage} />
      </>
    );

  return (
    <div className="space-y-5" data-full-width>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-gray-900">Campaigns</h1>
          <p className="mt-1 text-sm text-gray-600">Every campaign of the connected accounts, with its numbers{range ? ` for ${formatRange(range)}` : ''}.</p>
        </div>
        {canEdit && hasAccounts && (
          <div className="flex gap-2">
            <Link to="/orgs/$orgId/campaigns/import" params={{ orgId: org.id }} className={buttonClass('secondary')}>
              Import CSV
            </Link>
            <Link to="/orgs/$orgId/campaigns/new" params={{ orgId: org.id }} className={buttonClass('primary')}>
              New campaign
            </Link>
          </div>
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
            <div className="ml-auto flex flex-wrap items-end gap-2">
              {(hasMixedCurrencies || chosenView !== null) && first && <AmountViewSwitch value={view} reportingCurrency={first.currency} onChange={setView} />}
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
