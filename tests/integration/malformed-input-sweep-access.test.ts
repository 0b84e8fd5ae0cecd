import { describe, expect, it } from 'vitest';
import type { Rule, RuleJob } from '@adloop/contracts';
import { CREATE_AD_OPERATION, DEFINITION, expectRefusal } from './support/malformed-sweep.schema.ts';
import { useMalformedSweep } from './support/malformed-sweep.fixture.ts';

/**
 * Another organisation's ids (404), a viewer (403), the same request asked twice, and the valid
 * bodies the other walks mutate, accepted.
 */
describe('malformed input on the rules, AI and copy operations with real ids: other organisations, roles and repeats', () => {
  const sweep = useMalformedSweep();
  const { owner, api, counts, validBodies, fill, covered } = sweep;

  it('another organisation\'s rule, job and generation are 404 to this one, and unchanged', async () => {
    const otherJob = (await sweep.other.team.owner.client.post<RuleJob>(`/api/v1/orgs/${sweep.other.orgId}/rules/backtest`, { definition: DEFINITION, days: 7 })).body;
    const bodies = validBodies();
    const ids = { ruleId: sweep.otherRule.id, jobId: otherJob.id, generationId: sweep.otherGeneration.id };
    const before = await counts();
    for (const { method, path } of covered()) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (!names.some((n) => n in ids)) continue;
      const body = ['GET', 'DELETE'].includes(method) ? undefined : { ...(bodies[`${method} ${path}`] ?? {}), ...(path.endsWith('{ruleId}') && method === 'PATCH' ? { version: sweep.otherRule.version } : {}) };
      const res = await owner().request(method, fill(path, ids), body);
      expect(res.status, `${method} ${path} on another organisation's ids: ${res.text.slice(0, 200)}`).toBe(404);
      expect(res.text).not.toContain('Theirs');
    }
    expect(await counts()).toEqual(before);
    const theirRule = await sweep.other.team.owner.client.get<Rule>(`/api/v1/orgs/${sweep.other.orgId}/rules/${sweep.otherRule.id}`);
    expect(theirRule.body).toMatchObject({ name: 'Theirs', version: sweep.otherRule.version });
  });

  it('a viewer may read the rules, AI and copy pages but changes nothing (403 in the error shape)', async () => {
    const viewer = sweep.org.team.viewer.client;
    const bodies = validBodies();
    const before = await counts();
    for (const { method, path } of covered()) {
      if (method === 'GET' || path.includes('/operator/')) continue;
      // Reading operations sent as POST (words, dry run, backtest, check) are open to a viewer (data:read); the tenancy walk holds the matrix.
      if (/\/(describe|dry-run|backtest|check)$/.test(path)) continue;
      const res = await viewer.request(method, fill(path), ['DELETE'].includes(method) ? undefined : bodies[`${method} ${path}`] ?? {});
      expect(res.status, `viewer ${method} ${path}: ${res.text.slice(0, 200)}`).toBe(403);
      expectRefusal(res, `viewer ${method} ${path}`);
    }
    expect(await counts()).toEqual(before);
    expect((await viewer.get(api('/rules'))).status).toBe(200);
    expect((await viewer.get(api(`/rules/${sweep.rule.id}`))).status).toBe(200);
  });

  it('asked twice with the same key, or twice at once, answers the same and writes once at most', async () => {
    const bodies = validBodies();
    const before = await counts();
    for (const key of [CREATE_AD_OPERATION, 'POST /api/v1/orgs/{orgId}/copy/generations/{generationId}/publish']) {
      const [method, path] = key.split(' ') as [string, string];
      const [first, second] = await Promise.all([owner().request(method, fill(path), bodies[key]), owner().request(method, fill(path), bodies[key])]);
      const third = await owner().request(method, fill(path), bodies[key]);
      for (const res of [first, second, third]) expectRefusal(res, `${key} repeated`);
      expect([second.status, third.status], key).toEqual([first.status, first.status]);
    }
    expect(await counts()).toEqual(before);
    // Run now asked twice at once: two answers in the job shape or a conflict, never a failure.
    const runs = await Promise.all([owner().post<RuleJob>(api(`/rules/${sweep.rule.id}/run`), {}), owner().post<RuleJob>(api(`/rules/${sweep.rule.id}/run`), {})]);
    for (const res of runs) {
      expect([202, 409], res.text.slice(0, 200)).toContain(res.status);
      if (res.status === 409) expectRefusal(res, 'run now asked twice');
    }
  });

  it('the valid bodies the walk mutates are accepted, so each refusal above was about the one field', async () => {
    // Enable and disable (bodyless) moved the rule's version during the walks above.
    sweep.rule = (await owner().get<Rule>(api(`/rules/${sweep.rule.id}`))).body;
    const bodies = validBodies();
    const expected: Record<string, number[]> = {
      // An ad group of nobody: the body passed the schema and the lookup refused the ad group by name.
      'POST /api/v1/orgs/{orgId}/copy/generations/{generationId}/publish': [400, 404],
      [CREATE_AD_OPERATION]: [400, 404, 422],
    };
    for (const [key, body] of Object.entries(bodies)) {
      const [method, path] = key.split(' ') as [string, string];
      const res = await owner().request(method, fill(path), body);
      const allowed = expected[key] ?? [200, 201, 202];
      expect(allowed, `${key}: ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
      if (res.status >= 400) expectRefusal(res, key, key === CREATE_AD_OPERATION ? undefined : 'adGroupId');
    }
  }, 120_000);
});
