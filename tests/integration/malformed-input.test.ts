import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';

/**
 * Every operation in the OpenAPI document, called with malformed input by a signed-in owner:
 * none may answer 5xx, and every error must have the one error shape. New routes join
 * automatically because the list comes from the running server's document.
 */

interface Operation {
  method: string;
  path: string;
}

const LONG = 'x'.repeat(20_000);

/** Path parameter values a careless or hostile client might send. */
const BAD_PARAMS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', LONG.slice(0, 300), '%00', '\u0000', "1' OR '1'='1"];

/** Bodies of the wrong shape or with wrong types. */
const BAD_BODIES: unknown[] = [
  [],
  'just a string',
  42,
  null,
  { unexpected: true },
  { email: 42, password: ['x'], name: { nested: true }, role: 'emperor', scope: 7, token: null, code: 123456 },
  { email: LONG, password: LONG, name: LONG, organizationName: LONG, newEmail: LONG },
  { limit: -1, cursor: {}, requireMfa: 'yes' },
  // PostgreSQL text cannot hold U+0000: refused at the door, never a failed query.
  { email: 'a\u0000@example.com', password: 'pass\u0000word-long-enough', name: 'N\u0000', organizationName: 'O\u0000', idempotencyKey: 'key\u0000key-long' },
];

const BAD_QUERIES = ['?limit=abc', '?limit=100000', '?cursor=%%%', `?cursor=${LONG.slice(0, 500)}`, '?from=yesterday&to=never', '?unknown=1', '?q=a%00b&cursor=%00'];

function expectErrorShape(status: number, body: unknown, what: string): void {
  expect(status, `${what} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`).toBeLessThan(500);
  if (status >= 400) {
    expect(body, what).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  }
}

describe('malformed input on every API operation', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let operations: Operation[];

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Fuzz Co' });
    const doc = (await owner.client.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
  });
  afterAll(async () => server?.close());

  function fill(path: string, badValue: string | null): string {
    return path.replace(/\{(\w+)\}/g, (_match, name: string) =>
      badValue !== null ? encodeURIComponent(badValue) : name === 'orgId' ? (owner.orgId ?? '') : randomUUID(),
    );
  }

  it('finds the operations to walk', () => {
    expect(operations.length).toBeGreaterThan(20);
  });

  it('never answers 5xx to bad path parameters', async () => {
    for (const op of operations.filter((o) => o.path.includes('{'))) {
      for (const value of BAD_PARAMS) {
        const path = fill(op.path, value);
        const response = await owner.client.request(op.method, path, op.method === 'GET' || op.method === 'DELETE' ? undefined : {});
        expectErrorShape(response.status, response.body, `${op.method} ${path.slice(0, 120)}`);
      }
    }
  });

  it('never answers 5xx to bodies of the wrong shape', async () => {
    for (const op of operations.filter((o) => ['POST', 'PATCH', 'PUT'].includes(o.method))) {
      for (const body of BAD_BODIES) {
        // Sign-out and session revocation would end the session the walk relies on.
        if (op.path.endsWith('/sign-out')) continue;
        const what = `${op.method} ${op.path} with ${JSON.stringify(body).slice(0, 80)}`;
        const response = await owner.client.request(op.method, fill(op.path, null), JSON.stringify(body)).catch((error: unknown) => {
          throw new Error(`${what}: ${String(error)} (${String((error as { cause?: unknown }).cause)})`);
        });
        expectErrorShape(response.status, response.body, `${op.method} ${op.path} with ${JSON.stringify(body).slice(0, 80)}`);
      }
    }
  });

  it('never answers 5xx to bad query strings', async () => {
    for (const op of operations.filter((o) => o.method === 'GET')) {
      for (const query of BAD_QUERIES) {
        const response = await owner.client.get(`${fill(op.path, null)}${query}`);
        if (response.headers.get('content-type')?.includes('json')) {
          expectErrorShape(response.status, response.body, `GET ${op.path}${query.slice(0, 60)}`);
        } else {
          expect(response.status, `GET ${op.path}${query.slice(0, 60)}`).toBeLessThan(500);
        }
      }
    }
  });
});
