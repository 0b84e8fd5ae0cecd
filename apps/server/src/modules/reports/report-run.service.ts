import { StoredReportDefinition } from '@adloop/contracts';
import { dateInZone, reportPeriodRange } from '@adloop/engine';
import type { AppContext } from '../../platform/context.ts';
import { orgSettings } from '../metrics/report-scope.ts';
import { renderReportCsv } from './report-csv.ts';
import { reportData } from './report-data.ts';
import { renderReportPdf } from './report-pdf.ts';
import { reportEmail } from './report-email.ts';
import { announceReportReady } from './report-notify.ts';
import * as repo from './reports.repository.ts';

/** A file name from the report's name and range: letters, digits and dashes only. */
export const reportFileName = (name: string, until: string, ext: 'pdf' | 'csv') => `${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'report'}-${until}.${ext}`;

/**
 * The `reports.run` job: renders the run's PDF and CSV for the period ending before the day it was
 * asked for (the organisation's date), keeps both in the history and emails them to the recipients.
 * Idempotent: a run already done is left as it is (a retry after a crash never sends it twice).
 */
export async function runReport(ctx: AppContext, orgId: string, runId: string): Promise<void> {
  const run = await repo.findRun(ctx.db, orgId, runId);
  if (!run || run.state === 'done') return;
  const definition = await repo.findDefinition(ctx.db, orgId, run.definitionId);
  if (!definition) return;
  const stored = StoredReportDefinition.parse(definition.definition);
  const { timeZone } = await orgSettings(ctx.db, orgId);
  const range = reportPeriodRange(stored.period, dateInZone(timeZone, run.createdAt));
  await repo.updateRun(ctx.db, orgId, runId, { state: 'running', progress: 5, since: range.since, until: range.until, error: null });
  try {
    const logo = await repo.findLogo(ctx.db, orgId, definition.id);
    const data = await reportData(ctx, { orgId, name: definition.name, definition: stored, hasLogo: logo !== null }, range, (progress) => repo.updateRun(ctx.db, orgId, runId, { progress }));
    const pdf = await renderReportPdf(data, { logo: logo ? { bytes: logo.logo, type: logo.logoType } : null });
    const csv = renderReportCsv(data);
    await repo.updateRun(ctx.db, orgId, runId, { progress: 90, pdf, csv, pdfBytes: pdf.length });
    const recipients = definition.recipients;
    await ctx.db.transaction(async (tx) => {
      for (const to of recipients) {
        await ctx.mailer.send(
          reportEmail(ctx, data, { to, orgId, reportId: definition.id, runId, pdf, csv, pdfName: reportFileName(definition.name, range.until, 'pdf'), csvName: reportFileName(definition.name, range.until, 'csv') }),
          { db: tx },
        );
      }
      await repo.updateRun(tx, orgId, runId, { state: 'done', progress: 100, sentTo: recipients.length, finishedAt: ctx.clock.now() });
      await announceReportReady(ctx, tx, { orgId, reportId: definition.id, runId, name: definition.name, range, requestedById: run.requestedById ?? definition.createdById });
    });
  } catch (error) {
    ctx.logger.error({ err: error, orgId, runId }, 'report run failed');
    await repo.updateRun(ctx.db, orgId, runId, { state: 'failed', error: 'The report could not be prepared. Try again; if it keeps failing, contact support.', finishedAt: ctx.clock.now() });
  }
}
