import { lazy, Suspense, useId } from 'react';

/**
 * A chart over time: lines, or bars stacked per point, drawn by uPlot (its code loads with the first
 * chart, outside the page's own bundle). The same numbers are always offered as a table.
 */
export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  /** One value per point (zero-filled: a point without a row is 0; null where the series has no value, e.g. a forecast over past days). */
  values: Array<number | null>;
  /** Drawn dashed (e.g. a forecast). */
  dashed?: boolean;
}

/** A shaded range between two bounds (e.g. a forecast's 80 % interval), one pair per point (null where it has none). */
export interface ChartBand {
  id: string;
  label: string;
  /** Fill colour (with its transparency). */
  color: string;
  lower: Array<number | null>;
  upper: Array<number | null>;
}

export interface TimeChartProps {
  title: string;
  /** X positions: dates or instants, in order. */
  points: string[];
  formatPoint: (point: string) => string;
  /** Short text for the axis (defaults to formatPoint). */
  formatTick?: ((point: string, index: number) => string) | undefined;
  series: ChartSeries[];
  /** Shaded ranges drawn under the lines (line charts only), listed in the legend and the table. */
  bands?: ChartBand[] | undefined;
  /** Full value, for tooltips and the table. */
  format: (value: number) => string;
  /** Short value, for the axis. */
  formatAxis: (value: number) => string;
  kind?: 'line' | 'bar';
}

const UPlotChart = lazy(() => import('./uplot-chart.tsx'));

export function TimeChart(props: TimeChartProps) {
  const id = useId();
  const { title, points, formatPoint, series, format, bands = [] } = props;
  const show = (value: number | null | undefined) => (value === null || value === undefined ? '—' : format(value));
  return (
    <figure className="min-w-0 space-y-2" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="text-sm font-semibold text-gray-900">
        {title}
      </figcaption>
      {series.length + bands.length > 1 && (
        <ul className="flex flex-wrap gap-3 text-xs text-gray-600" aria-label={`Legend of ${title}`}>
          {series.map((s) => (
            <li key={s.id} className="flex items-center gap-1.5">
              <span className={`inline-block size-2.5 rounded-sm ${s.dashed ? 'border-2 border-dashed bg-transparent' : ''}`} style={s.dashed ? { borderColor: s.color } : { backgroundColor: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
          {bands.map((b) => (
            <li key={b.id} className="flex items-center gap-1.5">
              <span className="inline-block h-2.5 w-4 rounded-sm" style={{ backgroundColor: b.color }} aria-hidden="true" />
              {b.label}
            </li>
          ))}
        </ul>
      )}
      <div className="min-h-[220px]" data-chart={title}>
        <Suspense fallback={<div className="h-[220px] animate-pulse rounded bg-gray-50" aria-hidden="true" />}>
          <UPlotChart {...props} />
        </Suspense>
      </div>
      <p className="text-[11px] text-gray-500">Drag across the chart to zoom in; double-click to see the whole range again.</p>
      <details className="text-sm">
        <summary className="cursor-pointer text-xs font-medium text-indigo-600">Show as table</summary>
        {/* Focusable so a long table scrolls by keyboard. */}
        <div className="mt-2 max-h-64 overflow-auto" tabIndex={0} role="region" aria-label={`${title} as a table`}>
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{title}</caption>
            <thead className="text-gray-500">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Time
                </th>
                {series.map((s) => (
                  <th key={s.id} scope="col" className="py-1 pr-3 text-right font-medium">
                    {s.label}
                  </th>
                ))}
                {bands.map((b) => (
                  <th key={b.id} scope="col" className="py-1 pr-3 text-right font-medium">
                    {b.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {points.map((point, i) => (
                <tr key={point}>
                  <th scope="row" className="py-1 pr-3 font-normal whitespace-nowrap">
                    {formatPoint(point)}
                  </th>
                  {series.map((s) => (
                    <td key={s.id} className="py-1 pr-3 text-right tabular-nums">
                      {show(s.values[i])}
                    </td>
                  ))}
                  {bands.map((b) => (
                    <td key={b.id} className="py-1 pr-3 text-right whitespace-nowrap tabular-nums">
                      {b.lower[i] === null || b.lower[i] === undefined ? '—' : `${show(b.lower[i])} – ${show(b.upper[i])}`}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
