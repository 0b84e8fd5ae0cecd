import { useEffect, useId, useRef, useState } from 'react';

/**
 * A small hand-written SVG chart over time: lines, or bars stacked per point. No chart library:
 * a few hundred bytes instead of tens of kilobytes. The numbers are also offered as a table.
 */
export interface ChartSeries {
  id: string;
  label: string;
  color: string;
  /** One value per label. */
  values: number[];
}

export interface TimeChartProps {
  title: string;
  /** X positions: dates or instants, in order. */
  points: string[];
  formatPoint: (point: string) => string;
  /** Short text for the axis (defaults to formatPoint). */
  formatTick?: ((point: string, index: number) => string) | undefined;
  series: ChartSeries[];
  /** Full value, for tooltips and the table. */
  format: (value: number) => string;
  /** Short value, for the axis. */
  formatAxis: (value: number) => string;
  kind?: 'line' | 'bar';
}

const DEFAULT_W = 640;
const H = 220;
const PAD = { top: 10, right: 12, bottom: 26, left: 56 };
const PLOT_H = H - PAD.top - PAD.bottom;
const TARGET_GRID_LINES = 4;
/** Roughly how wide one axis label is per character, in pixels (11 px text). */
const CHAR_PX = 6.5;

/** Axis steps: 1, 2, 2.5 or 5 times a power of ten, about `lines` of them up to `max`. */
export function niceScale(max: number, lines = TARGET_GRID_LINES): { step: number; top: number } {
  if (!(max > 0)) return { step: 1, top: lines };
  const raw = max / lines;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => raw <= m * power) ?? 10) * power;
  return { step, top: Math.ceil(max / step - 1e-9) * step || step };
}

/** The drawn width: the container's, so text keeps its size whatever the layout. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_W);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? DEFAULT_W);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width: Math.max(240, width) };
}

export function TimeChart({ title, points, formatPoint, formatTick, series, format, formatAxis, kind = 'line' }: TimeChartProps) {
  const id = useId();
  const { ref, width: W } = useWidth();
  const PLOT_W = W - PAD.left - PAD.right;
  const n = points.length;
  const totals = points.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const { step, top } = niceScale(kind === 'bar' ? Math.max(0, ...totals) : Math.max(0, ...series.flatMap((s) => s.values)));
  const y = (value: number) => PAD.top + PLOT_H - (value / top) * PLOT_H;
  const band = n > 0 ? PLOT_W / n : PLOT_W;
  const x = (i: number) => (kind === 'bar' ? PAD.left + band * (i + 0.5) : n <= 1 ? PAD.left + PLOT_W / 2 : PAD.left + (i / (n - 1)) * PLOT_W);
  const tick = (i: number) => (formatTick ? formatTick(points[i] ?? '', i) : formatPoint(points[i] ?? ''));
  // As many labels as fit: the longest label decides the spacing.
  const longest = Math.max(1, ...points.map((_, i) => tick(i).length));
  const fit = Math.max(2, Math.floor(PLOT_W / (longest * CHAR_PX + 16)));
  const labelEvery = Math.max(1, Math.ceil(n / fit));
  // A regular label too close to the last one gives way to it.
  const showTick = (i: number) => i === n - 1 || (i % labelEvery === 0 && n - 1 - i >= labelEvery * 0.75);
  const gridValues = Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
  const describe = (i: number) => `${formatPoint(points[i] ?? '')}: ${series.map((s) => `${s.label} ${format(s.values[i] ?? 0)}`).join(', ')}`;

  return (
    <figure className="min-w-0 space-y-2">
      <figcaption id={`${id}-title`} className="text-sm font-semibold text-gray-900">
        {title}
      </figcaption>
      {series.length > 1 && (
        <ul className="flex flex-wrap gap-3 text-xs text-gray-600" aria-label={`Legend of ${title}`}>
          {series.map((s) => (
            <li key={s.id} className="flex items-center gap-1.5">
              <span className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={ref} className="w-full">
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} className="block max-w-full" role="img" aria-labelledby={`${id}-title`}>
        {gridValues.map((value, k) => {
          return (
            <g key={k}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(value)} y2={y(value)} stroke="#e5e7eb" strokeWidth="1" />
              <text x={PAD.left - 6} y={y(value)} dy="0.32em" textAnchor="end" fontSize="11" fill="#6b7280">
                {formatAxis(value)}
              </text>
            </g>
          );
        })}
        {points.map((point, i) =>
          showTick(i) ? (
            <text key={point} x={x(i)} y={H - 8} textAnchor={n > 1 && i === n - 1 ? 'end' : i === 0 && kind === 'line' ? 'start' : 'middle'} fontSize="11" fill="#6b7280">
              {tick(i)}
            </text>
          ) : null,
        )}
        {kind === 'bar'
          ? points.map((point, i) => {
              let base = 0;
              const width = Math.max(1, band * 0.7);
              return (
                <g key={point}>
                  {series.map((s) => {
                    const value = s.values[i] ?? 0;
                    const rect = value > 0 ? <rect key={s.id} x={x(i) - width / 2} width={width} y={y(base + value)} height={y(base) - y(base + value)} fill={s.color} /> : null;
                    base += value;
                    return rect;
                  })}
                </g>
              );
            })
          : series.map((s) => (
              <g key={s.id}>
                <path d={s.values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('')} fill="none" stroke={s.color} strokeWidth="2" strokeLinejoin="round" />
                {n <= 31 && s.values.map((v, i) => <circle key={i} cx={x(i)} cy={y(v)} r="2.5" fill={s.color} />)}
              </g>
            ))}
        {/* Hover targets: the browser's own tooltip with every series at that point. */}
        {points.map((point, i) => (
          <rect key={point} x={x(i) - (kind === 'bar' || n <= 1 ? band : PLOT_W / Math.max(1, n - 1)) / 2} y={PAD.top} width={kind === 'bar' || n <= 1 ? band : PLOT_W / Math.max(1, n - 1)} height={PLOT_H} fill="transparent">
            <title>{describe(i)}</title>
          </rect>
        ))}
      </svg>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-xs font-medium text-indigo-600">Show the numbers</summary>
        <div className="mt-2 max-h-64 overflow-auto">
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
                      {format(s.values[i] ?? 0)}
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
