import { and, eq, sql } from 'drizzle-orm';
import { memberships, organizations, users, type Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit, recordedSource, systemSource, type AuditSource } from '../audit/audit.writer.ts';
import { createErasureRepository, type ErasureRow } from './erasure.repository.ts';

/** Days a deleted account or organisation can still be restored before it is purged. */
export const ERASURE_GRACE_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Who asked for a deletion: a member of the organisation (its owner) or an operator of Adloop. */
export interface ErasureRequester {
  kind: 'user' | 'operator';
  id: string;
}

/** A scheduled deletion as callers see it. */
export interface ScheduledErasure {
  id: string;
  subjectType: 'user' | 'organization';
  subjectId: string;
  requestedAt: Date;
  /** From this time the purge job deletes the data for good; until then it can be restored. */
  purgeAfter: Date;
}

function present(row: ErasureRow, subjectId: string): ScheduledErasure {
  return { id: row.id, subjectType: row.subjectType, subjectId, requestedAt: row.requestedAt, purgeAfter: row.purgeAfter };
}

async function requesterSource(db: Db, by: ErasureRequester): Promise<AuditSource> {
  if (by.kind === 'operator') return systemSource(`Operator ${by.id}`);
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, by.id)).limit(1);
  return recordedSource({ type: 'user', id: by.id, label: user?.email ?? '' });
}

/**
 * Schedules the deletion of an organisation: it stays restorable for `ERASURE_GRACE_DAYS`, then
 * the daily purge deletes everything it owns and strips its audit rows of personal data.
 * Idempotent: asking again while one is scheduled returns the scheduled one. The caller checks
 * the requester's right to ask (the owner, or an operator with a second approval).
 */
export async function scheduleOrganisationErasure(
  ctx: AppContext,
  orgId: string,
  by: { kind: 'user' | 'operator'; id: string },
  reason: string,
): Promise<ScheduledErasure> {
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, orgId)).for('update').limit(1);
    if (!org) throw notFound('Organisation');
    const repo = createErasureRepository(tx);
    const open = await repo.findOpen('organization', orgId);
    if (open) return present(open, orgId);
    const now = ctx.clock.now();
    const row = await repo.insert({
      subjectType: 'organization',
      subjectId: orgId,
      subjectLabel: org.name,
      requestedByType: by.kind,
      requestedBy: by.id,
      reason: reason.slice(0, 1000),
      requestedAt: now,
      purgeAfter: new Date(now.getTime() + ERASURE_GRACE_DAYS * DAY_MS),
    });
    await recordAudit(tx, await requesterSource(tx, by), {
      orgId,
      action: 'organization.deletion_scheduled',
      targetType: 'organization',
      targetId: orgId,
      after: { purgeAfter: row.purgeAfter.toISOString(), requestedBy: by.kind },
    });
    return present(row, orgId);
  });
}

/** The organisation's scheduled deletion, or null when none is waiting. */
export async function findOrganisationErasure(ctx: AppContext, orgId: string): Promise<ScheduledErasure | null> {
  const row = await createErasureRepository(ctx.db).findOpen('organization', orgId);
  return row ? present(row, orgId) : null;
}

/** Cancels an organisation's scheduled deletion within the grace period (404 when none is waiting). */
export async function restoreOrganisation(ctx: AppContext, orgId: string, by: ErasureRequester): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const repo = createErasureRepository(tx);
    const open = await repo.findOpen('organization', orgId, { forUpdate: true });
    if (!open) throw new AppError('not_found', 'This organisation is not scheduled for deletion');
    await repo.markRestored(open.id, ctx.clock.now());
    await recordAudit(tx, await requesterSource(tx, by), { orgId, action: 'organization.deletion_cancelled', targetType: 'organization', targetId: orgId });
  });
}

/**
 * Organisations this person is the only owner of (not counting ones already being deleted):
 * they must hand them over or delete them before deleting their own account.
 */
export async function organisationsOnlyOwnedBy(db: Db, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.role, 'owner'),
        sql`not exists (select 1 from ${memberships} m2 where m2.org_id = ${memberships.orgId} and m2.role = 'owner' and m2.user_id <> ${userId})`,
        sql`not exists (select 1 from erasure_requests e where e.subject_type = 'organization' and e.subject_id = ${organizations.id} and e.state = 'scheduled')`,
      ),
    );
}

/**
 * Schedules the deletion of a person's account (restorable for `ERASURE_GRACE_DAYS` while signed
 * in). Refused with 409 naming the organisations when they are the last owner of one.
 */
export async function scheduleUserErasure(ctx: AppContext, userId: string, reason: string): Promise<ScheduledErasure> {
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId)).for('update').limit(1);
    if (!user) throw notFound('User');
    const owned = await organisationsOnlyOwnedBy(tx, userId);
    if (owned.length > 0) {
      const names = owned.map((org) => org.name).join(', ');
      throw new AppError('conflict', `You are the only owner of ${names}: make someone else an owner or delete the organisation first`, { organizations: owned });
    }
    const repo = createErasureRepository(tx);
    const open = await repo.findOpen('user', userId);
    if (open) return present(open, userId);
    const now = ctx.clock.now();
    const row = await repo.insert({
      subjectType: 'user',
      subjectId: userId,
      subjectLabel: user.email,
      requestedByType: 'user',
      requestedBy: userId,
      reason: reason.slice(0, 1000),
      requestedAt: now,
      purgeAfter: new Date(now.getTime() + ERASURE_GRACE_DAYS * DAY_MS),
    });
    await recordAudit(tx, recordedSource({ type: 'user', id: userId, label: user.email }), {
      orgId: null,
      action: 'user.deletion_scheduled',
      targetType: 'user',
      targetId: userId,
      after: { purgeAfter: row.purgeAfter.toISOString() },
    });
    return present(row, userId);
  });
}

/** The person's scheduled account deletion, or null. */
export async function findUserErasure(ctx: AppContext, userId: string): Promise<ScheduledErasure | null> {
  const row = await createErasureRepository(ctx.db).findOpen('user', userId);
  return row ? present(row, userId) : null;
}

/** Cancels a person's scheduled account deletion (404 when none is waiting). */
export async function restoreUser(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const repo = createErasureRepository(tx);
    const open = await repo.findOpen('user', userId, { forUpdate: true });
    if (!open) throw new AppError('not_found', 'Your account is not scheduled for deletion');
    await repo.markRestored(open.id, ctx.clock.now());
    await recordAudit(tx, recordedSource({ type: 'user', id: userId, label: open.subjectLabel ?? '' }), { orgId: null, action: 'user.deletion_cancelled', targetType: 'user', targetId: userId });
  });
}
