import { Link } from '@tanstack/react-router';
import { Badge } from '../../components/ui/card.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/states.tsx';
import { formatDecimal, formatMicros } from '../campaigns/report-format.ts';
import { useMonthEnd, type AccountMonthEnd, type MonthEndFigure, type MonthEndProjection, type PacingInfo } from './month-end-api.ts';

const PACING_LABELS: Record<PacingInfo['status'], { label: string; tone: 'green' | 'amber' | 'red' }> = {
  on_track: { label: 'On track', tone: 'green' },
  over: { label: 'Will overspend', tone: 'red' },
  exhausted: { label: 'Plan spent', tone: 'red' },
  under: { label: 'Will underspend', tone: 'amber' },
};

const monthName = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Where the month lands per account and for the organisation, with pacing against the plan. */
export function MonthEndProjectionSection({ orgId }: { orgId: string }) {
  const query = useMonthEnd(orgId);
  let body;
  if (query.isPending) body = <LoadingState label="Projecting the month…" />;
  else if (query.isError) body = <ErrorState error={query.error} orgId={orgId} onRetry={() => void query.refetch()} />;
  else if (query.data.empty) body = <EmptyState title="No projection yet">{query.data.empty}</EmptyState>;
  else body = <MonthEndBody orgId={orgId} data={query.data} />;
  return (
    <section aria-labelledby="month-end-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <div>
        <h2 id="month-end-heading" className="text-base font-semibold text-gray-900">
          Month-end projection{query.data ? `: ${monthName(query.data.month)}` : ''}
        </h2>
        <p className="mt-1 text-sm text-gray-600">
          The month so far plus the forecast of the days left. The range is where the month ends 8 times out of 10. The plan is each campaign’s daily budget over the whole month.
        </p>
      </div>
      {body}
    </section>
  );
}

function FigureCell({ figure, format }: { figure: MonthEndFigure | null; format: (value: number) => string }) {
  if (!figure) return <td className="py-2 pr-3 text-gray-500">—</td>;
  return (
    <td className="py-2 pr-3 align-top whitespace-nowrap tabular-nums">
      <span className="font-semibold text-gray-900">{format(figure.projected)}</span>
      <span className="block text-xs text-gray-600">
        80 %: {format(figure.lower80)} – {format(figure.upper80)}
      </span>
      <span className="block text-xs text-gray-500">so far {format(figure.monthToDate)}</span>
    </td>
  );
}

function PacingCell({ pacing, note }: { pacing: PacingInfo | null; note: string | null }) {
  if (!pacing) return <td className="py-2 text-xs text-gray-500">{note ?? 'No daily budgets to pace against.'}</td>;
  const words = PACING_LABELS[pacing.status];
  return (
    <td className="py-2 align-top text-xs text-gray-700">
      <Badge tone={words.tone}>{words.label}</Badge>
      <span className="mt-1 block max-w-sm">{pacing.message}</span>
    </td>
  );
}

function AccountRow({ account }: { account: AccountMonthEnd }) {
  const money = (v: number) => formatMicros(v, account.currency);
  return (
    <tr>
      <th scope="row" className="py-2 pr-3 align-top font-medium text-gray-900">
        {account.name}
        <span className="block text-xs font-normal text-gray-500">
          {account.currency} · {account.daysLeft} {account.daysLeft === 1 ? 'day' : 'days'} left
        </span>
      </th>
      <FigureCell figure={account.spend} format={money} />
      <FigureCell figure={account.conversions} format={formatDecimal} />
      <FigureCell figure={account.value} format={money} />
      <PacingCell pacing={account.pacing} note={account.note} />
    </tr>
  );
}

function MonthEndBody({ orgId, data }: { orgId: string; data: MonthEndProjection }) {
  const money = (v: number) => formatMicros(v, data.currency);
  const excludedNames = data.excluded.map((e) => data.accounts.find((a) => a.accountId === e.accountId)?.name ?? e.accountId);
  return (
    <div className="space-y-4">
      {/* Focusable so the table scrolls sideways by keyboard on narrow screens. */}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Month-end projection per account (scrolls sideways)">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Month-end projection of spend, conversions and conversion value per account, with 80 % ranges and pacing</caption>
          <thead className="text-xs text-gray-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">Account</th>
              <th scope="col" className="py-2 pr-3 font-medium">Spend</th>
              <th scope="col" className="py-2 pr-3 font-medium">Conversions</th>
              <th scope="col" className="py-2 pr-3 font-medium">Conversion value</th>
              <th scope="col" className="py-2 font-medium">Pacing</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {data.totals && (
              <tr className="bg-gray-50">
                <th scope="row" className="py-2 pr-3 align-top font-semibold text-gray-900">
                  All accounts
                  <span className="block text-xs font-normal text-gray-500">in {data.currency}, at the latest exchange rates</span>
                </th>
                <FigureCell figure={data.totals.spend} format={money} />
                <FigureCell figure={data.totals.conversions} format={formatDecimal} />
                <FigureCell figure={data.totals.value} format={money} />
                <td className="py-2 text-xs text-gray-500">See each account</td>
              </tr>
            )}
            {data.accounts.map((a) => (
              <AccountRow key={a.accountId} account={a} />
            ))}
          </tbody>
        </table>
      </div>
      {excludedNames.length > 0 && <p className="text-xs text-gray-600">Not in the total: {excludedNames.join(', ')} (see the account’s row).</p>}
      <PacingWarnings orgId={orgId} data={data} />
    </div>
  );
}

function PacingWarnings({ orgId, data }: { orgId: string; data: MonthEndProjection }) {
  if (data.campaignWarnings.length === 0) return <p className="text-sm text-gray-600">Every campaign is on track to spend its plan this month.</p>;
  return (
    <div>
      <h3 id="pacing-warnings-heading" className="text-sm font-semibold text-gray-900">
        Campaigns off their plan ({data.campaignWarnings.length})
      </h3>
      <ul aria-labelledby="pacing-warnings-heading" className="mt-2 divide-y divide-gray-100 text-sm">
        {data.campaignWarnings.map((w) => (
          <li key={w.campaignId} className="flex flex-wrap items-start gap-2 py-2">
            <Badge tone={PACING_LABELS[w.pacing.status].tone}>{PACING_LABELS[w.pacing.status].label}</Badge>
            <span className="min-w-0 flex-1">
              <Link to="/orgs/$orgId/campaigns/$campaignId" params={{ orgId, campaignId: w.campaignId }} className="font-medium text-indigo-600 hover:underline">
                {w.name}
              </Link>
              <span className="block text-xs text-gray-600">{w.pacing.message}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
