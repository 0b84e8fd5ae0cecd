import { z } from 'zod';
import {
  DeadLetterList,
  DeadLetterParams,
  DeadLetterQuery,
  DeletionParams,
  DeletionRequest,
  DeletionRequestList,
  ErrorResponse,
  Impersonation,
  ImpersonationBody,
  ChangePasswordBody,
  Operator,
  OperatorAccountList,
  OperatorAuditList,
  OperatorParams,
  OpsSignInBody,
  QueueStatsList,
  ReasonBody,
  TenantDetail,
  TenantList,
  TenantSearchQuery,
} from '@adloop/contracts';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { noContent } from '../orgs/route-schemas.ts';
import { changeOperatorPassword, disableOperatorAccount, listOperatorAccounts } from './operator-accounts.service.ts';
import { discardDeadLetter, listDeadLetters, queueStats, retryDeadLetter } from './dead-letters.service.ts';
import { startImpersonation } from './impersonation.service.ts';
import { OPERATOR_AREAS, operatorAreas } from './operator-roles.ts';
import { auditOperator, type OperatorActor, requireOperator, requireOperatorArea, signInOperator, signOutOperator } from './operators.auth.ts';
import { listOperatorAudit } from './operators.repository.ts';
import * as tenants from './tenants.service.ts';

const tags = ['operators'];
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } as const;
const withConflict = { ...errors, 409: ErrorResponse } as const;
/** `passwordChangeRequired`: the operator signed in with their one-time password and must choose their own before anything else. */
const OperatorSession = z.object({ operator: Operator, areas: z.array(z.enum(OPERATOR_AREAS)), passwordChangeRequired: z.boolean() });
const TenantBilling = TenantDetail.pick({ id: true, name: true, plan: true, subscription: true });
/** Operators' routes name the organisation `tenantId`: they are not organisation-member routes. */
const TenantParams = z.strictObject({ tenantId: z.uuid() });
const AuditQuery = z.strictObject({ orgId: z.uuid().optional() });

const sessionOf = (operator: OperatorActor) => ({
  operator: { id: operator.operatorId, email: operator.email, role: operator.role },
  areas: [...operatorAreas(operator.role)],
  passwordChangeRequired: operator.passwordChangeRequired,
});

