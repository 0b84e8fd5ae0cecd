/** Limits of one import file (no Zod here: the web app imports this module at runtime, `@adloop/contracts/imports-limits`). */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 5000;
