import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, expect } from 'vitest';
import { aiSettings, aiUsage, auditLog, campaignChanges, copyGenerations, ruleJobs, rules } from '@adloop/db';
import type { CopyGeneration, Rule, RuleJob } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../../setup/server.ts';
import { orgWithTeam, type OrgWithTeam } from '../../setup/org-helpers.ts';
import { eventually } from '../../setup/connect-helpers.ts';
import { BRIEF, COVERED, CREATE_AD_OPERATION, DEFINITION, MANUAL_COPY, PROMPT_MS, type Json, type OpenApi, type Page } from './malformed-sweep.schema.ts';

/**
 * The rules, AI and copy operations walked from the OpenAPI document with ids that exist, so each
 * malformed request reaches past "not found" into the body, query and path checks: a server, an
 * organisation with a rule, a backtest job, a copy generation and a run of the rule, and another
 * organisation with its own rule and generation.
 */
export class MalformedSweep {
  server!: TestServer;
  org!: OrgWithTeam;
  other!: OrgWithTeam;
  doc!: OpenApi;
  rule!: Rule;
  job!: RuleJob;
  generation!: CopyGeneration;
  otherRule!: Rule;
  otherGeneration!: CopyGeneration;
  runId: string | undefined;
  readonly adGroupOfNobody = randomUUID();
  readonly owner = () => this.org.team.owner.client;
  readonly api = (path: string) => `/api/v1/orgs/${this.org.orgId}${path}`;

  /** Rows that a refused request must not have written. */
  readonly counts = async () => {
    const db = this.server.ctx.db;
    return {
      rules: await db.$count(rules),
      ruleJobs: await db.$count(ruleJobs),
      copyGenerations: await db.$count(copyGenerations),
      aiUsage: await db.$count(aiUsage),
      aiSettings: await db.$count(aiSettings),
      changes: await db.$count(campaignChanges),
      audit: await db.$count(auditLog),
      llmCalls: this.server.llmSandbox!.state.calls.openai + this.server.llmSandbox!.state.calls.anthropic,
    };
  };

  /** A valid body for each covered operation that takes one, with the real ids. */
  readonly validBodies = (): Record<string, Json> => ({
    'POST /api/v1/orgs/{orgId}/rules': { name: 'Sweep rule', mode: 'propose', enabled: false, definition: DEFINITION },
    'PATCH /api/v1/orgs/{orgId}/rules/{ruleId}': { version: this.rule.version, name: 'Renamed', mode: 'notify', enabled: false, definition: DEFINITION },
    'POST /api/v1/orgs/{orgId}/rules/describe': { definition: DEFINITION },
    'POST /api/v1/orgs/{orgId}/rules/dry-run': { definition: DEFINITION },
    'POST /api/v1/orgs/{orgId}/rules/backtest': { definition: DEFINITION, days: 7 },
    'PUT /api/v1/orgs/{orgId}/ai/settings': { brandVoice: { tone: ['friendly'], requiredTerms: ['Northwind'], bannedTerms: ['cheap'], messageRestrictions: ['No prices'] }, monthlyCapMicros: 5_000_000 },
    'POST /api/v1/orgs/{orgId}/copy/generations': { brief: BRIEF, platforms: ['tiktok'], variations: 1 },
    'POST /api/v1/orgs/{orgId}/copy/generations/{generationId}/publish': {
      idempotencyKey: 'sweep-publish-0001',
      platform: 'tiktok',
      variationId: this.generation.results[0]!.variations[0]!.id,
      copy: this.generation.results[0]!.variations[0]!.copy as unknown as Json,
      adGroupId: randomUUID(),
    },
    'POST /api/v1/orgs/{orgId}/copy/generations/{generationId}/regenerate': { platform: 'tiktok', variationId: this.generation.results[0]!.variations[0]!.id },
    'POST /api/v1/orgs/{orgId}/copy/check': { copy: MANUAL_COPY, brief: BRIEF, checkLandingPage: false },
    [CREATE_AD_OPERATION]: {
      idempotencyKey: 'sweep-create-ad-0001',
      reason: 'A new ad from the sweep',
      changes: [{ target: { level: 'ad_group', id: this.adGroupOfNobody }, action: 'create_ad', ad: { copy: MANUAL_COPY, finalUrl: BRIEF.landingPage, name: 'Sweep ad' }, expected: {} }],
    },
  });

