import PDFDocument from 'pdfkit';
import type { ReportData, ReportKpi } from '@adloop/contracts';
import { formatChange, formatKpi, formatMoney, KPI_INFO } from './report-format.ts';
import { drawDailyChart } from './report-pdf-chart.ts';

/**
 * A report as a branded A4 PDF (pdfkit: vector drawing and the standard fonts, no browser, fast):
 * a header band in the brand colour with the logo and the agency's name, KPI tiles with the change
 * against the comparison period, a daily spend and conversions chart, the breakdown tables (headers
 * repeated on each page) and "Page n of m" on every page.
 */

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
const INK = '#111827';
const MUTED = '#6b7280';
const RULE = '#e5e7eb';
const TONES = { better: '#047857', worse: '#b91c1c', neutral: '#4b5563' } as const;
const PLATFORM_NAMES: Record<string, string> = { google_ads: 'Google Ads', meta: 'Meta', tiktok: 'TikTok' };

type Doc = PDFKit.PDFDocument;

export interface PdfOptions {
  logo?: { bytes: Buffer; type: string } | null;
}

export async function renderReportPdf(data: ReportData, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, bufferPages: true, info: { Title: data.name, Author: data.agencyName ?? 'Adloop', Creator: 'Adloop' }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  header(doc, data, options.logo ?? null);
  kpiTiles(doc, data);
  if (data.series.length > 0) {
    sectionTitle(doc, 'Spend and conversions per day');
    drawDailyChart(doc, data.series, { x: PAGE.margin, y: doc.y, width: PAGE.width - 2 * PAGE.margin, height: 170, primary: data.primaryColor, accent: data.accentColor, currency: data.currency });
    doc.y += 185;
  }
  const columns = data.kpis;
  if (data.byPlatform) {
    table(doc, data, 'By platform', ['Platform'], data.byPlatform.map((p) => ({ cells: [PLATFORM_NAMES[p.platform] ?? p.platform], kpis: p.kpis, currency: data.currency })), columns);
  }
  if (data.byAccount) {
    table(doc, data, 'By ad account', ['Account', 'Platform'], data.byAccount.map((a) => ({ cells: [a.name, PLATFORM_NAMES[a.platform] ?? a.platform], kpis: a.kpis, currency: data.currency })), columns);
  }
  if (data.byCampaign) {
    table(
      doc,
      data,
      'By campaign (amounts in each campaign’s currency)',
      ['Campaign', 'Account'],
      data.byCampaign.map((c) => ({ cells: [c.name, c.accountName], kpis: c.kpis, currency: c.currency })),
      columns,
    );
  }
  footers(doc, data);
  doc.end();
  return done;
}

function header(doc: Doc, data: ReportData, logo: { bytes: Buffer; type: string } | null): void {
  const band = 92;
  doc.rect(0, 0, PAGE.width, band).fill(data.primaryColor);
  let textX = PAGE.margin;
  if (logo) {
    try {
      doc.image(logo.bytes, PAGE.margin, 18, { fit: [120, 56], valign: 'center' });
      textX = PAGE.margin + 136;
    } catch {
      // A logo pdfkit cannot read is left out rather than failing the report.
    }
  }
  doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(20).text(data.name, textX, 24, { width: PAGE.width - textX - PAGE.margin, lineBreak: false, ellipsis: true });
  const period = `${data.range.since} to ${data.range.until}` + (data.previousRange ? `  ·  compared with ${data.previousRange.since} to ${data.previousRange.until}` : '');
  doc.font('Helvetica').fontSize(10).text(period, textX, 52, { width: PAGE.width - textX - PAGE.margin, lineBreak: false });
  doc.fontSize(9).text(`${data.agencyName ?? 'Adloop'}  ·  amounts in ${data.currency}  ·  ${data.timeZone}`, textX, 68, { lineBreak: false });
  doc.y = band + 20;
  doc.x = PAGE.margin;
}

function sectionTitle(doc: Doc, title: string): void {
  if (doc.y > PAGE.height - 140) doc.addPage();
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(title, PAGE.margin, doc.y, { lineBreak: false });
  doc.y += 20;
}

