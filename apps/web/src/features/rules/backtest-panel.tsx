import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { isApiError } from '../../lib/api.ts';
import { Button } from '../../components/ui/button.tsx';
import { Alert } from '../../components/ui/alert.tsx';
import { TimeChart } from '../campaigns/time-chart.tsx';
import { formatCompact, formatDay, formatDecimal, formatMicros, formatMicrosCompact, formatPoint } from '../campaigns/report-format.ts';
import type { BacktestResult, RuleDefinition, RuleJob } from './rule-types.ts';
import { startBacktest, useRuleJob } from './rules-api.ts';
import { backtestSeries, backtestTotals } from './backtest-chart-data.ts';

const PERIODS = [7, 14, 30, 60, 90] as const;
const SEEN = '#6b7280';
const WITH_RULE = '#4f46e5';

/**
 * Replays the rule over stored history at its frequency (a job on the server): a progress bar while
 * it runs, then how often it would have fired and its effect, or why it failed.
 */
export function BacktestPanel({ orgId, definition, onFieldErrors }: { orgId: string; definition: RuleDefinition; onFieldErrors: (error: unknown) => void }) {
  const id = useId();
  const [days, setDays] = useState<number>(30);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => startBacktest(orgId, definition, days),
    onMutate: () => setJobId(null),
    onSuccess: (job) => setJobId(job.id),
    onError: (error) => isApiError(error) && error.issues.length > 0 && onFieldErrors(error),
  });
  const job = useRuleJob(orgId, jobId);
  const current = jobId !== null ? job.data : undefined;
  const isWorking = start.isPending || (jobId !== null && (current === undefined || current.state === 'queued' || current.state === 'running') && !job.isError);
  return (
    <section aria-labelledby="backtest-heading" className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id="backtest-heading" className="text-base font-semibold text-gray-900">
            Backtest
          </h2>
          <p className="text-xs text-gray-500">What the rule would have done over past days, on the stored numbers.</p>
        </div>
        <div className="flex items-end gap-2">
          <div>
            <label htmlFor={`${id}-days`} className="block text-xs font-medium text-gray-700">
              Period
            </label>
            <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))} className="rounded-md border-0 py-1.5 pr-8 pl-2 text-sm ring-1 ring-gray-300 ring-inset">
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  Last {p} days
                </option>
              ))}
            </select>
          </div>
          <Button variant="secondary" isLoading={isWorking} onClick={() => start.mutate()}>
            Run backtest
          </Button>
        </div>
      </div>
      {isWorking && <BacktestProgress job={current} days={days} />}
      {start.isError && <Alert tone="error">{start.error.message}</Alert>}
      {job.isError && <Alert tone="error">Could not follow the backtest: {job.error.message}</Alert>}
      {current?.state === 'failed' && <Alert tone="error">{current.error ?? 'The backtest failed.'} Run it again, or over fewer days.</Alert>}
      {current?.state === 'done' && current.backtest && <BacktestResultView result={current.backtest} />}
    </section>
  );
}

/** The replay's progress: a bar (0–100 %) and what it is doing in words. */
function BacktestProgress({ job, days }: { job: RuleJob | undefined; days: number }) {
  const percent = Math.round((job?.progress ?? 0) * 100);
  return (
    <div className="space-y-1">
      <p role="status" className="flex justify-between text-xs text-gray-600">
        <span>{job?.progressText ?? `Replaying the last ${days} days at the rule’s schedule on the stored numbers…`}</span>
        <span aria-hidden="true">{percent} %</span>
      </p>
      <div role="progressbar" aria-label="Backtest progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 overflow-hidden rounded-full bg-gray-100">
        <div className="h-full rounded-full bg-indigo-600 transition-[width] duration-500" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function BacktestResultView({ result }: { result: BacktestResult }) {
  const series = backtestSeries(result);
  const totals = backtestTotals(result);
  const currency = result.currency;
  const money = (v: number) => formatMicros(Math.round(v * 1_000_000), currency);
  return (
    <div className="space-y-4" aria-live="polite">
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4" aria-label="Backtest summary">
        <Figure label="Would have fired" value={`${result.fires} ${result.fires === 1 ? 'time' : 'times'}`} />
        <Figure label="Objects touched" value={String(result.entitiesAffected)} />
        <Figure label="Budget moved" value={money(result.moneyMoved)} />
        <Figure label="Spend with the rule (estimate)" value={`${money(totals.spendWithRule)} of ${money(totals.spend)}`} />
      </dl>
      <p className="text-xs text-gray-500">
        {formatDay(result.since)} – {formatDay(result.until)}, {result.evaluations} evaluations. {result.method}
      </p>
      {result.fires === 0 && <Alert tone="info">The rule would not have fired in this period: try a lower threshold or a longer period.</Alert>}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <TimeChart title="Times it would have fired per day" points={series.points} formatPoint={formatPoint} series={[{ id: 'fires', label: 'Fires', color: WITH_RULE, values: series.fires }]} format={formatDecimal} formatAxis={formatCompact} kind="bar" />
        <TimeChart
          title={`Spend per day, with and without the rule (${currency})`}
          points={series.points}
          formatPoint={formatPoint}
          series={[
            { id: 'seen', label: 'As it was', color: SEEN, values: series.spend },
            { id: 'with', label: 'With the rule (estimate)', color: WITH_RULE, values: series.spendWithRule },
          ]}
          format={(v) => formatMicros(v, currency)}
          formatAxis={(v) => formatMicrosCompact(v, currency)}
        />
        <TimeChart title={`Budget moved per day (${currency})`} points={series.points} formatPoint={formatPoint} series={[{ id: 'money', label: 'Budget moved', color: WITH_RULE, values: series.moneyMoved }]} format={(v) => formatMicros(v, currency)} formatAxis={(v) => formatMicrosCompact(v, currency)} kind="bar" />
        <TimeChart
          title="Conversions per day, with and without the rule"
          points={series.points}
          formatPoint={formatPoint}
          series={[
            { id: 'seen', label: 'As it was', color: SEEN, values: series.conversions },
            { id: 'with', label: 'With the rule (estimate)', color: WITH_RULE, values: series.conversionsWithRule },
          ]}
          format={formatDecimal}
          formatAxis={formatCompact}
        />
      </div>
      {result.entities.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-indigo-700">Objects it would have touched ({result.entities.length})</summary>
          <ul className="mt-2 divide-y divide-gray-100">
            {result.entities.map((e) => (
              <li key={e.id} className="py-1.5">
                <span className="font-medium">{e.name}</span>: {e.fires} {e.fires === 1 ? 'time' : 'times'}, first {formatPoint(e.firstAt)} — {e.actions.join('; ')}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md bg-gray-50 p-3">
      <dt className="text-xs text-gray-500">{label}</dt>
      <dd className="mt-0.5 font-semibold text-gray-900 tabular-nums">{value}</dd>
    </div>
  );
}
