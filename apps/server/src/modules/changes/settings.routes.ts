import { AutomationState, ChangeSettings, ChangeSettingsBody, OrgParams, StopAutomationResponse } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { auditSource } from '../audit/audit.writer.ts';
import { orgRouteErrors } from '../orgs/route-schemas.ts';
import { actorOf } from './actor.ts';
import { getChangeSettings, resumeAutomation, stopAutomation, updateChangeSettings } from './settings.service.ts';

/** The organisation's approval policy, guardrail limits, proposal expiry and kill switch. */
export function registerChangeSettingsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/change-settings',
    { schema: { tags: ['approvals'], summary: 'Approval policy, guardrail limits, proposal expiry and the kill switch state', params: OrgParams, response: { 200: ChangeSettings, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return getChangeSettings(ctx, access.orgId);
    },
  );

  for (const method of ['put', 'patch'] as const) {
    app[method](
      '/api/v1/orgs/:orgId/change-settings',
      {
        schema: {
          tags: ['approvals'],
          summary: 'Change the approval policy, guardrail limits or proposal expiry (each part optional; AI changes always wait for approval)',
          params: OrgParams,
          body: ChangeSettingsBody,
          response: { 200: ChangeSettings, ...orgRouteErrors },
        },
      },
      async (request) => {
        const access = await requireOrgAccess(ctx, request, request.params.orgId, 'changes:settings');
        return updateChangeSettings(ctx, access.orgId, auditSource(request, access.actor), request.body);
      },
    );
  }

  app.post(
    '/api/v1/orgs/:orgId/automation/stop',
    {
      schema: {
        tags: ['approvals'],
        summary: 'Kill switch: stop every automated (rule, AI) change at once, queued and proposed ones included; people’s changes go on',
        params: OrgParams,
        response: { 200: StopAutomationResponse, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'automation:stop');
      return stopAutomation(ctx, access.orgId, actorOf(access.actor), auditSource(request, access.actor));
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/automation/resume',
    { schema: { tags: ['approvals'], summary: 'Let automated changes run again (stopped ones stay stopped)', params: OrgParams, response: { 200: AutomationState, ...orgRouteErrors } } },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'changes:settings');
      return resumeAutomation(ctx, access.orgId, auditSource(request, access.actor));
    },
  );
}
