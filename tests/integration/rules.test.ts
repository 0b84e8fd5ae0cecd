import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CampaignRow, Connection, Rule, RuleObjectChoice, RuleScopeOptions, RuleTemplate } from '@adloop/contracts';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { connectAndAdd, eventually, sandboxAccounts } from '../setup/connect-helpers.ts';
import { orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { field: string; message: string }[]; current?: number } };
}

const condition = (metric: string, operator: string, value: number) => ({ kind: 'condition', metric, operator, compare: { kind: 'value', value } });
const definition = (then: unknown[], scope: Record<string, unknown> = { level: 'campaign' }) => ({ scope, when: { kind: 'all', conditions: [condition('spend', 'gt', 1)] }, then });

/** Rules through the API: create, read, edit (compare-and-set), enable, duplicate, delete, templates, words, conflicts, refusals. */
describe('rules', () => {
  let server: TestServer;
  let org: OrgWithTeam;
  let other: OrgWithTeam;
  let orgId = '';
  const api = (path: string) => `/api/v1/orgs/${orgId}${path}`;
  const owner = () => org.team.owner.client;

  beforeAll(async () => {
    server = await startTestServer();
    org = await orgWithTeam(server, 'Rules Co');
    other = await orgWithTeam(server, 'Other Rules Co');
    orgId = org.orgId;
    const meta = sandboxAccounts(server, 'meta').find((a) => a.name === 'Northwind Outdoor – Meta')!;
    await connectAndAdd(org.team.owner, orgId, 'meta', [meta.id]);
    await eventually(async () => {
      const overview = (await owner().get<{ connections: Connection[] }>(api('/connections'))).body;
      return overview.connections.flatMap((c) => c.accounts.filter((a) => a.selected)).every((a) => a.health.structureSyncedAt !== null);
    }, 120_000, 'structure sync');
  }, 240_000);
  afterAll(async () => server?.close());

  it('creates a rule with its sentence, reads it, lists it, and keeps it disabled until enabled', async () => {
    const created = await org.team.manager.client.post<Rule>(api('/rules'), { name: 'Stop losers', mode: 'automatic', definition: definition([{ type: 'pause' }]) });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'Stop losers', mode: 'automatic', status: 'disabled', version: 1, lastRun: null, actionsToday: 0, errors24h: 0, createdBy: org.team.manager.email });
    expect(created.body.sentence.length).toBeGreaterThan(10);
    expect(created.body.definition.limits.cooldownHours).toBe(24);

    const read = await org.team.viewer.client.get<Rule>(api(`/rules/${created.body.id}`));
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(created.body.id);
    const list = await org.team.member.client.get<{ items: Rule[] }>(api('/rules'));
    expect(list.body.items.map((r) => r.id)).toContain(created.body.id);

    const enabled = await owner().post<Rule>(api(`/rules/${created.body.id}/enable`), {});
    expect(enabled.body).toMatchObject({ status: 'enabled', version: 2 });
    expect((await owner().get<{ items: Rule[] }>(api('/rules?status=enabled'))).body.items.map((r) => r.id)).toContain(created.body.id);
    const disabled = await owner().post<Rule>(api(`/rules/${created.body.id}/disable`), {});
    expect(disabled.body).toMatchObject({ status: 'disabled', version: 3 });
  });

  it('edits with the version read and refuses a stale one with 409', async () => {
    const created = (await owner().post<Rule>(api('/rules'), { name: 'Edit me', definition: definition([{ type: 'pause' }]) })).body;
    const first = await owner().patch<Rule>(api(`/rules/${created.id}`), { version: created.version, name: 'Edited', mode: 'notify' });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ name: 'Edited', mode: 'notify', version: created.version + 1 });
    const stale = await org.team.admin.client.patch<ErrorBody>(api(`/rules/${created.id}`), { version: created.version, name: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'conflict', details: { current: created.version + 1 } });
    expect((await owner().get<Rule>(api(`/rules/${created.id}`))).body.name).toBe('Edited');
  });

  it('duplicates (disabled copy) and deletes', async () => {
    const created = (await owner().post<Rule>(api('/rules'), { name: 'Original', enabled: true, definition: definition([{ type: 'pause' }]) })).body;
    const copy = await owner().post<Rule>(api(`/rules/${created.id}/duplicate`), {});
    expect(copy.status, copy.text).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Original (copy)', status: 'disabled', definition: created.definition });
    expect((await owner().delete(api(`/rules/${copy.body.id}`))).status).toBe(204);
    expect((await owner().get(api(`/rules/${copy.body.id}`))).status).toBe(404);
    expect((await owner().delete(api(`/rules/${copy.body.id}`))).status).toBe(404);
  });

  it('refuses malformed bodies with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ definition: definition([{ type: 'pause' }]) }, 'name'],
      [{ name: 'x', definition: { ...definition([{ type: 'pause' }]), then: [] } }, 'definition.then'],
      [{ name: 'x', definition: definition([{ type: 'explode' }]) }, 'definition.then.0.type'],
      [{ name: 'x', definition: { ...definition([{ type: 'pause' }]), scope: { level: 'keyword' } } }, 'definition.scope.level'],
      [{ name: 'x', mode: 'yolo', definition: definition([{ type: 'pause' }]) }, 'mode'],
      [{ name: 'x', definition: definition([{ type: 'pause_until', until: '2001-01-01T00:00:00Z' }]) }, 'definition.then.0.until'],
    ];
    for (const [body, field] of cases) {
      const refused = await owner().post<ErrorBody>(api('/rules'), body);
      expect(refused.status, `${field}: ${refused.text}`).toBe(400);
      expect(refused.body.error.details?.issues?.map((i) => i.field), refused.text).toContain(field);
    }
    // The engine's own checks: an operator that does not fit its comparison.
    const between = { name: 'x', definition: { ...definition([{ type: 'pause' }]), when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'between', compare: { kind: 'value', value: 3 } }] } } };
    const refused = await owner().post<ErrorBody>(api('/rules'), between);
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.error.details?.issues?.[0]?.field).toMatch(/^definition\.when\.conditions\.0/);
    const patch = await owner().patch<ErrorBody>(api(`/rules/${randomUUID()}`), { name: 'x' });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details?.issues?.map((i) => i.field)).toContain('version');
  });

  it('lets members and viewers read but only managers and above change rules', async () => {
    const body = { name: 'Member try', definition: definition([{ type: 'pause' }]) };
    expect((await org.team.member.client.post(api('/rules'), body)).status).toBe(403);
    expect((await org.team.viewer.client.post(api('/rules'), body)).status).toBe(403);
    const created = (await org.team.manager.client.post<Rule>(api('/rules'), body)).body;
    expect((await org.team.member.client.post(api(`/rules/${created.id}/run`), {})).status).toBe(403);
    expect((await org.team.member.client.get(api(`/rules/${created.id}/runs`))).status).toBe(200);
  });

  it('answers 404 for another organisation’s rule', async () => {
    const created = (await owner().post<Rule>(api('/rules'), { name: 'Private', definition: definition([{ type: 'pause' }]) })).body;
    const theirs = (path: string) => `/api/v1/orgs/${other.orgId}${path}`;
    const intruder = other.team.owner.client;
    expect((await intruder.get(theirs(`/rules/${created.id}`))).status).toBe(404);
    expect((await intruder.patch(theirs(`/rules/${created.id}`), { version: 1, name: 'Mine now' })).status).toBe(404);
    expect((await intruder.post(theirs(`/rules/${created.id}/run`), {})).status).toBe(404);
    expect((await intruder.delete(theirs(`/rules/${created.id}`))).status).toBe(404);
    expect((await intruder.get(theirs(`/rules/${created.id}/runs`))).status).toBe(404);
    expect((await intruder.get<{ items: Rule[] }>(theirs('/rules'))).body.items.map((r) => r.id)).not.toContain(created.id);
    // Their own org's route with our org id: no access at all.
    expect((await intruder.get(api(`/rules/${created.id}`))).status).toBe(404);
    expect((await owner().get<Rule>(api(`/rules/${created.id}`))).body.name).toBe('Private');
  });

  it('offers templates that are valid rule bodies with a sentence, and describes a definition', async () => {
    const templates = await owner().get<RuleTemplate[]>(api('/rules/templates'));
    expect(templates.status).toBe(200);
    expect(templates.body.length).toBeGreaterThanOrEqual(6);
    for (const t of templates.body) {
      expect(t.sentence.length).toBeGreaterThan(10);
      const created = await owner().post<Rule>(api('/rules'), { ...t.body, name: `From ${t.name}`, enabled: false, templateId: t.id });
      expect(created.status, `${t.id}: ${created.text}`).toBe(201);
      expect(created.body.templateId).toBe(t.id);
    }
    const described = await owner().post<{ sentence: string }>(api('/rules/describe'), { definition: definition([{ type: 'pause' }]), mode: 'automatic' });
    expect(described.status).toBe(200);
    expect(described.body.sentence).toMatch(/pause/i);
    // Every account in scope bills in US dollars: the amounts read as money, not bare numbers.
    expect(described.body.sentence).toMatch(/spend .*\$1(\.00)?\b/i);
    expect(described.body.sentence).not.toMatch(/each account’s currency/);
  });

  it('flags rules that can act on the same objects in opposite directions, with the objects both reach', async () => {
    const campaigns = (await owner().get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items.filter((c) => c.status === 'active');
    expect(campaigns.length).toBeGreaterThan(1);
    const shared = campaigns[0]!;
    const pauser = (await owner().post<Rule>(api('/rules'), { name: 'Pause shared', definition: definition([{ type: 'pause' }], { level: 'campaign', entityIds: [shared.id] }) })).body;
    const enabler = (await owner().post<Rule>(api('/rules'), { name: 'Enable shared', definition: definition([{ type: 'enable' }], { level: 'campaign', statuses: ['active', 'paused'], entityIds: [shared.id, campaigns[1]!.id] }) })).body;
    expect(enabler.conflicts.map((c) => c.ruleId)).toContain(pauser.id);
    const conflict = (await owner().get<Rule>(api(`/rules/${pauser.id}`))).body.conflicts.find((c) => c.ruleId === enabler.id);
    expect(conflict).toMatchObject({ ruleName: 'Enable shared', overlapCount: 1, overlap: [{ level: 'campaign', id: shared.id, name: shared.name }] });
    expect(conflict!.explanation.length).toBeGreaterThan(10);
    // Same direction: no conflict.
    const another = (await owner().post<Rule>(api('/rules'), { name: 'Pause too', definition: definition([{ type: 'pause' }], { level: 'campaign', entityIds: [shared.id] }) })).body;
    expect(another.conflicts.map((c) => c.ruleId)).not.toContain(pauser.id);
  });

  it('finds objects for a fixed list by name and by id at each level, for the caller’s accounts, and offers the objectives and labels in use', async () => {
    const campaigns = (await owner().get<{ items: CampaignRow[] }>(api('/campaigns?limit=200'))).body.items;
    const target = campaigns[0]!;
    const part = target.name.slice(1, 6).toUpperCase();
    type Found = { items: RuleObjectChoice[] };
    const byName = await owner().get<Found>(api(`/rules/objects?level=campaign&q=${encodeURIComponent(part)}`));
    expect(byName.status, byName.text).toBe(200);
    expect(byName.body.items.map((o) => o.id)).toContain(target.id);
    expect(byName.body.items.every((o) => o.name.toLowerCase().includes(part.toLowerCase()) && o.level === 'campaign')).toBe(true);
    expect(byName.body.items.find((o) => o.id === target.id)).toMatchObject({ name: target.name, campaignName: target.name, platform: 'meta', adAccountId: target.adAccountId, accountName: target.accountName, status: target.status });
    // Literal: a percent sign matches only itself.
    expect((await owner().get<Found>(api('/rules/objects?q=%25%25%25'))).body.items).toEqual([]);
    const byId = await owner().get<Found>(api(`/rules/objects?level=campaign&ids=${campaigns[1]!.id},${target.id}&limit=1`));
    expect(byId.body.items.map((o) => o.id).sort()).toEqual([target.id, campaigns[1]!.id].sort());
    const adSets = await owner().get<Found>(api('/rules/objects?level=ad_group&limit=5'));
    expect(adSets.body.items.length).toBeGreaterThan(0);
    expect(adSets.body.items.length).toBeLessThanOrEqual(5);
    for (const o of adSets.body.items) expect(o.level).toBe('ad_group');
    expect(campaigns.map((c) => c.name)).toContain(adSets.body.items[0]!.campaignName);
    const names = adSets.body.items.map((o) => o.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // A member with no account assigned finds nothing; another organisation's ids find nothing.
    expect((await org.team.member.client.get<Found>(api('/rules/objects?level=campaign'))).body.items).toEqual([]);
    expect((await other.team.owner.client.get<Found>(`/api/v1/orgs/${other.orgId}/rules/objects?ids=${target.id}`)).body.items).toEqual([]);
    const bad = await owner().get<ErrorBody>(api('/rules/objects?ids=not-an-id'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details?.issues?.map((i) => i.field)).toEqual(['ids']);
    expect((await owner().get<ErrorBody>(api('/rules/objects?level=keyword'))).status).toBe(400);

    await server.ctx.db.execute(sql`UPDATE campaigns SET labels = array_append(labels, 'hero') WHERE id = ${target.id}`);
    const options = await org.team.viewer.client.get<RuleScopeOptions>(api('/rules/scope-options'));
    expect(options.status).toBe(200);
    expect(options.body.labels).toContain('hero');
    const objectives = new Set(campaigns.map((c) => c.objective).filter((o): o is string => o !== null));
    expect(options.body.objectives.map((o) => o.id).sort()).toEqual([...objectives].sort());
    for (const o of options.body.objectives) {
      expect(o.platforms).toEqual(['meta']);
      expect(o.label).not.toMatch(/^OUTCOME_/);
    }
  });
});
