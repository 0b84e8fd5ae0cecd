import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { refuseUnexpectedBody } from './input-guard.ts';

const route = (body: unknown, schema?: { body?: unknown }, url: string | null = '/api/v1/things/:id/enable') => ({ body, routeOptions: { url: url ?? undefined, schema } });

describe('refuseUnexpectedBody', () => {
  it('lets nothing, null and {} through to a route without a body schema', () => {
    for (const body of [undefined, null, {}]) expect(() => refuseUnexpectedBody(route(body))).not.toThrow();
  });

  it('refuses any other body there with 400 naming its first field, or the root', () => {
    const caught = (body: unknown) => {
      try {
        refuseUnexpectedBody(route(body));
      } catch (error) {
        return error;
      }
      throw new Error('not refused');
    };
    expect(caught({ force: true, other: 1 })).toMatchObject({ status: 400, code: 'validation_failed', details: { issues: [{ location: 'body', field: 'force' }] } });
    for (const body of [[], [1], 'text', 0, false]) {
      const error = caught(body);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 400, details: { issues: [{ field: '(root)' }] } });
    }
  });

  it('leaves bodies to the schema where there is one, and unmatched paths to the 404', () => {
    expect(() => refuseUnexpectedBody(route({ name: 'x' }, { body: {} }))).not.toThrow();
    expect(() => refuseUnexpectedBody(route({ name: 'x' }, undefined, null))).not.toThrow();
  });
});
