import type { Organization } from '@adloop/contracts';
import type { Db, Role } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { createMembersRepository } from './members.repository.ts';
import { createOrgsRepository, type OrgRow } from './orgs.repository.ts';
import { forgetOrgSettings } from '../metrics/report-scope.ts';

function present(row: OrgRow, role: Role | null): Organization {
  return { id: row.id, name: row.name, requireMfa: row.requireMfa, reportingCurrency: row.reportingCurrency, timeZone: row.timeZone, createdAt: row.createdAt.toISOString(), role };
}

const auditedFields = (row: OrgRow) => ({ name: row.name, requireMfa: row.requireMfa, reportingCurrency: row.reportingCurrency, timeZone: row.timeZone });

/** How a new organisation reports: chosen at creation; absent fields take the table's defaults (USD, UTC). */
export interface OrgReporting {
  reportingCurrency?: string | undefined;
  timeZone?: string | undefined;
}

/**
 * Inserts an organisation with `userId` as its first owner, and its audit row, inside the
 * caller's transaction `tx`. The one way an organisation comes to exist (sign-up uses it too).
 */
export async function insertOrganizationWithOwner(tx: Db, source: AuditSource, userId: string, name: string, at: Date, reporting: OrgReporting = {}): Promise<Organization> {
  const org = await createOrgsRepository(tx).insert({
    name,
    createdAt: at,
    ...(reporting.reportingCurrency ? { reportingCurrency: reporting.reportingCurrency } : {}),
    ...(reporting.timeZone ? { timeZone: reporting.timeZone } : {}),
  });
  await createMembersRepository(tx).insert(org.id, userId, 'owner', at);
  await recordAudit(tx, source, { orgId: org.id, action: 'org.created', targetType: 'organization', targetId: org.id, after: auditedFields(org) });
  return present(org, 'owner');
}

/** Creates an organisation with the caller as its first owner. */
export function createOrganization(ctx: AppContext, source: AuditSource, userId: string, body: { name: string } & OrgReporting): Promise<Organization> {
  return ctx.db.transaction((tx) => insertOrganizationWithOwner(tx, source, userId, body.name, ctx.clock.now(), body));
}

export async function getOrganization(ctx: AppContext, access: OrgAccess): Promise<Organization> {
  const org = await createOrgsRepository(ctx.db).findById(access.orgId);
  if (!org) throw notFound('Organisation');
  return present(org, access.role);
}

/**
 * Renames the organisation and/or toggles the MFA requirement. Turning the requirement on is
 * refused to a person without MFA, who would otherwise lock themselves out on the next request.
 */
export async function updateOrganization(
  ctx: AppContext,
  access: OrgAccess,
  source: AuditSource,
  patch: { name?: string | undefined; requireMfa?: boolean | undefined; reportingCurrency?: string | undefined; timeZone?: string | undefined },
): Promise<Organization> {
  if (patch.requireMfa === true && access.actor.kind === 'user' && !access.actor.mfaEnabled) {
    throw new AppError('unprocessable', 'Turn on two-factor authentication for your own account before requiring it for everyone');
  }
  return ctx.db.transaction(async (tx) => {
    const orgs = createOrgsRepository(tx);
    const before = await orgs.findById(access.orgId, { forUpdate: true });
    if (!before) throw notFound('Organisation');
    const changes = {
      ...(patch.name !== undefined && patch.name !== before.name ? { name: patch.name } : {}),
      ...(patch.requireMfa !== undefined && patch.requireMfa !== before.requireMfa ? { requireMfa: patch.requireMfa } : {}),
      ...(patch.reportingCurrency !== undefined && patch.reportingCurrency !== before.reportingCurrency ? { reportingCurrency: patch.reportingCurrency } : {}),
      ...(patch.timeZone !== undefined && patch.timeZone !== before.timeZone ? { timeZone: patch.timeZone } : {}),
    };
    if (Object.keys(changes).length === 0) return present(before, access.role);
    const after = await orgs.update(access.orgId, changes);
    if (!after) throw notFound('Organisation');
    forgetOrgSettings(ctx.db, access.orgId);
    await recordAudit(tx, source, {
      orgId: access.orgId,
      action: 'org.updated',
      targetType: 'organization',
      targetId: access.orgId,
      before: auditedFields(before),
      after: auditedFields(after),
    });
    return present(after, access.role);
  });
}
