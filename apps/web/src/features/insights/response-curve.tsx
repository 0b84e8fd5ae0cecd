import { useId } from 'react';
import { formatDecimal, formatMicros } from '../campaigns/report-format.ts';
import { conversionsAt } from './curve-math.ts';
import type { BudgetRecommendation } from './insights-types.ts';

const W = 320;
const H = 170;
const PAD = { left: 40, right: 12, top: 12, bottom: 30 };

/**
 * The evidence behind one recommendation: the campaign's fitted response curve (expected conversions a
 * day against its daily budget) with today's and the proposed budget marked. The drawing is for the
 * eye; the caption says what it shows and the same numbers are offered as a table.
 */
export function ResponseCurve({ item, currency }: { item: BudgetRecommendation; currency: string }) {
  const id = useId();
  const money = (m: number) => formatMicros(m, currency);
  const curve = item.curve;
  const maxX = Math.max(1, ...curve.map((p) => p.spendMicros));
  const maxY = Math.max(1e-9, ...curve.map((p) => p.conversions)) * 1.1;
  const x = (m: number) => PAD.left + (m / maxX) * (W - PAD.left - PAD.right);
  const y = (c: number) => H - PAD.bottom - (c / maxY) * (H - PAD.top - PAD.bottom);
  const current = { spend: item.currentMicros, conversions: conversionsAt(curve, item.currentMicros) };
  const proposed = { spend: item.proposedMicros, conversions: conversionsAt(curve, item.proposedMicros) };
  const path = curve.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.spendMicros).toFixed(1)},${y(p.conversions).toFixed(1)}`).join(' ');
  const moved = item.proposedMicros !== item.currentMicros;
  return (
    <figure className="min-w-0 space-y-2 rounded-md p-3 ring-1 ring-gray-200" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="text-sm text-gray-700">
        <span className="font-semibold text-gray-900">{item.name}</span>: expected conversions a day against the daily budget. Today {money(current.spend)} ≈{' '}
        {formatDecimal(current.conversions)}
        {moved ? `; proposed ${money(proposed.spend)} ≈ ${formatDecimal(proposed.conversions)}` : '; kept where it is'}.
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-md" aria-hidden="true" data-curve={item.campaignId}>
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#d1d5db" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#d1d5db" />
        <text x={PAD.left - 4} y={PAD.top + 8} textAnchor="end" fontSize="10" fill="#6b7280">
          {formatDecimal(maxY)}
        </text>
        <text x={PAD.left - 4} y={H - PAD.bottom} textAnchor="end" fontSize="10" fill="#6b7280">
          0
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" fontSize="10" fill="#6b7280">
          {money(maxX)} a day
        </text>
        <path d={path} fill="none" stroke="#4f46e5" strokeWidth="2" />
        <line x1={x(current.spend)} y1={y(current.conversions)} x2={x(current.spend)} y2={H - PAD.bottom} stroke="#9ca3af" strokeDasharray="3 3" />
        <circle cx={x(current.spend)} cy={y(current.conversions)} r="5" fill="white" stroke="#374151" strokeWidth="2" />
        {moved && (
          <>
            <line x1={x(proposed.spend)} y1={y(proposed.conversions)} x2={x(proposed.spend)} y2={H - PAD.bottom} stroke="#059669" strokeDasharray="3 3" />
            <circle cx={x(proposed.spend)} cy={y(proposed.conversions)} r="5" fill="#059669" />
          </>
        )}
      </svg>
      <ul className="flex flex-wrap gap-3 text-xs text-gray-600" aria-hidden="true">
        <li className="flex items-center gap-1.5">
          <span className="inline-block size-2.5 rounded-full border-2 border-gray-700 bg-white" /> Today
        </li>
        {moved && (
          <li className="flex items-center gap-1.5">
            <span className="inline-block size-2.5 rounded-full bg-emerald-600" /> Proposed
          </li>
        )}
      </ul>
      <details className="text-sm">
        <summary className="cursor-pointer text-xs font-medium text-indigo-600">Show the curve as a table</summary>
        <table className="mt-2 w-full text-left text-xs">
          <caption className="sr-only">Response curve of {item.name}: expected conversions a day per daily budget</caption>
          <thead className="text-gray-500">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Daily budget</th>
              <th scope="col" className="py-1 pr-3 text-right font-medium">Expected conversions a day</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {[...curve.map((p) => ({ spend: p.spendMicros, conversions: p.conversions, mark: '' })), { ...current, mark: 'today' }, ...(moved ? [{ ...proposed, mark: 'proposed' }] : [])]
              .sort((a, b) => a.spend - b.spend || a.mark.localeCompare(b.mark))
              .map((row, i) => (
                <tr key={`${row.spend}-${row.mark}-${i}`} className={row.mark ? 'font-semibold' : ''}>
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {money(row.spend)}
                    {row.mark && ` (${row.mark})`}
                  </th>
                  <td className="py-1 pr-3 text-right tabular-nums">{formatDecimal(row.conversions)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
