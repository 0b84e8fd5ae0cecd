export * from './types.ts';
export { parseAmount, formatAmount } from './amount.ts';
export { CHANGE_COLUMNS, CAMPAIGN_COLUMNS, columnsOf, mapHeadings, normaliseHeading, type ImportColumn } from './columns.ts';
export { validateChangeRow, IMPORT_ACTIONS, type ChangeIntent, type ImportAction, type ChangedField } from './change-row.ts';
export { validateCampaignRow, type CampaignDraft } from './campaign-row.ts';
export { validateFile, templateRows, type CheckedFile, type CheckedRow, type FileRecord } from './validate-file.ts';
