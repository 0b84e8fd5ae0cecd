import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '@adloop/db';
import { startTestServer, type TestServer } from '../setup/server.ts';
import { signUpVerifiedUser, uniqueEmail, type SignedUpUser } from '../setup/auth-helpers.ts';
import { TestClient } from '../setup/http-client.ts';
import { createKey, inviteByEmail, joinAs, orgWithTeam, type OrgWithTeam } from '../setup/org-helpers.ts';
import { apiKeyCan, roleCan, type Permission } from '../../apps/server/src/modules/orgs/permissions.ts';

/**
 * Tenancy: every organisation route, called by anyone outside the organisation, answers 404 and
 * shows nothing of it; inside it, every role and API key scope gets exactly what the permission
 * matrix allows. Routes are read from the running app (Fastify's route tree, which includes
 * routes hidden from the OpenAPI document), so a route added later is walked too.
 */

/**
 * A valid body for each org route that takes one: a body that fails validation would be refused
 * with 400 before the access check runs, and the test could not tell whether the check exists.
 */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/orgs/:orgId/billing/checkout': { planId: 'pro' },
  'POST /api/v1/orgs/:orgId/billing/portal': {},
  'PUT /api/v1/orgs/:orgId/billing/over-limit': { metric: 'rules', keep: [] },
  'POST /api/v1/orgs/:orgId/billing/change/preview': { planId: 'pro' },
  'POST /api/v1/orgs/:orgId/billing/change': { planId: 'starter' },
  'POST /api/v1/orgs/:orgId/summary/daily/preview': {},
  'POST /api/v1/orgs/:orgId/deletion': { confirmName: 'not the name' },
  'POST /api/v1/orgs/:orgId/deletion/restore': {},
  'POST /api/v1/orgs/:orgId/exports': {},
  'POST /api/v1/orgs/:orgId/reports': { name: 'Intruder report' },
  'PUT /api/v1/orgs/:orgId/reports/:reportId': { name: 'Intruder report' },
  'PUT /api/v1/orgs/:orgId/reports/:reportId/logo': { contentType: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUg==' },
  'POST /api/v1/orgs/:orgId/reports/:reportId/runs': {},
  'POST /api/v1/orgs/:orgId/reports/:reportId/links': { label: 'Intruder link' },
  'POST /api/v1/orgs/:orgId/reports/:reportId/links/:linkId/revoke': {},
  'PATCH /api/v1/orgs/:orgId': { name: 'Renamed by an intruder' },
  'PATCH /api/v1/orgs/:orgId/members/:userId': { role: 'owner' },
  'PUT /api/v1/orgs/:orgId/members/:userId/ad-accounts': { adAccountIds: [] },
  'POST /api/v1/orgs/:orgId/proposals/approve': { items: [{ changeId: '00000000-0000-4000-8000-000000000003' }] },
  'POST /api/v1/orgs/:orgId/proposals/reject': { changeIds: ['00000000-0000-4000-8000-000000000004'], reason: 'Intruder' },
  'PUT /api/v1/orgs/:orgId/change-settings': { proposalTtlHours: 48 },
  'PATCH /api/v1/orgs/:orgId/change-settings': { proposalTtlHours: 48 },
  'POST /api/v1/orgs/:orgId/automation/stop': {},
  'POST /api/v1/orgs/:orgId/automation/resume': {},
  'PUT /api/v1/orgs/:orgId/ai/settings': { brandVoice: { tone: ['intruding'] } },
  'POST /api/v1/orgs/:orgId/slack/authorize': {},
  'PUT /api/v1/orgs/:orgId/slack': { kinds: ['rule.acted'] },
  'POST /api/v1/orgs/:orgId/slack/test': {},
  // A role admins may hand out too, so the matrix walk sees the permission check and not the role rule.
  'POST /api/v1/orgs/:orgId/invitations': { email: 'intruder@example.test', role: 'admin' },
  'POST /api/v1/orgs/:orgId/api-keys': { name: 'intruder', scope: 'read_write' },
  'POST /api/v1/orgs/:orgId/connections/authorize': { platform: 'google_ads' },
  'PUT /api/v1/orgs/:orgId/connections/:connectionId/accounts': { accountIds: [] },
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/sync': {},
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/images': { fileName: 'intruder.png', contentType: 'image/png', dataBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/videos': { fileName: 'intruder.mp4', contentType: 'video/mp4', dataBase64: 'AAAAGGZ0eXBtcDQyAAAAAG1wNDJpc29t' },
  'POST /api/v1/orgs/:orgId/notifications/read': {},
  'PUT /api/v1/orgs/:orgId/notifications/preferences': { preferences: [{ kind: 'rule.acted', channel: 'email', enabled: false }] },
  'PUT /api/v1/orgs/:orgId/notifications/defaults': { defaults: [{ kind: 'rule.acted', channel: 'email', enabled: false }] },
  'POST /api/v1/orgs/:orgId/webhooks': { url: 'https://hooks.example.com/adloop', kinds: ['rule.acted'] },
  'PATCH /api/v1/orgs/:orgId/webhooks/:endpointId': { enabled: false },
  'POST /api/v1/orgs/:orgId/webhooks/:endpointId/rotate-secret': {},
  'POST /api/v1/orgs/:orgId/webhooks/:endpointId/test': {},
  'POST /api/v1/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId/replay': {},
  'PUT /api/v1/orgs/:orgId/utm-template': { template: { utm_source: 'intruder', utm_medium: 'paid', utm_campaign: '{campaign_name}', utm_content: '{ad_name}' } },
  'POST /api/v1/orgs/:orgId/campaign-changes': { idempotencyKey: 'intruder-key-1', changes: [{ campaignId: '00000000-0000-4000-8000-000000000001', action: 'pause', expected: { status: 'active' } }] },
  'POST /api/v1/orgs/:orgId/campaign-changes/:changeId/undo': { idempotencyKey: 'intruder-key-2' },
  'POST /api/v1/orgs/:orgId/imports/preview': { kind: 'changes', csv: 'campaign_name,action\nIntruder,pause\n' },
  'POST /api/v1/orgs/:orgId/imports/apply': { kind: 'changes', csv: 'campaign_name,action\nIntruder,pause\n', idempotencyKey: 'intruder-import-1' },
  'POST /api/v1/orgs/:orgId/campaigns': {
    adAccountId: '00000000-0000-4000-8000-000000000002',
    name: 'Intruder',
    objective: 'OUTCOME_TRAFFIC',
    budget: { kind: 'daily', amountMicros: 10_000_000 },
    adGroup: { name: 'x', countries: ['US'] },
    ad: { name: 'x', headline: 'x', description: 'x', finalUrl: 'https://example.com' },
  },
  'POST /api/v1/orgs/:orgId/rules': { name: 'Intruder rule', definition: { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }] }, then: [{ type: 'pause' }] } },
  'PATCH /api/v1/orgs/:orgId/rules/:ruleId': { version: 1, name: 'Renamed by an intruder' },
  'POST /api/v1/orgs/:orgId/rules/describe': { definition: { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }] }, then: [{ type: 'pause' }] } },
  'POST /api/v1/orgs/:orgId/rules/dry-run': { definition: { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }] }, then: [{ type: 'pause' }] } },
  'POST /api/v1/orgs/:orgId/rules/backtest': { definition: { scope: { level: 'campaign' }, when: { kind: 'all', conditions: [{ kind: 'condition', metric: 'spend', operator: 'gt', compare: { kind: 'value', value: 100 } }] }, then: [{ type: 'pause' }] }, days: 7 },
  'POST /api/v1/orgs/:orgId/rules/:ruleId/enable': {},
  'POST /api/v1/orgs/:orgId/rules/:ruleId/disable': {},
  'POST /api/v1/orgs/:orgId/rules/:ruleId/duplicate': {},
  'POST /api/v1/orgs/:orgId/rules/:ruleId/run': {},
  // An ad group that does not exist: refused (404) before anything is written or sent to a model.
  'POST /api/v1/orgs/:orgId/copy/generations': { brief: { product: 'Intruder boots', landingPage: 'https://northwind-outdoor.example/' }, platforms: ['google_ads'], adGroupId: '00000000-0000-4000-8000-000000000005' },
  'POST /api/v1/orgs/:orgId/copy/generations/:generationId/regenerate': {},
  'POST /api/v1/orgs/:orgId/copy/generations/:generationId/publish': { idempotencyKey: 'intruder-publish-1', platform: 'tiktok', variationId: 'v1', copy: { platform: 'tiktok', source: 'ai', adTexts: ['Intruder boots for every trail'] }, adGroupId: '00000000-0000-4000-8000-000000000006' },
  'POST /api/v1/orgs/:orgId/insights/recommendations/propose': { accountId: '00000000-0000-4000-8000-000000000007', idempotencyKey: 'intruder-insights-1' },
  'POST /api/v1/orgs/:orgId/insights/incidents/:incidentId/snooze': { until: new Date(Date.now() + 86_400_000).toISOString() },
  'POST /api/v1/orgs/:orgId/insights/incidents/:incidentId/acknowledge': {},
  'POST /api/v1/orgs/:orgId/copy/check': { copy: { platform: 'tiktok', source: 'manual', adTexts: ['Intruder boots for every trail'] }, brief: { product: 'Intruder boots', landingPage: 'https://northwind-outdoor.example/' } },
};
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** A valid query string for routes that require one, for the same reason as SAMPLE_BODIES. */
const SAMPLE_QUERIES: Record<string, string> = {
  'GET /api/v1/orgs/:orgId/imports/template': '?kind=changes',
  'GET /api/v1/orgs/:orgId/insights/recommendations': '?accountId=00000000-0000-4000-8000-000000000007',
  'GET /api/v1/orgs/:orgId/insights/anomalies': '?accountId=00000000-0000-4000-8000-000000000007',
  'GET /api/v1/orgs/:orgId/insights/forecasts': '?accountId=00000000-0000-4000-8000-000000000007',
};

