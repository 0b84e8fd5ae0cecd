import { Buffer } from 'node:buffer';
import { columnsOf, templateRows, validateFile, type CheckedFile, type CheckedRow } from '@adloop/engine';
import type { GuardrailId, ImportKind, ImportPreview, ImportResult, ImportRowResult } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { csvCell } from '../metrics/campaign-csv.ts';
import { parseImportCsv } from './imports.csv.ts';
import { loadImportScope } from './imports.scope.ts';
import { findSentRows, IMPORT_AUDIT_ACTION, IMPORT_ROW_BEGUN, IMPORT_ROW_REFUSED, IMPORT_ROW_SENT } from './imports.repository.ts';
import { failedRow, sendCampaignRow, sendChangeRow } from './imports.send.ts';

/** Reads and checks a file against what the caller may change now. Nothing is sent. */
async function checkFile(ctx: AppContext, access: OrgAccess, kind: ImportKind, csv: string): Promise<CheckedFile> {
  const { heading, records } = parseImportCsv(csv);
  return validateFile(kind, heading, records, await loadImportScope(ctx, access));
}

/** Every row checked, with its errors by column and what applying it would do. */
export async function previewImport(ctx: AppContext, access: OrgAccess, body: { kind: ImportKind; csv: string }): Promise<ImportPreview> {
  const file = await checkFile(ctx, access, body.kind, body.csv);
  const validCount = file.rows.filter((r) => r.kind !== 'invalid').length;
  return {
    kind: body.kind,
    columns: file.columns,
    fileErrors: file.fileIssues,
    rows: file.rows.map((row) => ({ line: row.line, values: row.values, errors: row.issues, summary: row.summary })),
    validCount,
    errorCount: file.rows.length - validCount,
  };
}

/** Applies in flight, per organisation and key: a second click waits for nothing and sends nothing. */
const inFlight = new Set<string>();

/**
 * Checks the file again (a preview is never trusted: the campaigns or the caller's accounts may have
 * changed since) and sends its valid rows, or the asked `lines`, one by one through the change
 * pipeline; rows with errors are answered `invalid`. One audit row records the import and the rows
 * it sent; the same key again answers those rows from it instead of sending them twice.
 */
export async function applyImport(
  ctx: AppContext,
  access: OrgAccess,
  source: AuditSource,
  body: { kind: ImportKind; csv: string; idempotencyKey: string; lines?: number[] | undefined; confirm?: GuardrailId[] | undefined },
): Promise<ImportResult> {
  const file = await checkFile(ctx, access, body.kind, body.csv);
  if (file.fileIssues.length > 0) {
    throw new AppError('validation_failed', `csv: ${file.fileIssues.map((i) => (i.column ? `${i.column} ${i.message}` : i.message)).join('; ')}`, {
      issues: file.fileIssues.map((i) => ({ location: 'body', field: 'csv', message: i.column ? `${i.column} ${i.message}` : i.message })),
    });
  }
  const wanted = body.lines ? new Set(body.lines) : null;
  const rows = wanted ? file.rows.filter((r) => wanted.has(r.line)) : file.rows;
  const unknown = body.lines?.filter((line) => !file.rows.some((r) => r.line === line)) ?? [];
  if (unknown.length > 0) throw new AppError('validation_failed', `lines: ${unknown.slice(0, 5).join(', ')} ${unknown.length === 1 ? 'is not a row' : 'are not rows'} of this file`, { issues: [{ location: 'body', field: 'lines', message: 'names lines that are not rows of the file' }] });

  const flightKey = `${access.orgId}:${body.idempotencyKey}`;
  if (inFlight.has(flightKey)) throw new AppError('conflict', 'This import is being applied already; wait for its results');
  inFlight.add(flightKey);
  try {
    const { sent: already, begun } = await findSentRows(ctx.db, access.orgId, body.idempotencyKey, body.kind);
    const results: ImportRowResult[] = [];
    const send = { idempotencyKey: body.idempotencyKey, confirm: body.confirm ?? [], reason: `Imported from a CSV file (${body.kind === 'changes' ? 'changes' : 'new campaigns'})` };
    for (const row of rows) {
      const earlier = already.get(row.line);
      if (earlier) results.push({ ...earlier, outcome: 'sent', message: null, errors: [], guardrails: [] });
      else if (begun.has(row.line)) results.push(unfinishedRow(row.line));
      else results.push(await sendRow(ctx, access, source, { ...send, kind: body.kind }, row));
    }
    const count = (outcome: ImportRowResult['outcome']) => results.filter((r) => r.outcome === outcome).length;
    const result: ImportResult = { kind: body.kind, results, sentCount: count('sent'), failedCount: count('failed'), invalidCount: count('invalid') };
    await recordAudit(ctx.db, source, {
      orgId: access.orgId,
      action: IMPORT_AUDIT_ACTION,
      targetType: 'import',
      targetId: body.idempotencyKey,
      after: {
        kind: body.kind,
        bytes: Buffer.byteLength(body.csv, 'utf8'),
        rows: rows.length,
        sentCount: result.sentCount,
        failedCount: result.failedCount,
        invalidCount: result.invalidCount,
        sent: results.filter((r) => r.outcome === 'sent' && !already.has(r.line)).map(({ line, changeId, campaignId, state }) => ({ line, changeId, campaignId, state })),
      },
    });
    return result;
  } finally {
    inFlight.delete(flightKey);
  }
}

