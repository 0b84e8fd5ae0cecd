import { describe, expect, it } from 'vitest';
import { DEFINITION, expectRefusal, mutations } from './support/malformed-sweep.schema.ts';
import { useMalformedSweep } from './support/malformed-sweep.fixture.ts';

/**
 * Every field of every request body mutated (wrong type, huge or out-of-range value, bad enum
 * value, left out, unknown field at each level), and malformed JSON, wrong content types, empty
 * bodies, arrays, NaN/Infinity on every operation: each a prompt 4xx naming the field, nothing written.
 */
describe('malformed input on the rules, AI and copy operations with real ids: the request bodies', () => {
  const sweep = useMalformedSweep();
  const { owner, counts, validBodies, fill, covered, timed } = sweep;

  it('covers every rules, AI and copy operation, with a valid body for each that takes one', () => {
    const ops = covered();
    expect(ops.length).toBeGreaterThanOrEqual(29);
    const bodies = validBodies();
    for (const { method, path, op } of ops) {
      if (op.requestBody) expect(Object.keys(bodies), `${method} ${path} needs a valid body here`).toContain(`${method} ${path}`);
    }
  });

  it('refuses every single-field mutation of every body with 4xx naming the field, and writes nothing', async () => {
    const before = await counts();
    const bodies = validBodies();
    let sent = 0;
    for (const { method, path, op } of covered()) {
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const cases = mutations(sweep.doc, schema, bodies[`${method} ${path}`]);
      expect(cases.length, `${method} ${path} has mutations`).toBeGreaterThan(0);
      for (const { what, body, field } of cases) {
        const res = await timed(what, () => owner().request(method, fill(path), body));
        expectRefusal(res, `${method} ${path}: ${what}`, field);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('refuses malformed JSON, wrong content types, empty bodies, arrays, NaN and Infinity, and writes nothing', async () => {
    const before = await counts();
    const json = { 'content-type': 'application/json' };
    const raws: Array<[string, string | undefined, Record<string, string>]> = [
      ['truncated JSON', '{"name": "Sweep", "definition": {', json],
      ['NaN', '{"days": NaN, "version": NaN, "monthlyCapMicros": NaN}', json],
      ['Infinity', '{"days": Infinity, "version": -Infinity, "monthlyCapMicros": 1e999}', json],
      ['a JSON string', '"just a string"', json],
      ['a number', '42', json],
      ['null', 'null', json],
      ['an array', '[]', json],
      ['an array of the valid body', JSON.stringify([{ name: 'x', definition: DEFINITION }]), json],
      ['empty body', '', json],
      ['whitespace body', '   ', json],
      ['text/plain', JSON.stringify({ name: 'x', definition: DEFINITION }), { 'content-type': 'text/plain' }],
      ['form encoded', 'name=x&definition=y', { 'content-type': 'application/x-www-form-urlencoded' }],
      ['multipart', '--b\r\ncontent-disposition: form-data; name="name"\r\n\r\nx\r\n--b--', { 'content-type': 'multipart/form-data; boundary=b' }],
      ['JSON with a charset it does not use', JSON.stringify({ name: 'x' }), { 'content-type': 'application/json; charset=utf-16' }],
      ['deeply nested', `${'['.repeat(5_000)}${']'.repeat(5_000)}`, json],
    ];
    for (const { method, path, op } of covered()) {
      if (!op.requestBody) {
        // An operation that takes no body refuses one rather than running with it ignored.
        if (method === 'GET') continue;
        expectRefusal(await owner().request(method, fill(path), { zzUnknown: true }), `${method} ${path} with a body it does not take`, 'zzUnknown');
        expectRefusal(await owner().request(method, fill(path), '[1]'), `${method} ${path} with a list it does not take`);
        continue;
      }
      for (const [what, raw, headers] of raws) {
        const res = await timed(what, () => owner().request(method, fill(path), raw, headers));
        expectRefusal(res, `${method} ${path}: ${what}`);
      }
    }
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('no operation in the document fails on a prototype key, a body past the limit or a deep nest', async () => {
    const raws: Array<[string, string]> = [
      ['__proto__ key', '{"__proto__": {"isAdmin": true, "role": "owner"}, "constructor": {"prototype": {"x": 1}}}'],
      ['body past the limit', JSON.stringify({ name: 'y'.repeat(3_000_000) })],
      ['deep nest', `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`],
      ['duplicate keys', '{"name": "a", "name": {"b": 1}}'],
      ['lone surrogate', '{"name": "\\ud800"}'],
    ];
    const all = Object.entries(sweep.doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));
    for (const { method, path } of all) {
      // Sign-out would end the session the walk relies on.
      if (!['POST', 'PUT', 'PATCH'].includes(method) || path.endsWith('/sign-out')) continue;
      for (const [what, raw] of raws) {
        const res = await timed(`${method} ${path} ${what}`, () => owner().request(method, fill(path), raw));
        expect(res.status, `${method} ${path} with ${what}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
        if (res.status >= 400) expectRefusal(res, `${method} ${path} with ${what}`);
      }
    }
    expect((await owner().get('/api/v1/me')).status).toBe(200);
  }, 600_000);
});