/**
 * The permission each organisation route checks (apps/server/src/modules/orgs/permissions.ts).
 * The matrix walk holds every role and key scope to it. A route missing here fails the walk.
 */
const ROUTE_PERMISSIONS: Record<string, Permission> = {
  'GET /api/v1/orgs/:orgId/suspension': 'org:read',
  'GET /api/v1/orgs/:orgId/summary/daily': 'data:read',
  'POST /api/v1/orgs/:orgId/summary/daily/preview': 'data:read',
  'GET /api/v1/orgs/:orgId/deletion': 'org:read',
  'POST /api/v1/orgs/:orgId/deletion': 'org:delete',
  'POST /api/v1/orgs/:orgId/deletion/restore': 'org:delete',
  'POST /api/v1/orgs/:orgId/exports': 'org:delete',
  'GET /api/v1/orgs/:orgId/reports': 'data:read',
  'POST /api/v1/orgs/:orgId/reports': 'data:write',
  'GET /api/v1/orgs/:orgId/reports/:reportId': 'data:read',
  'PUT /api/v1/orgs/:orgId/reports/:reportId': 'data:write',
  'DELETE /api/v1/orgs/:orgId/reports/:reportId': 'data:write',
  'GET /api/v1/orgs/:orgId/reports/:reportId/logo': 'data:read',
  'PUT /api/v1/orgs/:orgId/reports/:reportId/logo': 'data:write',
  'DELETE /api/v1/orgs/:orgId/reports/:reportId/logo': 'data:write',
  'GET /api/v1/orgs/:orgId/reports/:reportId/runs': 'data:read',
  'POST /api/v1/orgs/:orgId/reports/:reportId/runs': 'data:write',
  'GET /api/v1/orgs/:orgId/reports/:reportId/runs/:runId/report.pdf': 'data:read',
  'GET /api/v1/orgs/:orgId/reports/:reportId/runs/:runId/report.csv': 'data:read',
  'GET /api/v1/orgs/:orgId/reports/:reportId/links': 'data:read',
  'POST /api/v1/orgs/:orgId/reports/:reportId/links': 'data:write',
  'POST /api/v1/orgs/:orgId/reports/:reportId/links/:linkId/revoke': 'data:write',
  'GET /api/v1/orgs/:orgId/reports/:reportId/links/:linkId/views': 'data:read',
  'GET /api/v1/orgs/:orgId/billing': 'org:read',
  'POST /api/v1/orgs/:orgId/billing/checkout': 'org:update',
  'POST /api/v1/orgs/:orgId/billing/portal': 'org:update',
  'GET /api/v1/orgs/:orgId/billing/invoices': 'org:update',
  'GET /api/v1/orgs/:orgId/billing/over-limit': 'org:read',
  'PUT /api/v1/orgs/:orgId/billing/over-limit': 'org:update',
  'POST /api/v1/orgs/:orgId/billing/change/preview': 'org:update',
  'POST /api/v1/orgs/:orgId/billing/change': 'org:update',
  'DELETE /api/v1/orgs/:orgId/billing/scheduled-change': 'org:update',
  'GET /api/v1/orgs/:orgId/billing/referrals': 'org:update',
  'GET /api/v1/orgs/:orgId/billing/referrals/commissions.csv': 'org:update',
  'GET /api/v1/orgs/:orgId': 'org:read',
  'PATCH /api/v1/orgs/:orgId': 'org:update',
  'GET /api/v1/orgs/:orgId/members': 'members:read',
  'PATCH /api/v1/orgs/:orgId/members/:userId': 'members:manage',
  // Someone else's membership; one's own (leaving, `members:leave`) is walked in orgs-members.test.ts.
  'DELETE /api/v1/orgs/:orgId/members/:userId': 'members:manage',
  'GET /api/v1/orgs/:orgId/members/:userId/ad-accounts': 'members:assign_accounts',
  'PUT /api/v1/orgs/:orgId/members/:userId/ad-accounts': 'members:assign_accounts',
  'GET /api/v1/orgs/:orgId/invitations': 'invitations:manage',
  'POST /api/v1/orgs/:orgId/invitations': 'invitations:manage',
  'DELETE /api/v1/orgs/:orgId/invitations/:invitationId': 'invitations:manage',
  'GET /api/v1/orgs/:orgId/api-keys': 'api_keys:read',
  'POST /api/v1/orgs/:orgId/api-keys': 'api_keys:manage',
  'DELETE /api/v1/orgs/:orgId/api-keys/:keyId': 'api_keys:manage',
  'GET /api/v1/orgs/:orgId/audit-log': 'audit:read',
  'GET /api/v1/orgs/:orgId/connections': 'data:read',
  'POST /api/v1/orgs/:orgId/connections/authorize': 'connections:manage',
  'GET /api/v1/orgs/:orgId/connections/:connectionId': 'data:read',
  'PUT /api/v1/orgs/:orgId/connections/:connectionId/accounts': 'connections:manage',
  'DELETE /api/v1/orgs/:orgId/connections/:connectionId': 'connections:disconnect',
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/sync': 'data:write',
  'GET /api/v1/orgs/:orgId/ad-accounts/:accountId/sync-runs': 'data:read',
  'GET /api/v1/orgs/:orgId/ad-accounts/:accountId/campaigns': 'data:read',
  'GET /api/v1/orgs/:orgId/ad-accounts/:accountId/ad-assets': 'data:write',
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/images': 'data:write',
  'POST /api/v1/orgs/:orgId/ad-accounts/:accountId/videos': 'data:write',
  'GET /api/v1/orgs/:orgId/notifications': 'org:read',
  'POST /api/v1/orgs/:orgId/notifications/read': 'org:read',
  'GET /api/v1/orgs/:orgId/notifications/preferences': 'org:read',
  'PUT /api/v1/orgs/:orgId/notifications/preferences': 'org:read',
  'GET /api/v1/orgs/:orgId/notifications/defaults': 'org:read',
  'PUT /api/v1/orgs/:orgId/notifications/defaults': 'notifications:settings',
  'GET /api/v1/orgs/:orgId/notifications/deliveries': 'notifications:settings',
  'GET /api/v1/orgs/:orgId/slack': 'org:read',
  'POST /api/v1/orgs/:orgId/slack/authorize': 'org:update',
  'GET /api/v1/orgs/:orgId/slack/channels': 'org:update',
  'PUT /api/v1/orgs/:orgId/slack': 'org:update',
  'POST /api/v1/orgs/:orgId/slack/test': 'org:update',
  'DELETE /api/v1/orgs/:orgId/slack': 'org:update',
  'GET /api/v1/orgs/:orgId/webhooks': 'webhooks:manage',
  'POST /api/v1/orgs/:orgId/webhooks': 'webhooks:manage',
  'PATCH /api/v1/orgs/:orgId/webhooks/:endpointId': 'webhooks:manage',
  'DELETE /api/v1/orgs/:orgId/webhooks/:endpointId': 'webhooks:manage',
  'POST /api/v1/orgs/:orgId/webhooks/:endpointId/rotate-secret': 'webhooks:manage',
  'POST /api/v1/orgs/:orgId/webhooks/:endpointId/test': 'webhooks:manage',
  'GET /api/v1/orgs/:orgId/webhooks/:endpointId/deliveries': 'webhooks:manage',
  'GET /api/v1/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId': 'webhooks:manage',
  'POST /api/v1/orgs/:orgId/webhooks/:endpointId/deliveries/:deliveryId/replay': 'webhooks:manage',
  'GET /api/v1/orgs/:orgId/events': 'data:read',
  'GET /api/v1/orgs/:orgId/utm-template': 'org:read',
  'PUT /api/v1/orgs/:orgId/utm-template': 'org:update',
  'GET /api/v1/orgs/:orgId/dashboard': 'data:read',
  'GET /api/v1/orgs/:orgId/dashboard/freshness': 'data:read',
  'GET /api/v1/orgs/:orgId/dashboard/top-movers': 'data:read',
  'GET /api/v1/orgs/:orgId/campaigns': 'data:read',
  'GET /api/v1/orgs/:orgId/campaigns/export.csv': 'data:read',
  'GET /api/v1/orgs/:orgId/campaigns/creation-options': 'data:read',
  'POST /api/v1/orgs/:orgId/campaigns': 'data:write',
  'GET /api/v1/orgs/:orgId/campaigns/:campaignId': 'data:read',
  'GET /api/v1/orgs/:orgId/campaign-changes': 'data:read',
  'POST /api/v1/orgs/:orgId/campaign-changes': 'data:write',
  'GET /api/v1/orgs/:orgId/campaign-changes/:changeId': 'data:read',
  'POST /api/v1/orgs/:orgId/campaign-changes/:changeId/undo': 'data:write',
  'GET /api/v1/orgs/:orgId/proposals': 'data:read',
  'POST /api/v1/orgs/:orgId/proposals/approve': 'changes:approve',
  'POST /api/v1/orgs/:orgId/proposals/reject': 'changes:approve',
  'GET /api/v1/orgs/:orgId/change-settings': 'data:read',
  'PUT /api/v1/orgs/:orgId/change-settings': 'changes:settings',
  'PATCH /api/v1/orgs/:orgId/change-settings': 'changes:settings',
  'POST /api/v1/orgs/:orgId/automation/stop': 'automation:stop',
  'POST /api/v1/orgs/:orgId/automation/resume': 'changes:settings',
  'GET /api/v1/orgs/:orgId/ai/settings': 'data:read',
  'PUT /api/v1/orgs/:orgId/ai/settings': 'ai:settings',
  'GET /api/v1/orgs/:orgId/ai/usage': 'data:read',
  'GET /api/v1/orgs/:orgId/insights/recommendations': 'data:read',
  'POST /api/v1/orgs/:orgId/insights/recommendations/propose': 'data:write',
  'GET /api/v1/orgs/:orgId/insights/anomalies': 'data:read',
  'GET /api/v1/orgs/:orgId/insights/forecasts': 'data:read',
  'GET /api/v1/orgs/:orgId/insights/incidents': 'data:read',
  'GET /api/v1/orgs/:orgId/insights/incidents/:incidentId': 'data:read',
  'POST /api/v1/orgs/:orgId/insights/incidents/:incidentId/snooze': 'data:write',
  'POST /api/v1/orgs/:orgId/insights/incidents/:incidentId/acknowledge': 'data:write',
  'GET /api/v1/orgs/:orgId/insights/forecasts/campaigns/:campaignId': 'data:read',
  'GET /api/v1/orgs/:orgId/insights/month-end': 'data:read',
  'GET /api/v1/orgs/:orgId/imports/template': 'data:write',
  'POST /api/v1/orgs/:orgId/imports/preview': 'data:write',
  'POST /api/v1/orgs/:orgId/imports/apply': 'data:write',
  'GET /api/v1/orgs/:orgId/rules': 'data:read',
  'POST /api/v1/orgs/:orgId/rules': 'rules:manage',
  'GET /api/v1/orgs/:orgId/rules/templates': 'data:read',
  'GET /api/v1/orgs/:orgId/rules/objects': 'data:read',
  'GET /api/v1/orgs/:orgId/rules/scope-options': 'data:read',
  'POST /api/v1/orgs/:orgId/rules/describe': 'data:read',
  'POST /api/v1/orgs/:orgId/rules/dry-run': 'data:read',
  'POST /api/v1/orgs/:orgId/rules/backtest': 'data:read',
  'GET /api/v1/orgs/:orgId/rules/:ruleId': 'data:read',
  'PATCH /api/v1/orgs/:orgId/rules/:ruleId': 'rules:manage',
  'DELETE /api/v1/orgs/:orgId/rules/:ruleId': 'rules:manage',
  'POST /api/v1/orgs/:orgId/rules/:ruleId/enable': 'rules:manage',
  'POST /api/v1/orgs/:orgId/rules/:ruleId/disable': 'rules:manage',
  'POST /api/v1/orgs/:orgId/rules/:ruleId/duplicate': 'rules:manage',
  'POST /api/v1/orgs/:orgId/rules/:ruleId/run': 'rules:manage',
  'GET /api/v1/orgs/:orgId/rules/jobs/:jobId': 'data:read',
  'GET /api/v1/orgs/:orgId/rules/:ruleId/runs': 'data:read',
  'GET /api/v1/orgs/:orgId/rules/:ruleId/runs/:runId': 'data:read',
  'POST /api/v1/orgs/:orgId/copy/generations': 'data:write',
  'GET /api/v1/orgs/:orgId/copy/generations': 'data:read',
  'GET /api/v1/orgs/:orgId/copy/generations/:generationId': 'data:read',
  'GET /api/v1/orgs/:orgId/copy/generations/:generationId/prompt': 'data:read',
  'POST /api/v1/orgs/:orgId/copy/generations/:generationId/regenerate': 'data:write',
  'POST /api/v1/orgs/:orgId/copy/generations/:generationId/publish': 'data:write',
  'POST /api/v1/orgs/:orgId/copy/check': 'data:read',
};
/** Routes about the person calling: API keys are refused whatever their scope allows. */
const PEOPLE_ONLY = new Set([
  'GET /api/v1/orgs/:orgId/notifications',
  'POST /api/v1/orgs/:orgId/notifications/read',
  'GET /api/v1/orgs/:orgId/notifications/preferences',
  'PUT /api/v1/orgs/:orgId/notifications/preferences',
]);

