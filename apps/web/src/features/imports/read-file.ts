import { IMPORT_MAX_BYTES } from '@adloop/contracts/imports-limits';

export const IMPORT_MAX_BYTES_TEXT = `${IMPORT_MAX_BYTES / 1024 / 1024} MB`;

/** A chosen or dropped file as text, refused here when it is too large or not text, before anything is uploaded. */
export async function readCsvFile(file: File): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  if (file.size > IMPORT_MAX_BYTES) return { ok: false, error: `${file.name} is larger than ${IMPORT_MAX_BYTES_TEXT}: split it into smaller files.` };
  if (file.size === 0) return { ok: false, error: `${file.name} is empty.` };
  const text = await file.text();
  if (text.includes('\u0000')) return { ok: false, error: `${file.name} is not a text file: save it as CSV (UTF-8) first.` };
  return { ok: true, text };
}