function kpiTiles(doc: Doc, data: ReportData): void {
  const perRow = 4;
  const gap = 10;
  const width = (PAGE.width - 2 * PAGE.margin - gap * (perRow - 1)) / perRow;
  const height = 64;
  data.kpis.forEach((kpi, i) => {
    const x = PAGE.margin + (i % perRow) * (width + gap);
    const y = doc.y + Math.floor(i / perRow) * (height + gap);
    doc.roundedRect(x, y, width, height, 6).lineWidth(1).strokeColor(RULE).stroke();
    doc.rect(x, y + 6, 3, height - 12).fill(data.accentColor);
    doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(KPI_INFO[kpi].label.toUpperCase(), x + 12, y + 10, { width: width - 18, lineBreak: false });
    doc.fillColor(INK).font('Helvetica-Bold').fontSize(15).text(formatKpi(kpi, data.totals.kpis, data.currency), x + 12, y + 25, { width: width - 18, lineBreak: false });
    const change = formatChange(kpi, data.totals.change);
    if (change) doc.fillColor(TONES[change.tone]).font('Helvetica').fontSize(8.5).text(`${change.text} vs previous`, x + 12, y + 46, { width: width - 18, lineBreak: false });
  });
  doc.y += Math.ceil(data.kpis.length / perRow) * (height + gap) + 14;
}

interface TableRow {
  cells: string[];
  kpis: ReportData['totals']['kpis'];
  currency: string;
}

function table(doc: Doc, data: ReportData, title: string, labels: string[], rows: TableRow[], kpis: ReportKpi[]): void {
  sectionTitle(doc, title);
  const usable = PAGE.width - 2 * PAGE.margin;
  const numberWidth = Math.max(48, Math.min(72, (usable * 0.62) / kpis.length));
  const textWidth = (usable - numberWidth * kpis.length) / labels.length;
  const rowHeight = 15;
  const drawHead = () => {
    const y = doc.y;
    doc.rect(PAGE.margin, y, usable, rowHeight + 2).fill(data.primaryColor);
    doc.fillColor('#ffffff').font('Helvetica-Bold').fontSize(7.5);
    labels.forEach((label, i) => doc.text(label, PAGE.margin + 4 + i * textWidth, y + 5, { width: textWidth - 8, lineBreak: false }));
    kpis.forEach((kpi, i) => doc.text(KPI_INFO[kpi].label, PAGE.margin + labels.length * textWidth + i * numberWidth, y + 5, { width: numberWidth - 4, align: 'right', lineBreak: false, ellipsis: true }));
    doc.y = y + rowHeight + 2;
  };
  drawHead();
  if (rows.length === 0) {
    doc.fillColor(MUTED).font('Helvetica').fontSize(8).text('No data for this period.', PAGE.margin + 4, doc.y + 4, { lineBreak: false });
    doc.y += rowHeight + 10;
    return;
  }
  rows.forEach((row, index) => {
    if (doc.y + rowHeight > PAGE.height - PAGE.margin - 20) {
      doc.addPage();
      doc.y = PAGE.margin;
      drawHead();
    }
    const y = doc.y;
    if (index % 2 === 1) doc.rect(PAGE.margin, y, usable, rowHeight).fill('#f9fafb');
    doc.fillColor(INK).font('Helvetica').fontSize(7.5);
    row.cells.forEach((cell, i) => doc.text(cell, PAGE.margin + 4 + i * textWidth, y + 4, { width: textWidth - 8, lineBreak: false, ellipsis: true }));
    kpis.forEach((kpi, i) => doc.text(formatKpi(kpi, row.kpis, row.currency), PAGE.margin + labels.length * textWidth + i * numberWidth, y + 4, { width: numberWidth - 4, align: 'right', lineBreak: false }));
    doc.y = y + rowHeight;
  });
  doc.y += 14;
}

function footers(doc: Doc, data: ReportData): void {
  const range = doc.bufferedPageRange();
  const spend = formatMoney(data.totals.kpis.spendMicros, data.currency);
  for (let i = 0; i < range.count; i += 1) {
    doc.switchToPage(range.start + i);
    // Writing below the bottom margin would add a page: lift the margin for the footer line.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.moveTo(PAGE.margin, PAGE.height - 30).lineTo(PAGE.width - PAGE.margin, PAGE.height - 30).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.fillColor(MUTED).font('Helvetica').fontSize(8);
    doc.text(`${data.name} · ${data.range.since} to ${data.range.until} · total spend ${spend}`, PAGE.margin, PAGE.height - 24, { width: 380, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i + 1} of ${range.count}`, PAGE.width - PAGE.margin - 100, PAGE.height - 24, { width: 100, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
