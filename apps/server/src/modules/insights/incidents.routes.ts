import { AnomalyIncident, AnomalyIncidentPage, AnomalyIncidentParams, AnomalyIncidentsQuery, ErrorResponse, OrgParams, SnoozeAnomalyBody } from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { requireOrgAccess } from '../auth/auth.guard.ts';
import { conflictErrors, orgRouteErrors } from '../orgs/route-schemas.ts';
import { acknowledge, getIncident, listIncidents, snooze } from './incidents.service.ts';

/** Anomaly incidents stored by the hourly check: list (open or resolved, paged), one, snooze, acknowledge. */
export function registerIncidentRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/v1/orgs/:orgId/insights/incidents',
    {
      schema: {
        tags: ['insights'],
        summary: 'Anomaly incidents (open or resolved) of the ad accounts you can see, newest first: metric, expected against observed with its interval, since when, likely cause and the chart',
        params: OrgParams,
        querystring: AnomalyIncidentsQuery,
        response: { 200: AnomalyIncidentPage, ...orgRouteErrors },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return listIncidents(ctx, access, request.query);
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/insights/incidents/:incidentId',
    {
      schema: { tags: ['insights'], summary: 'One anomaly incident', params: AnomalyIncidentParams, response: { 200: AnomalyIncident, ...orgRouteErrors } },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:read');
      return getIncident(ctx, access, request.params.incidentId);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/insights/incidents/:incidentId/snooze',
    {
      schema: {
        tags: ['insights'],
        summary: 'Silence an open incident until a time (at most 30 days): no alerts for it, nor for the same metric and cause should it reopen before then',
        params: AnomalyIncidentParams,
        body: SnoozeAnomalyBody,
        response: { 200: AnomalyIncident, ...conflictErrors, 422: ErrorResponse },
      },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return snooze(ctx, access, request.params.incidentId, request.body);
    },
  );

  app.post(
    '/api/v1/orgs/:orgId/insights/incidents/:incidentId/acknowledge',
    {
      schema: { tags: ['insights'], summary: 'Mark an incident as seen by you (the first acknowledgement stands)', params: AnomalyIncidentParams, response: { 200: AnomalyIncident, ...orgRouteErrors } },
    },
    async (request) => {
      const access = await requireOrgAccess(ctx, request, request.params.orgId, 'data:write');
      return acknowledge(ctx, access, request.params.incidentId);
    },
  );
}
