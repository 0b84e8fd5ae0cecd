import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { adGroups, auditLog } from '@adloop/db';
import type { CampaignChange, Connection, CopyGeneration } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, type SignedUpUser } from '../setup/auth-helpers.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';

/**
 * Publishing generated copy: checked again, then proposals by the AI in the approval inbox (never
 * applied by itself), against the Meta sandbox's synced ad group and the landing-page sandbox.
 */
describe('publishing generated copy', () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let adGroupId = '';
  let api = '';
  const brief = { product: 'Ultralight tents', keywords: ['ultralight tent'], landingPage: 'https://northwind-outdoor.example/tents' };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const publish = (generationId: string, body: Record<string, unknown>) => owner.client.post<{ proposals: CampaignChange[]; error?: any }>(`${api}/copy/generations/${generationId}/publish`, body);

  beforeAll(async () => {
    server = await startTestServer();
    owner = await signUpVerifiedUser(server, { organizationName: 'Northwind Publishing' });
    api = `/api/v1/orgs/${owner.orgId}`;
    const meta = sandboxAccounts(server, 'meta').find((a) => a.name === 'Northwind Outdoor – Meta')!;
    const [account] = await connectAndAdd(owner, owner.orgId!, 'meta', [meta.id]);
    await eventually(async () => {
      const overview = (await owner.client.get<{ connections: Connection[] }>(`${api}/connections`)).body;
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.structureSyncedAt !== null);
    }, 120_000, 'structure sync');
    const [group] = await server.ctx.db.select().from(adGroups).where(and(eq(adGroups.orgId, owner.orgId!), eq(adGroups.adAccountId, account!.id)));
    adGroupId = group!.id;
  }, 240_000);
  afterAll(async () => server?.close());

  it('turns a variation into a proposal by the AI, once per key, refusing copy that a check blocks', async () => {
    const generated = await owner.client.post<CopyGeneration>(`${api}/copy/generations`, { brief, platforms: ['meta'], adGroupId });
    expect(generated.status, generated.text).toBe(201);
    const g = generated.body;
    expect(g.adGroupId).toBe(adGroupId);
    const variation = g.results[0]!.variations[0]!;
    expect(variation.publishable).toBe(true);

    const broken = { ...variation.copy, headlines: ['Risk-free profits with every tent'] };
    const refused = await publish(g.id, { idempotencyKey: `refused-${randomUUID()}`, platform: 'meta', variationId: variation.id, copy: broken, adGroupId });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/cannot be published yet/);
    expect(refused.body.error.details.checks.some((c: { field: string; severity: string }) => c.field === 'headlines' && c.severity === 'block')).toBe(true);

    const key = `publish-${randomUUID()}`;
    const edited = { ...variation.copy, headlines: ['Northwind ultralight tents'] };
    const response = await publish(g.id, { idempotencyKey: key, platform: 'meta', variationId: variation.id, copy: edited, adGroupId });
    expect(response.status, response.text).toBe(201);
    const { proposals } = response.body;
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) {
      expect(p).toMatchObject({ state: 'proposed', action: 'create_ad', entityId: adGroupId, actorType: 'ai', actorId: g.id, actorLabel: `AI-assisted copy (asked by ${owner.email})` });
      expect(p.reason).toMatch(/edited by a person/);
    }
    const again = await publish(g.id, { idempotencyKey: key, platform: 'meta', variationId: variation.id, copy: edited, adGroupId });
    expect(again.status).toBe(201);
    expect(again.body.proposals.map((p) => p.id)).toEqual(proposals.map((p) => p.id));

    const read = await owner.client.get<CopyGeneration>(`${api}/copy/generations/${g.id}`);
    expect(read.body.publishedChangeIds.sort()).toEqual(proposals.map((p) => p.id).sort());
    const inbox = await owner.client.get<{ items: CampaignChange[] }>(`${api}/proposals`);
    expect(inbox.body.items.map((p) => p.id)).toEqual(expect.arrayContaining(proposals.map((p) => p.id)));
    const audit = await server.ctx.db.select().from(auditLog).where(and(eq(auditLog.orgId, owner.orgId!), eq(auditLog.action, 'copy.published')));
    expect(audit.length).toBe(2);
  });

  it('names the field that is wrong, and refuses a landing page that does not answer', async () => {
    const g = (await owner.client.post<CopyGeneration>(`${api}/copy/generations`, { brief, platforms: ['meta'] })).body;
    const variation = g.results[0]!.variations[0]!;
    const base = { idempotencyKey: `fields-${randomUUID()}`, platform: 'meta', variationId: variation.id, copy: variation.copy, adGroupId };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, variationId: 'gone' }, 'variationId'],
      [{ ...base, platform: 'tiktok' }, 'platform'],
      [{ ...base, copy: { platform: 'tiktok', source: 'ai', adTexts: ['Ultralight tents'] } }, 'copy.platform'],
      [{ ...base, adGroupId: undefined }, 'adGroupId'],
      [{ ...base, idempotencyKey: 'short' }, 'idempotencyKey'],
    ];
    for (const [body, field] of cases) {
      const response = await publish(g.id, body);
      expect(response.status, `${field}: ${response.text}`).toBe(400);
      expect(response.body.error.details.issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    expect((await publish(randomUUID(), base)).status).toBe(404);

    const gone = (await owner.client.post<CopyGeneration>(`${api}/copy/generations`, { brief: { ...brief, landingPage: 'https://northwind-outdoor.example/discontinued' }, platforms: ['meta'] })).body;
    const v = gone.results[0]!.variations[0]!;
    const refused = await publish(gone.id, { ...base, variationId: v.id, copy: v.copy });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toMatch(/answered 404/);
  });
});