interface RouteEntry {
  method: string;
  path: string;
}

/** Flattens `app.printRoutes({ commonPrefix: false })`, a radix tree drawn four characters per level. */
function parseRouteTree(tree: string): RouteEntry[] {
  const stack: string[] = [];
  const routes: RouteEntry[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    const path = stack.join('') + (match[2] ?? '');
    stack.push(match[2] ?? '');
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) {
      if (method !== 'HEAD' && method !== 'OPTIONS') routes.push({ method, path });
    }
  }
  return routes;
}

describe('tenancy: other organisations see nothing', () => {
  let server: TestServer;
  let target: { orgId: string; owner: SignedUpUser; member: SignedUpUser; invitationId: string; invitedEmail: string; key: { id: string; secret: string } };
  let callers: { label: string; client: TestClient }[];
  let orgRoutes: RouteEntry[];
  let intruders: OrgWithTeam;
  let intruderKeys: [{ id: string; secret: string }, { id: string; secret: string }];

  beforeAll(async () => {
    server = await startTestServer();
    const owner = await signUpVerifiedUser(server, { organizationName: 'Target Corp', name: 'Tara Target' });
    const orgId = owner.orgId ?? '';
    const member = await joinAs(server, owner, orgId, 'member');
    const invitedEmail = uniqueEmail('pending');
    const { invitationId } = await inviteByEmail(server, owner, orgId, invitedEmail, 'admin');
    const key = await createKey(owner, orgId, 'read_write', 'Target key');
    target = { orgId, owner, member, invitationId, invitedEmail, key };

    intruders = await orgWithTeam(server, 'Intruder LLC');
    intruderKeys = await Promise.all([createKey(intruders.team.owner, intruders.orgId, 'read'), createKey(intruders.team.owner, intruders.orgId, 'read_write')]);
    callers = [
      ...ROLES.map((role) => ({ label: `${role} of another organisation`, client: intruders.team[role].client })),
      { label: 'read key of another organisation', client: TestClient.withApiKey(server.url, intruderKeys[0].secret) },
      { label: 'read_write key of another organisation', client: TestClient.withApiKey(server.url, intruderKeys[1].secret) },
    ];

    orgRoutes = parseRouteTree(server.app?.printRoutes({ commonPrefix: false }) ?? '').filter((r) => r.path.includes(':orgId'));
  }, 180_000);
  afterAll(async () => server?.close());

  it('finds the organisation routes, and each is in the OpenAPI document', async () => {
    const keys = orgRoutes.map((r) => `${r.method} ${r.path}`);
    // The routes this module ships; others join the walk automatically when they are added.
    expect(keys).toEqual(expect.arrayContaining([
      'GET /api/v1/orgs/:orgId',
      'PATCH /api/v1/orgs/:orgId',
      'GET /api/v1/orgs/:orgId/members',
      'PATCH /api/v1/orgs/:orgId/members/:userId',
      'DELETE /api/v1/orgs/:orgId/members/:userId',
      'GET /api/v1/orgs/:orgId/invitations',
      'POST /api/v1/orgs/:orgId/invitations',
      'DELETE /api/v1/orgs/:orgId/invitations/:invitationId',
      'GET /api/v1/orgs/:orgId/api-keys',
      'POST /api/v1/orgs/:orgId/api-keys',
      'DELETE /api/v1/orgs/:orgId/api-keys/:keyId',
      'GET /api/v1/orgs/:orgId/audit-log',
    ]));
    const doc = await server.client().get<{ paths: Record<string, Record<string, unknown>> }>('/api/v1/openapi.json');
    for (const route of orgRoutes) {
      const documented = doc.body.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(documented, `${route.method} ${route.path} is missing from the OpenAPI document`).toBeDefined();
    }
  });

  it('answers 404 with no data to every member role and API key of another organisation', async () => {
    const params: Record<string, string> = {
      orgId: target.orgId,
      userId: target.member.user.id,
      invitationId: target.invitationId,
      keyId: target.key.id,
    };
    const secrets = ['Target Corp', 'Tara Target', target.orgId, target.owner.email, target.member.email, target.member.user.id, target.invitedEmail, target.invitationId, target.key.id, target.key.secret.slice(0, 12)];
    const before = (await target.owner.client.get(`/api/v1/orgs/${target.orgId}/audit-log?limit=100`)).body.items.length;

    for (const route of orgRoutes) {
      const name = `${route.method} ${route.path}`;
      const body = METHODS_WITH_BODY.has(route.method) ? SAMPLE_BODIES[name] : undefined;
      if (METHODS_WITH_BODY.has(route.method) && body === undefined) {
        throw new Error(`No sample body for ${name}: add a valid one to SAMPLE_BODIES in tests/integration/tenancy.test.ts`);
      }
      const url = route.path.replace(/:(\w+)/g, (_, param: string) => params[param] ?? randomUUID()) + (SAMPLE_QUERIES[name] ?? '');
      for (const caller of callers) {
        const response = await caller.client.request(route.method, url, body);
        const where = `${name} as ${caller.label}: HTTP ${response.status} ${response.text}`;
        expect(response.status, where).toBe(404);
        expect(response.body?.error?.code, where).toBe('not_found');
        for (const secret of secrets) expect(response.text, where).not.toContain(secret);
      }
    }

    // Nothing changed: same name, same members, the invitation and key still live, no new audit rows.
    const owner = target.owner.client;
    expect((await owner.get(`/api/v1/orgs/${target.orgId}`)).body.name).toBe('Target Corp');
    expect((await owner.get(`/api/v1/orgs/${target.orgId}/members`)).body.items).toHaveLength(2);
    expect((await owner.get(`/api/v1/orgs/${target.orgId}/invitations`)).body.items.map((i: { id: string }) => i.id)).toEqual([target.invitationId]);
    expect((await TestClient.withApiKey(server.url, target.key.secret).get(`/api/v1/orgs/${target.orgId}`)).status).toBe(200);
    expect((await owner.get(`/api/v1/orgs/${target.orgId}/audit-log?limit=100`)).body.items).toHaveLength(before);
  }, 120_000);

  it('gives every role and API key scope exactly what the permission matrix allows, on every route', async () => {
    // The walk runs inside the second organisation with its own team. Ids other than the
    // organisation's are made up, so an allowed call finds nothing (404) and changes nothing there.
    const [readKey, readWriteKey] = intruderKeys;
    const walkers: { label: string; client: TestClient; allows: (permission: Permission, route: string) => boolean }[] = [
      { label: 'read key', client: TestClient.withApiKey(server.url, readKey.secret), allows: (p, route) => apiKeyCan('read', p) && !PEOPLE_ONLY.has(route) },
      { label: 'read_write key', client: TestClient.withApiKey(server.url, readWriteKey.secret), allows: (p, route) => apiKeyCan('read_write', p) && !PEOPLE_ONLY.has(route) },
      ...ROLES.map((role) => ({ label: role, client: intruders.team[role].client, allows: (p: Permission) => roleCan(role, p) })),
    ];
    const unlisted = orgRoutes.map((r) => `${r.method} ${r.path}`).filter((name) => !(name in ROUTE_PERMISSIONS));
    expect(unlisted, 'add these routes with the permission they check to ROUTE_PERMISSIONS in tests/integration/tenancy.test.ts').toEqual([]);

    const failures: string[] = [];
    for (const route of orgRoutes) {
      const name = `${route.method} ${route.path}`;
      const permission = ROUTE_PERMISSIONS[name]!;
      const url = route.path.replace(/:(\w+)/g, (_, param: string) => (param === 'orgId' ? intruders.orgId : randomUUID())) + (SAMPLE_QUERIES[name] ?? '');
      const body = METHODS_WITH_BODY.has(route.method) ? SAMPLE_BODIES[name] : undefined;
      const answers = await Promise.all(walkers.map(async (walker) => ({ walker, response: await walker.client.request(route.method, url, body) })));
      for (const { walker, response } of answers) {
        const allowed = walker.allows(permission, name);
        const ok = allowed ? response.status !== 401 && response.status !== 403 && response.status < 500 : response.status === 403 && response.body?.error?.code === 'forbidden';
        if (!ok) failures.push(`${name} (${permission}) as ${walker.label}: expected ${allowed ? 'to be let through' : '403'}, got HTTP ${response.status} ${response.text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('answers 404 for an organisation that does not exist, and 401 to strangers', async () => {
    const [caller] = callers;
    expect((await caller?.client.get(`/api/v1/orgs/${randomUUID()}`))?.status).toBe(404);
    const anonymous = await server.client().get(`/api/v1/orgs/${target.orgId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.text).not.toContain('Target Corp');
  });
});
