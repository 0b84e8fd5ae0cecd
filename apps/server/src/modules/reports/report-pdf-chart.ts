import { formatMoney } from './report-format.ts';

/** The daily chart of a report PDF, drawn as vectors: spend as bars, conversions as a line on a right-hand axis. */

interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
  primary: string;
  accent: string;
  currency: string;
}

const AXIS = '#9ca3af';
const LABEL = '#6b7280';

/** A rounded top of the axis: 1, 2 or 5 times a power of ten at or above `value`. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function drawDailyChart(doc: PDFKit.PDFDocument, series: { date: string; spendMicros: number; conversions: number }[], box: ChartBox): void {
  const left = box.x + 58;
  const right = box.x + box.width - 36;
  const top = box.y + 8;
  const bottom = box.y + box.height - 20;
  const plotWidth = right - left;
  const plotHeight = bottom - top;
  const maxSpend = niceCeiling(Math.max(...series.map((p) => p.spendMicros)));
  const maxConversions = niceCeiling(Math.max(...series.map((p) => p.conversions)));

  doc.lineWidth(0.5).font('Helvetica').fontSize(7);
  for (let i = 0; i <= 4; i += 1) {
    const y = bottom - (plotHeight * i) / 4;
    doc.moveTo(left, y).lineTo(right, y).strokeColor('#eef0f3').stroke();
    doc.fillColor(LABEL).text(formatMoney((maxSpend * i) / 4, box.currency), box.x, y - 3, { width: 54, align: 'right', lineBreak: false });
    doc.text(String(Math.round(((maxConversions * i) / 4) * 10) / 10), right + 4, y - 3, { width: 32, lineBreak: false });
  }
  doc.moveTo(left, bottom).lineTo(right, bottom).strokeColor(AXIS).stroke();

  const slot = plotWidth / series.length;
  const barWidth = Math.max(1, slot * 0.7);
  series.forEach((p, i) => {
    const height = (p.spendMicros / maxSpend) * plotHeight;
    if (height > 0) doc.rect(left + i * slot + (slot - barWidth) / 2, bottom - height, barWidth, height).fill(box.primary);
  });
  const points = series.map((p, i) => [left + i * slot + slot / 2, bottom - (p.conversions / maxConversions) * plotHeight] as const);
  if (points.length > 1) {
    doc.moveTo(points[0]![0], points[0]![1]);
    for (const [x, y] of points.slice(1)) doc.lineTo(x, y);
    doc.lineWidth(1.6).strokeColor(box.accent).stroke();
  }
  for (const [x, y] of points) doc.circle(x, y, 1.6).fill(box.accent);

  const every = Math.max(1, Math.ceil(series.length / 10));
  doc.fillColor(LABEL).fontSize(7);
  series.forEach((p, i) => {
    if (i % every === 0) doc.text(p.date.slice(5), left + i * slot + slot / 2 - 15, bottom + 4, { width: 30, align: 'center', lineBreak: false });
  });
  doc.rect(left, box.y + box.height - 6, 8, 6).fill(box.primary);
  doc.fillColor(LABEL).text('Spend', left + 11, box.y + box.height - 7, { lineBreak: false });
  doc.rect(left + 50, box.y + box.height - 4, 10, 2).fill(box.accent);
  doc.fillColor(LABEL).text('Conversions (right axis)', left + 63, box.y + box.height - 7, { lineBreak: false });
}
