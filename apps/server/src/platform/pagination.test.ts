import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { decodeCursor, encodeCursor, toPage } from './pagination.ts';

const Shape = z.tuple([z.string(), z.uuid()]);
const id = '7d8f1e5c-3a0b-4c9e-9f21-0c6f4b7a2d11';

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    expect(decodeCursor(encodeCursor(['a@x.io', id]), Shape)).toEqual(['a@x.io', id]);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined, Shape)).toBeNull();
    expect(decodeCursor('', Shape)).toBeNull();
  });

  it('answers 400 on cursor for garbage or a cursor of another list', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', encodeCursor([42])]) {
      const error = (() => {
        try {
          decodeCursor(bad, Shape);
          return null;
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'validation_failed', details: { issues: [{ location: 'querystring', field: 'cursor' }] } });
    }
  });
});

describe('toPage', () => {
  const rows = [1, 2, 3];
  it('gives a cursor only when an extra row was fetched', () => {
    expect(toPage(rows, 2, String, (r) => [r])).toEqual({ items: ['1', '2'], nextCursor: encodeCursor([2]) });
    expect(toPage(rows, 3, String, (r) => [r])).toEqual({ items: ['1', '2', '3'], nextCursor: null });
  });
});
