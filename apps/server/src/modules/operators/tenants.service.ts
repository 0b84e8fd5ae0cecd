import type { DeletionRequest, TenantDetail } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit, systemSource } from '../audit/audit.writer.ts';
import { writeAutomationStop } from '../changes/settings.repository.ts';
import { scheduleOrganisationErasure } from '../privacy/erasure.service.ts';
import { auditOperator, type OperatorActor } from './operators.auth.ts';
import * as repo from './tenants.repository.ts';

const monthOf = (at: Date) => at.toISOString().slice(0, 7);
const iso = (at: Date | null | undefined) => at?.toISOString() ?? null;

export async function searchTenants(ctx: AppContext, operator: OperatorActor, q: string) {
  const rows = await repo.searchTenants(ctx.db, q);
  const items = await Promise.all(
    rows.map(async (row) => {
      const [owner] = await repo.listMembers(ctx.db, row.id);
      return { id: row.id, name: row.name, ownerEmail: owner?.role === 'owner' ? owner.email : null, createdAt: row.createdAt.toISOString(), suspended: row.suspendedAt !== null };
    }),
  );
  await auditOperator(ctx, operator, 'tenant.searched', { details: { q, found: items.length } });
  return { items };
}

export function toDeletionDto(row: repo.DeletionRequestRow): DeletionRequest {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    reason: row.reason,
    state: row.state,
    requestedByEmail: row.requestedByEmail,
    decidedByEmail: row.decidedByEmail,
    createdAt: row.createdAt.toISOString(),
    decidedAt: iso(row.decidedAt),
    outcome: row.state === 'approved' ? 'Organisation erasure scheduled: restorable for 30 days, then purged' : null,
  };
}

async function requireOrganization(ctx: AppContext, orgId: string) {
  const org = await repo.findOrganization(ctx.db, orgId);
  if (!org) throw notFound('Organisation');
  return org;
}

/** Who the tenant is and what they use. Viewing it is audited (operators see only what they need). */
export async function tenantDetail(ctx: AppContext, operator: OperatorActor, orgId: string): Promise<TenantDetail> {
  const org = await requireOrganization(ctx, orgId);
  const now = ctx.clock.now();
  const [members, billing, usage, ai, api, storageBytes, suspension, deletion] = await Promise.all([
    repo.listMembers(ctx.db, orgId),
    repo.billingOf(ctx.db, orgId),
    repo.usageCounts(ctx.db, orgId),
    repo.aiUsageOf(ctx.db, orgId, monthOf(now)),
    repo.apiUsageOf(ctx.db, orgId),
    repo.storageBytesOf(ctx.db, orgId),
    repo.findSuspension(ctx.db, orgId),
    repo.latestDeletionRequest(ctx.db, orgId),
  ]);
  await auditOperator(ctx, operator, 'tenant.viewed', { orgId });
  return {
    id: org.id,
    name: org.name,
    createdAt: org.createdAt.toISOString(),
    members: members.map((m) => ({ email: m.email, role: m.role })),
    plan: { id: billing?.planId ?? null, name: billing?.planName ?? null },
    subscription: { status: billing?.status ?? null, currentPeriodEnd: iso(billing?.currentPeriodEnd), cancelAtPeriodEnd: billing?.cancelAtPeriodEnd ?? false },
    usage,
    ai: { month: monthOf(now), ...ai },
    api: { keys: api.keys, lastUsedAt: iso(api.lastUsedAt) },
    storageBytes,
    suspension: suspension ? { reason: suspension.reason, suspendedAt: suspension.suspendedAt.toISOString(), suspendedBy: suspension.suspendedBy } : null,
    deletion: deletion ? toDeletionDto(deletion) : null,
  };
}

/** Plan and subscription only: what Finance sees of a tenant. */
export async function tenantBilling(ctx: AppContext, operator: OperatorActor, orgId: string) {
  const org = await requireOrganization(ctx, orgId);
  const billing = await repo.billingOf(ctx.db, orgId);
  await auditOperator(ctx, operator, 'tenant.billing_viewed', { orgId });
  return {
    id: org.id,
    name: org.name,
    plan: { id: billing?.planId ?? null, name: billing?.planName ?? null },
    subscription: { status: billing?.status ?? null, currentPeriodEnd: iso(billing?.currentPeriodEnd), cancelAtPeriodEnd: billing?.cancelAtPeriodEnd ?? false },
  };
}

/**
 * Suspends the tenant: writes are refused with `organization_suspended` (the reason shown to its
 * members) and automation stops through the organisation's kill switch, which is put back as it
 * was when the suspension is lifted.
 */
