import type { ReportData } from '@adloop/contracts';
import type { AppContext, OutgoingEmail } from '../../platform/context.ts';
import { formatChange, formatKpi, KPI_INFO } from './report-format.ts';

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The lines of a report's headline numbers (KPI, value, change), shared by the text and HTML parts. */
function headline(data: ReportData): { label: string; value: string; change: string }[] {
  return data.kpis.map((kpi) => ({ label: KPI_INFO[kpi].label, value: formatKpi(kpi, data.totals.kpis, data.currency), change: formatChange(kpi, data.totals.change)?.text ?? '' }));
}

/** The email of one report run: its headline numbers in the message, the PDF and CSV attached. */
export function reportEmail(
  ctx: Pick<AppContext, 'config'>,
  data: ReportData,
  file: { to: string; orgId: string; reportId: string; runId: string; pdf: Buffer; csv: string; pdfName: string; csvName: string },
): OutgoingEmail {
  const from = data.agencyName ?? 'Adloop';
  const period = `${data.range.since} to ${data.range.until}`;
  const lines = headline(data);
  const history = `${ctx.config.publicUrl}/orgs/${file.orgId}/reports/${file.reportId}`;
  const text = [
    `${data.name}: ${period}`,
    '',
    ...lines.map((l) => `${l.label}: ${l.value}${l.change ? ` (${l.change} vs previous period)` : ''}`),
    '',
    'The full report is attached as a PDF, and the numbers as a CSV.',
    `Report history: ${history}`,
    '',
    `Sent by ${from}.`,
  ].join('\n');
  const rows = lines
    .map((l) => `<tr><td style="padding:4px 12px 4px 0;color:#555">${escapeHtml(l.label)}</td><td style="padding:4px 12px 4px 0;font-weight:bold">${escapeHtml(l.value)}</td><td style="color:#555">${escapeHtml(l.change)}</td></tr>`)
    .join('');
  const html = `<div style="font-family:Helvetica,Arial,sans-serif;color:#111">
<div style="background:${data.primaryColor};color:#fff;padding:16px"><strong style="font-size:18px">${escapeHtml(data.name)}</strong><br>${escapeHtml(period)}</div>
<table style="margin:16px 0;border-collapse:collapse">${rows}</table>
<p>The full report is attached as a PDF, and the numbers as a CSV.</p>
<p><a href="${escapeHtml(history)}">Report history</a></p>
<p style="color:#666;font-size:12px">Sent by ${escapeHtml(from)}.</p></div>`;
  return {
    to: file.to,
    subject: `${data.name}: ${period}`,
    text,
    html,
    attachments: [
      { filename: file.pdfName, contentType: 'application/pdf', contentBase64: file.pdf.toString('base64') },
      { filename: file.csvName, contentType: 'text/csv; charset=utf-8', contentBase64: Buffer.from(file.csv, 'utf8').toString('base64') },
    ],
  };
}
