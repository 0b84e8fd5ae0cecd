import { z } from 'zod';
import { fieldError } from './errors.ts';

/** A keyset page: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const CursorValues = z.array(z.union([z.string().max(300), z.number()])).min(1).max(4);

/**
 * Cursors are opaque to clients (base64url JSON of the last row's sort key) so the sort key
 * can change without an API change. They are not signed: a forged cursor only moves a keyset
 * position inside a query that is already scoped to the caller's organisation.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** Decodes a cursor and checks its shape; a bad one is a 400 on `cursor`, never a 500. */
export function decodeCursor<T extends z.ZodType>(cursor: string | undefined, shape: T): z.output<T> | null {
  if (cursor === undefined || cursor === '') return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const values = CursorValues.safeParse(raw);
  const parsed = values.success ? shape.safeParse(values.data) : null;
  if (!parsed?.success) throw fieldError('cursor', 'is not a cursor returned by this list', 'querystring');
  return parsed.data;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only proves another page exists.
 */
export function toPage<Row, Item>(
  rows: readonly Row[],
  limit: number,
  present: (row: Row) => Item,
  cursorOf: (row: Row) => readonly (string | number)[],
): Page<Item> {
  const visible = rows.slice(0, limit);
  const last = visible.at(-1);
  return {
    items: visible.map(present),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null,
  };
}