export async function suspendTenant(ctx: AppContext, operator: OperatorActor, orgId: string, reason: string): Promise<void> {
  const org = await requireOrganization(ctx, orgId);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertSuspension(tx, { orgId, reason, suspendedBy: operator.email, automationWasStopped: org.automationStoppedAt, suspendedAt: now });
    if (!inserted) throw new AppError('conflict', 'The organisation is already suspended');
    if (!org.automationStoppedAt) await writeAutomationStop(tx, orgId, now, 'Adloop (organisation suspended)');
    await recordAudit(tx, systemSource('Adloop support'), { orgId, action: 'organization.suspended', targetType: 'organization', targetId: orgId, after: { reason } });
  });
  await auditOperator(ctx, operator, 'tenant.suspended', { orgId, reason });
}

export async function unsuspendTenant(ctx: AppContext, operator: OperatorActor, orgId: string, reason: string): Promise<void> {
  await requireOrganization(ctx, orgId);
  await ctx.db.transaction(async (tx) => {
    const removed = await repo.deleteSuspension(tx, orgId);
    if (!removed) throw new AppError('conflict', 'The organisation is not suspended');
    if (!removed.automationWasStopped) await writeAutomationStop(tx, orgId, null, null);
    await recordAudit(tx, systemSource('Adloop support'), { orgId, action: 'organization.unsuspended', targetType: 'organization', targetId: orgId, after: { reason } });
  });
  await auditOperator(ctx, operator, 'tenant.unsuspended', { orgId, reason });
}

/** First step of deleting a tenant: a request that a second, different operator must approve. */
export async function requestTenantDeletion(ctx: AppContext, operator: OperatorActor, orgId: string, reason: string): Promise<DeletionRequest> {
  const org = await requireOrganization(ctx, orgId);
  const open = await repo.latestDeletionRequest(ctx.db, orgId);
  if (open) throw new AppError('conflict', open.state === 'pending' ? 'A deletion request for this organisation is waiting for approval' : 'This organisation’s deletion is already approved');
  const row = await repo.insertDeletionRequest(ctx.db, { orgId, orgName: org.name, reason, requestedBy: operator.operatorId, requestedByEmail: operator.email, createdAt: ctx.clock.now() });
  await auditOperator(ctx, operator, 'tenant.deletion_requested', { orgId, reason, details: { requestId: row.id } });
  return toDeletionDto(row);
}

/**
 * Second step: a different operator approves, and the organisation's erasure is scheduled
 * (restorable during the grace period, then purged). The requester cannot approve their own request.
 */
export async function approveTenantDeletion(ctx: AppContext, operator: OperatorActor, requestId: string): Promise<DeletionRequest> {
  const request = await repo.findDeletionRequest(ctx.db, requestId);
  if (!request) throw notFound('Deletion request');
  if (request.requestedBy === operator.operatorId) throw new AppError('forbidden', 'A second operator must approve: you asked for this deletion');
  if (request.state !== 'pending') throw new AppError('conflict', `The request is already ${request.state}`);
  const decided = await repo.decideDeletionRequest(ctx.db, requestId, { state: 'approved', decidedBy: operator.operatorId, decidedByEmail: operator.email, at: ctx.clock.now() });
  if (!decided) throw new AppError('conflict', 'The request was decided meanwhile');
  const erasure = await scheduleOrganisationErasure(ctx, request.orgId, { kind: 'operator', id: operator.operatorId }, request.reason);
  await auditOperator(ctx, operator, 'tenant.deletion_approved', { orgId: request.orgId, reason: request.reason, details: { requestId, requestedBy: request.requestedByEmail, purgeAfter: erasure.purgeAfter.toISOString() } });
  return toDeletionDto(decided);
}

export async function cancelTenantDeletion(ctx: AppContext, operator: OperatorActor, requestId: string): Promise<DeletionRequest> {
  const request = await repo.findDeletionRequest(ctx.db, requestId);
  if (!request) throw notFound('Deletion request');
  const decided = await repo.decideDeletionRequest(ctx.db, requestId, { state: 'cancelled', decidedBy: operator.operatorId, decidedByEmail: operator.email, at: ctx.clock.now() });
  if (!decided) throw new AppError('conflict', `The request is already ${request.state}`);
  await auditOperator(ctx, operator, 'tenant.deletion_cancelled', { orgId: request.orgId, details: { requestId } });
  return toDeletionDto(decided);
}

export async function listDeletionRequests(ctx: AppContext) {
  return { items: (await repo.listDeletionRequests(ctx.db)).map(toDeletionDto) };
}
