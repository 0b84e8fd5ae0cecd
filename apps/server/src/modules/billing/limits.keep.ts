import { and, asc, desc, eq } from 'drizzle-orm';
import { adAccounts, memberships, planKeeps, rules, users, KEEP_METRICS, type Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import { recordAudit, type AuditSource } from '../audit/audit.writer.ts';
import { planInForce, UPGRADE_URL } from './limits.ts';

export type KeepMetric = (typeof KEEP_METRICS)[number];

/** One object counted against a limit, newest first. */
export interface CountedObject {
  id: string;
  label: string;
  createdAt: Date;
  /** Always kept writable (an organisation's owners). */
  pinned: boolean;
}

export interface OverLimit {
  metric: KeepMetric;
  limit: number | null;
  objects: CountedObject[];
  /** The writable ones: what the organisation chose, else the most recently created (owners first for users). */
  kept: Set<string>;
  /** Past the limit: read-only until chosen or the plan allows them. */
  readOnly: Set<string>;
  /** Whether the kept set comes from the organisation's own choice. */
  chosen: boolean;
}

/** Objects counted for a metric, newest first (the default keep order). */
async function countedObjects(db: Db, orgId: string, metric: KeepMetric): Promise<CountedObject[]> {
  if (metric === 'adAccounts') {
    const rows = await db.select({ id: adAccounts.id, name: adAccounts.name, platform: adAccounts.platform, createdAt: adAccounts.createdAt }).from(adAccounts)
      .where(and(eq(adAccounts.orgId, orgId), eq(adAccounts.selected, true))).orderBy(desc(adAccounts.createdAt), asc(adAccounts.id));
    return rows.map((r) => ({ id: r.id, label: `${r.name} (${r.platform})`, createdAt: r.createdAt, pinned: false }));
  }
  if (metric === 'rules') {
    const rows = await db.select({ id: rules.id, name: rules.name, createdAt: rules.createdAt }).from(rules).where(eq(rules.orgId, orgId)).orderBy(desc(rules.createdAt), asc(rules.id));
    return rows.map((r) => ({ id: r.id, label: r.name, createdAt: r.createdAt, pinned: false }));
  }
  const rows = await db.select({ id: memberships.userId, email: users.email, role: memberships.role, createdAt: memberships.createdAt }).from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.orgId, orgId)).orderBy(desc(memberships.createdAt), asc(memberships.userId));
  return rows.map((r) => ({ id: r.id, label: `${r.email} (${r.role})`, createdAt: r.createdAt, pinned: r.role === 'owner' }));
}

/**
 * What is over the plan's limit for a metric. Kept: pinned objects (owners), then the ones the
 * organisation chose, then the most recently created, up to the limit; the rest is read-only.
 * Nothing is deleted: raising the plan or choosing again makes them writable at once.
 */
export async function overLimitOf(ctx: Pick<AppContext, 'config'>, db: Db, orgId: string, metric: KeepMetric): Promise<OverLimit> {
  const plan = await planInForce(db, orgId);
  const limit = plan.limits[metric];
  const objects = await countedObjects(db, orgId, metric);
  if (!ctx.config.planLimitsEnforced || limit === null || objects.length <= limit) {
    return { metric, limit, objects, kept: new Set(objects.map((o) => o.id)), readOnly: new Set(), chosen: false };
  }
  const choice = new Set((await db.select({ id: planKeeps.objectId }).from(planKeeps).where(and(eq(planKeeps.orgId, orgId), eq(planKeeps.metric, metric)))).map((r) => r.id));
  const rank = (o: CountedObject) => (o.pinned ? 0 : choice.has(o.id) ? 1 : 2);
  const ordered = objects.map((o, i) => ({ o, i })).sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i).map((x) => x.o);
  const kept = new Set(ordered.slice(0, limit).map((o) => o.id));
  return { metric, limit, objects, kept, readOnly: new Set(objects.filter((o) => !kept.has(o.id)).map((o) => o.id)), chosen: objects.some((o) => choice.has(o.id)) };
}

export async function readOnlyIds(ctx: Pick<AppContext, 'config'>, db: Db, orgId: string, metric: KeepMetric): Promise<Set<string>> {
  if (!ctx.config.planLimitsEnforced) return new Set();
  return (await overLimitOf(ctx, db, orgId, metric)).readOnly;
}

const WHAT: Record<KeepMetric, string> = { adAccounts: 'ad account', rules: 'rule', users: 'member' };

/** 403 `plan_read_only`: the object is past the plan's limit since a downgrade. */
export function planReadOnlyError(metric: KeepMetric, id: string, limit: number | null): AppError {
  const included = limit === null ? "it is beyond your plan's limit" : `your plan includes ${limit} and it is beyond them`;
  return new AppError('plan_read_only', `This ${WHAT[metric]} is read-only: ${included}. Choose what to keep in Settings › Billing, or upgrade.`, {
    metric, id, limit, upgradeUrl: UPGRADE_URL,
  });
}

/** Refuses an edit of an object that is read-only over the plan's limit. */
export async function assertWritable(ctx: Pick<AppContext, 'config'>, db: Db, orgId: string, metric: KeepMetric, id: string): Promise<void> {
  if (!ctx.config.planLimitsEnforced) return;
  const over = await overLimitOf(ctx, db, orgId, metric);
  if (over.readOnly.has(id)) throw planReadOnlyError(metric, id, over.limit);
}

/**
 * Records which objects stay writable for a metric (replacing an earlier choice). At most the
 * plan's limit, each one of the organisation's counted objects; owners are always kept.
 */
export async function chooseKept(ctx: AppContext, orgId: string, source: AuditSource, metric: KeepMetric, keep: readonly string[]): Promise<OverLimit> {
  const before = await overLimitOf(ctx, ctx.db, orgId, metric);
  const known = new Map(before.objects.map((o) => [o.id, o]));
  for (const [index, id] of keep.entries()) if (!known.has(id)) throw fieldError(`keep.${index}`, `is not one of this organisation's ${WHAT[metric]}s`);
  const wanted = new Set([...keep, ...before.objects.filter((o) => o.pinned).map((o) => o.id)]);
  if (before.limit !== null && wanted.size > before.limit) throw fieldError('keep', `your plan includes ${before.limit} ${WHAT[metric]}s: keep at most ${before.limit}${before.objects.some((o) => o.pinned) ? ' (owners included)' : ''}`);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(planKeeps).where(and(eq(planKeeps.orgId, orgId), eq(planKeeps.metric, metric)));
    if (wanted.size > 0) await tx.insert(planKeeps).values([...wanted].map((objectId) => ({ orgId, metric, objectId, chosenAt: at })));
    await recordAudit(tx, source, { orgId, action: 'billing.kept_chosen', targetType: 'organization', targetId: orgId, before: { metric, kept: [...before.kept].sort() }, after: { metric, kept: [...wanted].sort() } });
  });
  return overLimitOf(ctx, ctx.db, orgId, metric);
}