  readonly fill = (path: string, ids: Partial<Record<string, string>> = {}) =>
    path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const known: Record<string, string> = { orgId: this.org.orgId, ruleId: this.rule.id, jobId: this.job.id, generationId: this.generation.id, runId: this.runId ?? randomUUID() };
      return ids[name] ?? known[name] ?? randomUUID();
    });

  readonly covered = () =>
    Object.entries(this.doc.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })))
      .filter(({ method, path }) => COVERED.test(path) || `${method} ${path}` === CREATE_AD_OPERATION);

  /** A GET carrying a JSON body, which fetch refuses to send; node:http sends it as a client might. */
  readonly getWithBody = (path: string, body: string): Promise<{ status: number; body: unknown; text: string }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(new URL(path, this.server.url), { method: 'GET', headers: { ...this.owner().authHeaders(), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text, body: res.headers['content-type']?.includes('json') && text ? JSON.parse(text) : text }));
      });
      req.on('error', reject);
      req.end(body);
    });

  readonly timed = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await call();
    expect(Date.now() - started, `${what} answered in time`).toBeLessThan(PROMPT_MS);
    return result;
  };

  async start(): Promise<void> {
    const { owner, api } = this;
    this.server = await startTestServer();
    this.org = await orgWithTeam(this.server, 'Sweep Co');
    this.other = await orgWithTeam(this.server, 'Other Sweep Co');
    this.doc = (await owner().get<OpenApi>('/api/v1/openapi.json')).body;
    this.rule = (await owner().post<Rule>(api('/rules'), { name: 'Sweep target', definition: DEFINITION })).body;
    this.job = (await owner().post<RuleJob>(api('/rules/backtest'), { definition: DEFINITION, days: 7 })).body;
    this.generation = (await owner().post<CopyGeneration>(api('/copy/generations'), { brief: BRIEF, platforms: ['tiktok'] })).body;
    const otherApi = (path: string) => `/api/v1/orgs/${this.other.orgId}${path}`;
    this.otherRule = (await this.other.team.owner.client.post<Rule>(otherApi('/rules'), { name: 'Theirs', definition: DEFINITION })).body;
    this.otherGeneration = (await this.other.team.owner.client.post<CopyGeneration>(otherApi('/copy/generations'), { brief: BRIEF, platforms: ['tiktok'] })).body;
    expect([this.rule.id, this.job.id, this.generation.id, this.otherRule.id, this.otherGeneration.id].every(Boolean)).toBe(true);
    // A run of the rule (run now), so the run's own page is walked past "not found".
    const rule = this.rule;
    const runNow = (await owner().post<RuleJob>(api(`/rules/${rule.id}/run`), {})).body;
    this.runId = await eventually(async () => {
      const state = (await owner().get<RuleJob>(api(`/rules/jobs/${runNow.id}`))).body.state;
      if (state === 'queued' || state === 'running') return null;
      return (await owner().get<Page>(api(`/rules/${rule.id}/runs`))).body.items[0]?.id ?? 'none';
    }, 60_000, 'run now');
    expect(this.runId).not.toBe('none');
    this.rule = (await owner().get<Rule>(api(`/rules/${rule.id}`))).body;
  }
}

/** One server and its fixtures for the calling test file, started before its tests and closed after. */
export function useMalformedSweep(): MalformedSweep {
  const sweep = new MalformedSweep();
  beforeAll(() => sweep.start(), 240_000);
  afterAll(async () => sweep.server?.close());
  return sweep;
}
