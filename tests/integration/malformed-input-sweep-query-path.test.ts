import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BRIEF, DEFINITION, expectRefusal, LONG, type Page, pageOf, resolve, type Schema } from './support/malformed-sweep.schema.ts';
import { useMalformedSweep } from './support/malformed-sweep.fixture.ts';

/**
 * Malformed query strings, a JSON body on a GET, bad ids in the path, and tampered, foreign and
 * forged cursors: each a prompt 4xx naming the parameter (or a harmless read), nothing written.
 */
describe('malformed input on the rules, AI and copy operations with real ids: query strings, path ids and cursors', () => {
  const sweep = useMalformedSweep();
  const { owner, api, counts, validBodies, fill, covered, timed, getWithBody } = sweep;

  it('refuses malformed query strings with the parameter named, and a JSON body on a GET is refused or ignored', async () => {
    const badValues = (schema: Schema): string[] => {
      const s = resolve(sweep.doc, schema);
      if (s.enum) return ['not-one-of-them', ''];
      if (s.type === 'integer' || s.type === 'number') return ['abc', '-1', 'NaN', 'Infinity', '1e309', '1.5', '99999999999999999999'];
      return [LONG.slice(0, 2_000), '%00', 'a\u0000b'];
    };
    for (const { method, path, op } of covered()) {
      if (method !== 'GET') continue;
      for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const value of badValues(param.schema ?? {})) {
          // A free-text search or an id filter may take any text and find nothing; what it may not do is fail.
          const res = await timed(`${path}?${param.name}`, () => owner().get(`${fill(path)}?${param.name}=${encodeURIComponent(value)}`));
          if (res.status === 200 && (param.name === 'q' || resolve(sweep.doc, param.schema ?? {}).type === 'string') && !['cursor', 'month', 'ids', 'adGroupId'].includes(param.name)) continue;
          expectRefusal(res, `GET ${path}?${param.name}=${JSON.stringify(value).slice(0, 40)}`, param.name);
        }
      }
      const withBody = await timed(`${path} with a body`, () => getWithBody(fill(path), JSON.stringify({ name: 'x', limit: 'NaN' })));
      expect(withBody.status, `GET ${path} with a JSON body: ${withBody.text.slice(0, 200)}`).toBeLessThan(500);
      if (withBody.status >= 400) expectRefusal(withBody, `GET ${path} with a JSON body`);
    }
  }, 600_000);

  it('refuses bad ids in the path with 4xx (400 naming the parameter for what is not an id), and writes nothing', async () => {
    const before = await counts();
    const bodies = validBodies();
    for (const { method, path } of covered()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const name of names) {
        for (const value of ['not-a-uuid', LONG.slice(0, 1_000), '%00', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g']) {
          const url = fill(path, { [name]: encodeURIComponent(value) });
          const res = await timed(`${method} ${url.slice(0, 80)}`, () => owner().request(method, url, ['GET', 'DELETE'].includes(method) ? undefined : (bodies[`${method} ${path}`] ?? {})));
          expectRefusal(res, `${method} ${path} with ${name}=${value.slice(0, 30)}`, res.status === 400 ? name : undefined);
        }
      }
    }
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('tampered and foreign cursors are refused naming the cursor, or read as a position in this organisation only', async () => {
    // Enough rows for a second page in each list.
    for (const name of ['Page two A', 'Page two B']) expect((await owner().post(api('/rules'), { name, definition: DEFINITION })).status).toBe(201);
    await owner().post(api('/copy/generations'), { brief: { ...BRIEF, product: 'Sleeping bags' }, platforms: ['meta'] });
    for (const list of ['/rules', '/copy/generations', '/ai/usage']) {
      const first = await owner().get<Page & { recent?: Page }>(api(`${list}?limit=1`));
      expect(first.status, `${list}: ${first.text.slice(0, 200)}`).toBe(200);
      const page = pageOf(first.body);
      const cursor = page.nextCursor;
      expect(cursor, `${list} has a second page`).not.toBeNull();
      const values = JSON.parse(Buffer.from(cursor!, 'base64url').toString('utf8')) as unknown[];
      const forged = (vals: unknown) => Buffer.from(JSON.stringify(vals)).toString('base64url');
      const tampered = [
        `${cursor!.slice(0, -2)}!!`,
        cursor!.split('').reverse().join(''),
        forged(values.map(() => 'x')),
        forged(values.map(() => 1e300)),
        forged(values.map(() => "' OR '1'='1")),
        forged(values.map(() => '275760-09-13T00:00:00.000Z')),
        forged([...values, ...values, 'extra']),
        forged({ values }),
        forged([]),
      ];
      for (const bad of tampered) {
        const res = await owner().get<{ items: Array<{ id: string }> }>(api(`${list}?limit=1&cursor=${encodeURIComponent(bad)}`));
        if (res.status === 200) continue;
        expectRefusal(res, `${list} cursor ${bad.slice(0, 40)}`, 'cursor');
      }
      // Another organisation's cursor is only a position: it shows none of their rows and none of ours are lost to it.
      const theirs = await sweep.other.team.owner.client.get<Page & { recent?: Page }>(`/api/v1/orgs/${sweep.other.orgId}${list}?limit=50&cursor=${encodeURIComponent(cursor!)}`);
      expect(theirs.status, theirs.text.slice(0, 200)).toBeLessThan(500);
      if (theirs.status === 200) expect(pageOf(theirs.body).items.map((i) => i.id)).not.toContain(page.items[0]?.id);
    }
  });

  it('a forged cursor on any list in the document is a 400 naming the cursor or a page, never a failed query', async () => {
    const forged = (vals: unknown) => Buffer.from(JSON.stringify(vals)).toString('base64url');
    const cursors = [forged(['x', 'x']), forged(['x']), forged([1e300, 1e300]), forged(['2026-01-01T00:00:00.000Z', 'not-an-id']), forged(['275760-09-13T00:00:00.000Z', randomUUID()]), forged([-1]), forged(["' OR '1'='1", "' OR '1'='1"])];
    const lists = Object.entries(sweep.doc.paths).filter(([, methods]) => methods.get?.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'));
    expect(lists.length).toBeGreaterThan(5);
    for (const [path] of lists) {
      for (const cursor of cursors) {
        const res = await owner().get(`${fill(path)}?cursor=${cursor}`);
        if (res.status === 200 || res.status === 403 || res.status === 404) continue;
        expectRefusal(res, `GET ${path} cursor ${Buffer.from(cursor, 'base64url').toString()}`, 'cursor');
      }
    }
  });
});
