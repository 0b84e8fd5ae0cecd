import type { ImportKind, ImportScope, RowIssue, RowValues } from './types.ts';
import { mapHeadings } from './columns.ts';
import { FIELD_OF, IMPORT_ACTIONS, validateChangeRow, type ChangeIntent } from './change-row.ts';
import { resolveCampaign } from './resolve-campaign.ts';
import { parsePlatform, resolveAccount } from './resolve-account.ts';
import { parseChoice } from './values.ts';
import { validateCampaignRow, type CampaignDraft } from './campaign-row.ts';

/** A record of the file with the line it starts on (1 is the heading row). */
export interface FileRecord {
  line: number;
  cells: readonly string[];
}

export type CheckedRow =
  | { line: number; values: RowValues; issues: RowIssue[]; summary: null; kind: 'invalid' }
  | { line: number; values: RowValues; issues: []; summary: string; kind: 'changes'; intent: ChangeIntent }
  | { line: number; values: RowValues; issues: []; summary: string; kind: 'campaigns'; draft: CampaignDraft };

export interface CheckedFile {
  columns: string[];
  /** Problems of the file itself (headings); when any, no row is valid. */
  fileIssues: RowIssue[];
  rows: CheckedRow[];
}

/**
 * What a row changes (campaign and field, or account and new name), whether or not the row is valid:
 * a second row on the same target is refused even when the first has errors, so fixing or applying
 * the first never turns the second into a change nobody previewed.
 */
function targetKey(kind: ImportKind, scope: ImportScope, values: RowValues): string | null {
  if (kind === 'changes') {
    const found = resolveCampaign(scope, values);
    const action = parseChoice(values.action ?? '', IMPORT_ACTIONS);
    return found.ok && action.ok ? `${found.found.campaign.id}:${FIELD_OF[action.value]}` : null;
  }
  const platform = parsePlatform(values.platform);
  const account = platform.ok ? resolveAccount(scope.accounts, values.account_id ?? '', platform.platform) : null;
  const name = (values.name ?? '').trim().toLowerCase();
  return account?.ok && name !== '' ? `${account.account.id}:${name}` : null;
}

/**
 * Checks a whole file: the heading row, then every record on its own, then across rows (one change
 * per campaign and field; one new campaign per account and name). Pure: the caller parsed the CSV
 * and loaded the scope.
 */
export function validateFile(kind: ImportKind, heading: readonly string[], records: readonly FileRecord[], scope: ImportScope): CheckedFile {
  const { columns, issues: fileIssues } = mapHeadings(kind, heading);
  const rows: CheckedRow[] = records.map((record) => {
    const values: Record<string, string> = {};
    for (const [index, column] of columns.entries()) if (column !== '') values[column] = (record.cells[index] ?? '').trim();
    const base = { line: record.line, values };
    if (fileIssues.length > 0) return { ...base, issues: [], summary: null, kind: 'invalid' };
    const extra = record.cells.length > columns.length ? [{ column: null, message: `has ${record.cells.length} cells but the heading has ${columns.length}` }] : [];
    if (kind === 'changes') {
      const checked = validateChangeRow(scope, values);
      if (!checked.ok || extra.length) return { ...base, issues: [...extra, ...(checked.ok ? [] : checked.issues)], summary: null, kind: 'invalid' };
      return { ...base, issues: [], summary: checked.summary, kind: 'changes', intent: checked.value };
    }
    const checked = validateCampaignRow(scope, values);
    if (!checked.ok || extra.length) return { ...base, issues: [...extra, ...(checked.ok ? [] : checked.issues)], summary: null, kind: 'invalid' };
    return { ...base, issues: [], summary: checked.summary, kind: 'campaigns', draft: checked.value };
  });
  if (fileIssues.length > 0) return { columns, fileIssues, rows };
  const firstLine = new Map<string, number>();
  const deduplicated = rows.map((row): CheckedRow => {
    const key = targetKey(kind, scope, row.values);
    if (key === null) return row;
    const earlier = firstLine.get(key);
    if (earlier === undefined) {
      firstLine.set(key, row.line);
      return row;
    }
    const field = key.slice(key.indexOf(':') + 1).replace('_', ' ');
    const message = kind === 'changes' ? `changes the same campaign's ${field} as line ${earlier}` : `creates the same campaign as line ${earlier}`;
    return { line: row.line, values: row.values, issues: [{ column: null, message }, ...row.issues], summary: null, kind: 'invalid' };
  });
  return { columns, fileIssues, rows: deduplicated };
}

/** A template: the heading row and one example row, as cells. */
export function templateRows(kind: ImportKind, columnsOf: (kind: ImportKind) => ReadonlyArray<{ name: string; example: string }>): string[][] {
  const columns = columnsOf(kind);
  return [columns.map((c) => c.name), columns.map((c) => c.example)];
}
