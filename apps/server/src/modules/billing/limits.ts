import { and, count, eq, gt, isNull } from 'drizzle-orm';
import { invitations, type Db } from '@adloop/db';
import type { UsageItem } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createBillingRepository, type PlanRow } from './billing.repository.ts';
import { LIVE } from './billing.sync.ts';

/** Where the web app lets the customer change plan; every refusal names it. */
export const UPGRADE_URL = '/settings/billing';

export type LimitMetric = UsageItem['metric'];
export type ExportFormat = PlanRow['features']['reportExports'][number];

const NAMES: Record<LimitMetric, string> = {
  adAccounts: 'ad accounts', campaigns: 'campaigns managed', users: 'users', rules: 'automation rules', aiGenerationsPerMonth: 'AI generations this month',
};

type BillingAccount = Awaited<ReturnType<ReturnType<typeof createBillingRepository>['account']>>;

/**
 * The plan in force for an organisation, with its billing account: the subscribed plan while Stripe
 * says the subscription is live (trialing, active, or past_due during dunning), else Free.
 */
export async function planAndAccountOf(db: Db, orgId: string): Promise<{ plan: PlanRow; account: BillingAccount }> {
  const repo = createBillingRepository(db);
  const account = await repo.account(orgId);
  const planId = account?.planId && account.status && LIVE.has(account.status) ? account.planId : 'free';
  const plan = (await repo.plan(planId)) ?? (await repo.plan('free'));
  if (!plan) throw new Error('the plans table has no Free plan');
  return { plan, account };
}

/** The plan in force for an organisation (see planAndAccountOf). */
export async function planInForce(db: Db, orgId: string): Promise<PlanRow> {
  return (await planAndAccountOf(db, orgId)).plan;
}

export function monthStartOf(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/** 402 `plan_limit`: the action would go past the plan; details say what, how far, and where to upgrade. */
export function planLimitError(plan: PlanRow, metric: LimitMetric, used: number, limit: number): AppError {
  return new AppError(
    'plan_limit',
    `Your ${plan.name} plan includes ${limit} ${NAMES[metric]} and ${used} are in use: upgrade in Settings › Billing to add more. Nothing you have was changed.`,
    { metric, used, limit, plan: plan.id, upgradeUrl: UPGRADE_URL },
  );
}

/**
 * The one check every module calls before an action that adds to a metered count: refuses with
 * 402 `plan_limit` when `used + adding` would pass the plan's limit (null: unlimited). `alsoUsed`
 * counts what is promised but not yet in the tables (pending invitations for users).
 */
export async function assertWithinPlan(ctx: Pick<AppContext, 'config' | 'clock'>, db: Db, orgId: string, metric: LimitMetric, adding = 1, alsoUsed = 0): Promise<void> {
  if (!ctx.config.planLimitsEnforced || adding <= 0) return;
  const plan = await planInForce(db, orgId);
  const limit = plan.limits[metric];
  if (limit === null) return;
  const used = (await createBillingRepository(db).usage(orgId, monthStartOf(ctx.clock.now())))[metric] + alsoUsed;
  if (used + adding > limit) throw planLimitError(plan, metric, used, limit);
}

/** Users count with the invitations still open: an invitation is a seat promised. */
export async function assertSeatForInvitation(ctx: Pick<AppContext, 'config' | 'clock'>, db: Db, orgId: string): Promise<void> {
  if (!ctx.config.planLimitsEnforced) return;
  const [row] = await db.select({ n: count() }).from(invitations)
    .where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, ctx.clock.now())));
  await assertWithinPlan(ctx, db, orgId, 'users', 1, Number(row?.n ?? 0));
}

/** Refuses a report format the plan does not include (402 `plan_limit`, metric `reportExports`). */
export async function assertExportFormat(ctx: Pick<AppContext, 'config'>, db: Db, orgId: string, format: ExportFormat): Promise<void> {
  if (!ctx.config.planLimitsEnforced) return;
  const plan = await planInForce(db, orgId);
  const allowed = plan.features.reportExports;
  if (allowed.includes(format)) return;
  throw new AppError('plan_limit', `${format.toUpperCase()} exports are not included in your ${plan.name} plan (it includes ${allowed.map((f) => f.toUpperCase()).join(', ')}): upgrade in Settings › Billing.`, {
    metric: 'reportExports', format, allowed, used: 0, limit: 0, plan: plan.id, upgradeUrl: UPGRADE_URL,
  });
}

/** Refuses API keys and calls made with them on a plan without API access (402 `plan_limit`, metric `apiAccess`). */
export async function assertApiAccess(ctx: Pick<AppContext, 'config'>, db: Db, orgId: string): Promise<void> {
  if (!ctx.config.planLimitsEnforced) return;
  const plan = await planInForce(db, orgId);
  if (plan.features.apiAccess) return;
  throw new AppError('plan_limit', `API access is not included in your ${plan.name} plan: upgrade to Agency in Settings › Billing. Your keys are kept.`, {
    metric: 'apiAccess', used: 0, limit: 0, plan: plan.id, upgradeUrl: UPGRADE_URL,
  });
}