/** The operators' console API under `/api/ops`: its own session cookie, a role check on every route. */
export function registerOperatorRoutes(app: App, ctx: AppContext): void {
  app.post('/api/ops/session', {
    schema: { tags, summary: 'Operator sign-in: email, password and a TOTP code, always', security: [], body: OpsSignInBody, response: { 200: OperatorSession, 400: ErrorResponse, 401: ErrorResponse } },
  }, async (request, reply) => {
    return sessionOf(await signInOperator(ctx, request, reply, request.body));
  });

  app.get('/api/ops/session', {
    schema: { tags, summary: 'The signed-in operator and the areas their role reaches', security: [], response: { 200: OperatorSession, 401: ErrorResponse } },
  }, async (request) => {
    return sessionOf(await requireOperator(ctx, request, { pendingPassword: true }));
  });

  app.post('/api/ops/session/password', {
    schema: { tags, summary: 'Changes the signed-in operator’s password (required at the first sign-in with the one-time password); their other sessions end', security: [], body: ChangePasswordBody, response: { ...noContent, ...errors } },
  }, async (request, reply) => {
    await changeOperatorPassword(ctx, await requireOperator(ctx, request, { pendingPassword: true }), request.body);
    return reply.status(204).send(null);
  });

  app.post('/api/ops/session/sign-out', {
    schema: { tags, summary: 'Ends the operator session', security: [], response: { ...noContent, 401: ErrorResponse, 403: ErrorResponse } },
  }, async (request, reply) => {
    await signOutOperator(ctx, await requireOperator(ctx, request, { pendingPassword: true }), reply);
    return reply.status(204).send(null);
  });

  app.get('/api/ops/tenants', {
    schema: { tags, summary: 'Tenants by organisation id, part of the name or part of a member’s email (Support, Platform Admin)', security: [], querystring: TenantSearchQuery, response: { 200: TenantList, ...errors } },
  }, async (request) => tenants.searchTenants(ctx, await requireOperatorArea(ctx, request, 'tenants:read'), request.query.q));

  app.get('/api/ops/tenants/:tenantId', {
    schema: { tags, summary: 'A tenant: members, plan and subscription, usage, AI usage and cost this month, API keys, rough storage, suspension and deletion', security: [], params: TenantParams, response: { 200: TenantDetail, ...errors } },
  }, async (request) => tenants.tenantDetail(ctx, await requireOperatorArea(ctx, request, 'tenants:read'), request.params.tenantId));

  app.post('/api/ops/tenants/:tenantId/suspend', {
    schema: { tags, summary: 'Suspends a tenant with a reason its members see; writes are refused and automation stops (Platform Admin)', security: [], params: TenantParams, body: ReasonBody, response: { ...noContent, ...withConflict } },
  }, async (request, reply) => {
    await tenants.suspendTenant(ctx, await requireOperatorArea(ctx, request, 'tenants:manage'), request.params.tenantId, request.body.reason);
    return reply.status(204).send(null);
  });

  app.post('/api/ops/tenants/:tenantId/unsuspend', {
    schema: { tags, summary: 'Lifts a suspension (Platform Admin)', security: [], params: TenantParams, body: ReasonBody, response: { ...noContent, ...withConflict } },
  }, async (request, reply) => {
    await tenants.unsuspendTenant(ctx, await requireOperatorArea(ctx, request, 'tenants:manage'), request.params.tenantId, request.body.reason);
    return reply.status(204).send(null);
  });

  app.post('/api/ops/tenants/:tenantId/deletion-requests', {
    schema: { tags, summary: 'Asks to delete a tenant; a second, different operator must approve (Platform Admin)', security: [], params: TenantParams, body: ReasonBody, response: { 201: DeletionRequest, ...withConflict } },
  }, async (request, reply) => {
    const created = await tenants.requestTenantDeletion(ctx, await requireOperatorArea(ctx, request, 'tenants:manage'), request.params.tenantId, request.body.reason);
    return reply.status(201).send(created);
  });

  app.get('/api/ops/deletion-requests', {
    schema: { tags, summary: 'Tenant deletion requests, newest first (Platform Admin)', security: [], response: { 200: DeletionRequestList, ...errors } },
  }, async (request) => {
    await requireOperatorArea(ctx, request, 'tenants:manage');
    return tenants.listDeletionRequests(ctx);
  });

  app.post('/api/ops/deletion-requests/:requestId/approve', {
    schema: { tags, summary: 'Approves another operator’s deletion request: the organisation’s erasure is scheduled (Platform Admin)', security: [], params: DeletionParams, response: { 200: DeletionRequest, ...withConflict } },
  }, async (request) => tenants.approveTenantDeletion(ctx, await requireOperatorArea(ctx, request, 'tenants:manage'), request.params.requestId));

  app.post('/api/ops/deletion-requests/:requestId/cancel', {
    schema: { tags, summary: 'Cancels a pending deletion request (Platform Admin)', security: [], params: DeletionParams, response: { 200: DeletionRequest, ...withConflict } },
  }, async (request) => tenants.cancelTenantDeletion(ctx, await requireOperatorArea(ctx, request, 'tenants:manage'), request.params.requestId));

  app.post('/api/ops/tenants/:tenantId/impersonate', {
    schema: { tags, summary: 'Opens the tenant’s app as its owner with a reason, read-only by default, for at most an hour (Support, Platform Admin)', security: [], params: TenantParams, body: ImpersonationBody, response: { 201: Impersonation, ...withConflict } },
  }, async (request, reply) => {
    const started = await startImpersonation(ctx, await requireOperatorArea(ctx, request, 'impersonate'), reply, request.params.tenantId, request.body);
    return reply.status(201).send(started);
  });

  app.get('/api/ops/billing/tenants', {
    schema: { tags, summary: 'Tenants by id, name or member email, for billing questions (Finance, Platform Admin)', security: [], querystring: TenantSearchQuery, response: { 200: TenantList, ...errors } },
  }, async (request) => tenants.searchTenants(ctx, await requireOperatorArea(ctx, request, 'billing'), request.query.q));

  app.get('/api/ops/billing/tenants/:tenantId', {
    schema: { tags, summary: 'A tenant’s plan and subscription (Finance, Platform Admin)', security: [], params: TenantParams, response: { 200: TenantBilling, ...errors } },
  }, async (request) => tenants.tenantBilling(ctx, await requireOperatorArea(ctx, request, 'billing'), request.params.tenantId));

  app.get('/api/ops/system/queues', {
    schema: { tags, summary: 'Each job queue’s depth, running and failed jobs, and the last hour’s failure rate (On-Call, Platform Admin)', security: [], response: { 200: QueueStatsList, ...errors } },
  }, async (request) => {
    await requireOperatorArea(ctx, request, 'system');
    return queueStats(ctx);
  });

  app.get('/api/ops/system/dead-letters', {
    schema: { tags, summary: 'Jobs that used up their retries, by queue, with a payload summary and the error (On-Call, Platform Admin)', security: [], querystring: DeadLetterQuery, response: { 200: DeadLetterList, ...errors } },
  }, async (request) => {
    await requireOperatorArea(ctx, request, 'system');
    return listDeadLetters(ctx, request.query.queue ?? null);
  });

  app.post('/api/ops/system/dead-letters/:queue/:jobId/retry', {
    schema: { tags, summary: 'Runs a failed job again (one more attempt)', security: [], params: DeadLetterParams, response: { ...noContent, ...errors } },
  }, async (request, reply) => {
    await retryDeadLetter(ctx, await requireOperatorArea(ctx, request, 'system'), request.params.queue, request.params.jobId);
    return reply.status(204).send(null);
  });

  app.post('/api/ops/system/dead-letters/:queue/:jobId/discard', {
    schema: { tags, summary: 'Deletes a failed job for good', security: [], params: DeadLetterParams, response: { ...noContent, ...errors } },
  }, async (request, reply) => {
    await discardDeadLetter(ctx, await requireOperatorArea(ctx, request, 'system'), request.params.queue, request.params.jobId);
    return reply.status(204).send(null);
  });

  app.get('/api/ops/operators', {
    schema: { tags, summary: 'Operator accounts, enabled and disabled (Platform Admin)', security: [], response: { 200: OperatorAccountList, ...errors } },
  }, async (request) => {
    await requireOperatorArea(ctx, request, 'operators');
    return listOperatorAccounts(ctx);
  });

  app.post('/api/ops/operators/:operatorId/disable', {
    schema: { tags, summary: 'Disables another operator with a reason: they cannot sign in and their sessions end at once (Platform Admin)', security: [], params: OperatorParams, body: ReasonBody, response: { ...noContent, ...withConflict } },
  }, async (request, reply) => {
    await disableOperatorAccount(ctx, await requireOperatorArea(ctx, request, 'operators'), request.params.operatorId, request.body.reason);
    return reply.status(204).send(null);
  });

  app.get('/api/ops/audit', {
    schema: { tags, summary: 'The operator audit log, newest first, optionally of one tenant (Platform Admin)', security: [], querystring: AuditQuery, response: { 200: OperatorAuditList, ...errors } },
  }, async (request) => {
    const operator = await requireOperatorArea(ctx, request, 'audit');
    const rows = await listOperatorAudit(ctx.db, request.query.orgId ?? null);
    await auditOperator(ctx, operator, 'audit.viewed', { orgId: request.query.orgId ?? null });
    return { items: rows.map((r) => ({ id: r.id, operatorEmail: r.operatorEmail, action: r.action, orgId: r.orgId, reason: r.reason, details: r.details, createdAt: r.createdAt.toISOString() })) };
  });
}