/** A new-campaign row an earlier apply began and never finished: sending it again could create the campaign twice. */
const unfinishedRow = (line: number): ImportRowResult => ({
  line,
  outcome: 'failed',
  changeId: null,
  campaignId: null,
  state: null,
  message: 'An earlier apply of this file stopped while creating this campaign: it may exist on the platform. Check the account, then import the row again in a new file if it is missing.',
  errors: [],
  guardrails: [],
});

async function sendRow(ctx: AppContext, access: OrgAccess, source: AuditSource, send: { idempotencyKey: string; kind: ImportKind; confirm: readonly GuardrailId[]; reason: string }, row: CheckedRow): Promise<ImportRowResult> {
  if (row.kind === 'invalid') return { line: row.line, outcome: 'invalid', changeId: null, campaignId: null, state: null, message: null, errors: row.issues, guardrails: [] };
  // A change row carries its own idempotency key into the pipeline; a new campaign has none on the
  // platform, so its start and its end are recorded around the creation: a retry after a stop in
  // between answers "check first" instead of creating it twice.
  const mark = (action: string, after: Record<string, unknown>) => recordAudit(ctx.db, source, { orgId: access.orgId, action, targetType: 'import', targetId: send.idempotencyKey, after: { kind: send.kind, ...after } });
  if (row.kind === 'changes') {
    try {
      return await sendChangeRow(ctx, access, { ...send, line: row.line, intent: row.intent });
    } catch (error) {
      return failedRow(row.line, error);
    }
  }
  await mark(IMPORT_ROW_BEGUN, { line: row.line });
  let result: ImportRowResult;
  try {
    result = await sendCampaignRow(ctx, access, source, row.line, row.draft);
  } catch (error) {
    // A refusal (the platform's checks, a guardrail) ends the row: a later apply may send it again.
    result = failedRow(row.line, error);
    await mark(IMPORT_ROW_REFUSED, { line: row.line });
    return result;
  }
  await mark(IMPORT_ROW_SENT, { sent: [{ line: result.line, changeId: result.changeId, campaignId: result.campaignId, state: result.state }] });
  return result;
}

/** A file to fill in: the headings and one example row (UTF-8 with BOM, CRLF, like the campaign export). */
export function importTemplate(kind: ImportKind): { csv: string; fileName: string } {
  const lines = templateRows(kind, columnsOf).map((cells) => cells.map(csvCell).join(','));
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, fileName: `adloop-import-${kind}.csv` };
}
