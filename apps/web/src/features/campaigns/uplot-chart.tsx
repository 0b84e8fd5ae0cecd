import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { niceScale, stack } from './chart-data.ts';
import type { TimeChartProps } from './time-chart.tsx';

const HEIGHT = 220;
const AXIS_FONT = '11px ui-sans-serif, system-ui, sans-serif';
/** Roughly how wide one axis label is per character, in pixels (11 px text). */
const CHAR_PX = 6.5;

/**
 * The drawing of a time chart (uPlot, loaded with the first chart): hover shows every series' value at
 * that point in a tooltip; dragging across selects a span to zoom into, a double click zooms back out.
 */
export default function UPlotChart(props: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  // Drawn again only when the numbers change, not on every render of the page (which would drop a zoom).
  const latest = useRef(props);
  latest.current = props;
  const signature = JSON.stringify([props.title, props.kind, props.points, props.series, props.bands]);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const { points, formatPoint, formatTick, series, format, formatAxis, kind = 'line' } = latest.current;
    const bands = kind === 'bar' ? [] : (latest.current.bands ?? []);
    const n = points.length;
    const tick = (i: number) => (formatTick ? formatTick(points[i] ?? '', i) : formatPoint(points[i] ?? ''));
    const longest = Math.max(1, ...points.map((_, i) => tick(i).length));
    const drawn: Array<Array<number | null>> = kind === 'bar' ? [...stack(series.map((s) => s.values.map((v) => v ?? 0)))].reverse() : series.map((s) => s.values);
    // Each band is two more series (lower, upper) with the space between them filled.
    for (const b of bands) drawn.push(b.lower, b.upper);
    const drawnSeries = kind === 'bar' ? [...series].reverse() : series;
    const tooltip = document.createElement('div');
    tooltip.className = 'chart-tooltip pointer-events-none absolute z-10 hidden min-w-32 rounded-md bg-gray-900 px-2 py-1.5 text-xs text-white shadow-lg';
    const xRange: uPlot.Range.MinMax = kind === 'bar' || n <= 1 ? [-0.5, n - 0.5] : [0, n - 1];

    const options: uPlot.Options = {
      width: Math.max(240, element.clientWidth),
      height: HEIGHT,
      legend: { show: false },
      // Room on the right for half of the last point's label, which is centred on the plot's edge.
      padding: [10, kind === 'bar' ? 12 : Math.max(12, Math.ceil((tick(n - 1).length * CHAR_PX) / 2) + 4), 0, 0],
      scales: {
        // The whole range (first draw, double click) with room for bars; a dragged span as chosen.
        x: { time: false, range: (_u, min, maxX) => (min === null || maxX === null || (min === 0 && maxX === n - 1) ? xRange : [min, maxX]) },
        y: { range: (_u, _min, top) => [0, niceScale(top ?? 0).top] },
      },
      axes: [
        {
          font: AXIS_FONT,
          stroke: '#6b7280',
          grid: { show: false },
          ticks: { show: false },
          space: longest * CHAR_PX + 16,
          incrs: [1, 2, 3, 4, 6, 7, 12, 14, 24, 28, 30, 48, 60, 90, 120, 180, 365],
          values: (_u, splits) => splits.map((i) => (Number.isInteger(i) && i >= 0 && i < n ? tick(i) : '')),
        },
        {
          font: AXIS_FONT,
          stroke: '#6b7280',
          size: 60,
          grid: { stroke: '#e5e7eb', width: 1 },
          ticks: { show: false },
          splits: (_u, _i, _min, top) => {
            const { step } = niceScale(top);
            return Array.from({ length: Math.round(top / step) + 1 }, (_, k) => k * step);
          },
          values: (_u, splits) => splits.map(formatAxis),
        },
      ],
      series: [
        {},
        ...drawnSeries.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: kind === 'bar' ? 0 : 2,
          ...(s.dashed ? { dash: [6, 4] } : {}),
          ...(kind === 'bar' ? { fill: s.color, paths: uPlot.paths.bars!({ size: [0.7, 48], align: 0 }), points: { show: false } } : { points: { show: n <= 31, size: 5, fill: s.color } }),
        })),
        ...bands.flatMap((b) => [
          { label: `${b.label} low`, stroke: b.color, width: 1, points: { show: false } },
          { label: `${b.label} high`, stroke: b.color, width: 1, points: { show: false } },
        ]),
      ],
      bands: bands.map((b, k) => ({ series: [drawnSeries.length + 2 * k + 2, drawnSeries.length + 2 * k + 1] as [number, number], fill: b.color })),
      cursor: { drag: { x: true, y: false, setScale: true }, points: { show: kind !== 'bar' } },
      hooks: {
        init: [(u) => u.over.appendChild(tooltip)],
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            if (i === null || i === undefined || u.cursor.left === undefined || u.cursor.left < 0) {
              tooltip.classList.add('hidden');
              return;
            }
            const rows = [
              ...series.filter((s) => s.values[i] !== null).map((s) => ({ label: s.label, color: s.color, value: format(s.values[i] ?? 0) })),
              ...bands.filter((b) => typeof b.lower[i] === 'number' && typeof b.upper[i] === 'number').map((b) => ({ label: b.label, color: b.color, value: `${format(b.lower[i] ?? 0)} – ${format(b.upper[i] ?? 0)}` })),
            ];
            tooltip.replaceChildren(tooltipContent(formatPoint(points[i] ?? ''), rows));
            tooltip.classList.remove('hidden');
            const x = u.valToPos(i, 'x');
            const flip = x > u.over.clientWidth / 2;
            tooltip.style.left = `${flip ? x - tooltip.offsetWidth - 12 : x + 12}px`;
            tooltip.style.top = `${Math.max(0, Math.min(u.over.clientHeight - tooltip.offsetHeight, (u.cursor.top ?? 0) - tooltip.offsetHeight / 2))}px`;
          },
        ],
      },
    };
    const chart = new uPlot(options, [points.map((_, i) => i), ...drawn], element);
    // The drawing and its hover tooltip are for the eye; the same numbers are in the table beside it.
    chart.root.setAttribute('aria-hidden', 'true');
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => chart.setSize({ width: Math.max(240, element.clientWidth), height: HEIGHT }));
    observer?.observe(element);
    return () => {
      observer?.disconnect();
      chart.destroy();
    };
  }, [signature]);

  return <div ref={host} className="relative w-full" />;
}

function tooltipContent(heading: string, rows: { label: string; color: string; value: string }[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const title = document.createElement('p');
  title.className = 'font-semibold';
  title.textContent = heading;
  fragment.appendChild(title);
  for (const row of rows) {
    const line = document.createElement('p');
    line.className = 'flex items-center gap-1.5 tabular-nums';
    const swatch = document.createElement('span');
    swatch.className = 'inline-block size-2 rounded-sm';
    swatch.style.backgroundColor = row.color;
    const text = document.createElement('span');
    text.textContent = rows.length > 1 ? `${row.label}: ${row.value}` : row.value;
    line.append(swatch, text);
    fragment.appendChild(line);
  }
  return fragment;
}
