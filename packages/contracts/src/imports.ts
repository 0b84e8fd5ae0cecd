import { z } from 'zod';
import { CHANGE_STATES, GUARDRAIL_IDS, GuardrailId } from './changes.ts';
import { IMPORT_MAX_ROWS } from './imports-limits.ts';

/**
 * Bulk import (CSV): `changes` are budget and status changes of existing campaigns, `campaigns`
 * new campaigns (one ad group and one ad each). A file is previewed (every row checked, nothing
 * sent), then applied: its valid rows go through the change pipeline, one result per row.
 */
export const IMPORT_KINDS = ['changes', 'campaigns'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/** Limits of one file: larger files answer 413, more rows 400. */
export { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from './imports-limits.ts';

/** The file as text: UTF-8 CSV with a heading row; comma, semicolon or tab separated. */
const Csv = z.string().min(1, 'The file is empty');

export const ImportPreviewBody = z.strictObject({ kind: ImportKind, csv: Csv });

export const ImportApplyBody = z.strictObject({
  kind: ImportKind,
  csv: Csv,
  /** The same key (with the same `lines`) sent again answers the results it already has instead of sending twice. */
  idempotencyKey: z.string().min(8).max(100),
  /** Apply only these lines of the file (to send a long file in parts and show progress); absent: every valid row. */
  lines: z.array(z.number().int().min(2)).min(1).max(IMPORT_MAX_ROWS).optional(),
  /** Soft guardrails the person goes past for these rows (e.g. a budget jump), as on `POST /campaign-changes`. */
  confirm: z.array(GuardrailId).max(GUARDRAIL_IDS.length).optional(),
});

export const ImportTemplateQuery = z.strictObject({ kind: ImportKind });

/** A problem of a cell (`column`: the normalised heading) or of the row or file as a whole (`column` null). */
export const ImportIssue = z.object({ column: z.string().nullable(), message: z.string() }).meta({ id: 'ImportIssue' });
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportPreviewRow = z.object({
  /** The file's line the row starts on (the heading is line 1). */
  line: z.number().int(),
  /** The row's cells by normalised heading. */
  values: z.record(z.string(), z.string()),
  errors: z.array(ImportIssue),
  /** What applying the row would do, in words ("Pause "Summer sale" (active → paused)"); null when it has errors. */
  summary: z.string().nullable(),
});
export type ImportPreviewRow = z.infer<typeof ImportPreviewRow>;

export const ImportPreview = z
  .object({
    kind: ImportKind,
    /** The file's headings, normalised (`Campaign Name` → `campaign_name`), in order. */
    columns: z.array(z.string()),
    /** Problems of the file itself (unknown or missing columns): when any, no row is valid. */
    fileErrors: z.array(ImportIssue),
    rows: z.array(ImportPreviewRow),
    validCount: z.number().int(),
    errorCount: z.number().int(),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportRowResult = z.object({
  line: z.number().int(),
  /**
   * `sent`: handed to the change pipeline (see `state`); `failed`: the pipeline or the platform refused
   * it (`message`); `invalid`: the row has errors and was not sent (`errors`).
   */
  outcome: z.enum(['sent', 'failed', 'invalid']),
  /** The change recorded for the row (a budget/status change, or a proposed campaign awaiting approval). */
  changeId: z.uuid().nullable(),
  campaignId: z.uuid().nullable(),
  /** The change's state when sent: `pending` (being applied), `applied`, `proposed` (awaiting approval), ... */
  state: z.enum(CHANGE_STATES).nullable(),
  message: z.string().nullable(),
  errors: z.array(ImportIssue),
  /** For a row a guardrail refused: which ones; `soft` ones can be gone past by applying the row again with `confirm`. */
  guardrails: z.array(z.object({ id: z.string(), soft: z.boolean(), message: z.string() })),
});
export type ImportRowResult = z.infer<typeof ImportRowResult>;

export const ImportResult = z
  .object({
    kind: ImportKind,
    results: z.array(ImportRowResult),
    sentCount: z.number().int(),
    failedCount: z.number().int(),
    invalidCount: z.number().int(),
  })
  .meta({ id: 'ImportResult' });
export type ImportResult = z.infer<typeof ImportResult>;
