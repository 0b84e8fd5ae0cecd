import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { billingAccounts, type Db } from '@adloop/db';
import type { App } from '../../platform/http/app.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authenticate } from '../auth/auth.guard.ts';
import { createMembersRepository } from '../orgs/members.repository.ts';

const DAY_MS = 86_400_000;
/** Days an organisation may stay past due before it becomes read-only. */
export const READ_ONLY_AFTER_DAYS = 14;
/** Stripe statuses of a subscription whose invoice is unpaid (dunning). */
const UNPAID = new Set(['past_due', 'unpaid']);

/**
 * What billing allows an organisation now, from what Stripe last said (never from a browser):
 * `ok`; `past_due` (a renewal failed, everything works, reminders go out); `read_only` (past due
 * for 14 days: automation paused, writes refused until the invoice is paid).
 */
export interface BillingState {
  state: 'ok' | 'past_due' | 'read_only';
  pastDueSince: Date | null;
  /** When the organisation becomes (or became) read-only; null when not past due. */
  readOnlyAt: Date | null;
  stripeSubscriptionId: string | null;
}

export function billingStateOf(row: { status: string | null; pastDueSince: Date | null; stripeSubscriptionId: string | null } | null | undefined, now: Date): BillingState {
  if (!row?.status || !UNPAID.has(row.status) || !row.pastDueSince) return { state: 'ok', pastDueSince: null, readOnlyAt: null, stripeSubscriptionId: row?.stripeSubscriptionId ?? null };
  const readOnlyAt = new Date(row.pastDueSince.getTime() + READ_ONLY_AFTER_DAYS * DAY_MS);
  return { state: now >= readOnlyAt ? 'read_only' : 'past_due', pastDueSince: row.pastDueSince, readOnlyAt, stripeSubscriptionId: row.stripeSubscriptionId };
}

/** The one read every part of Adloop uses: the rules tick, the change pipeline and the API's write guard. */
export async function billingState(ctx: Pick<AppContext, 'clock'> & { db: Db }, orgId: string): Promise<BillingState> {
  const [row] = await ctx.db.select({ status: billingAccounts.status, pastDueSince: billingAccounts.pastDueSince, stripeSubscriptionId: billingAccounts.stripeSubscriptionId })
    .from(billingAccounts).where(eq(billingAccounts.orgId, orgId));
  return billingStateOf(row, ctx.clock.now());
}

export async function isOrgReadOnly(ctx: Pick<AppContext, 'clock'> & { db: Db }, orgId: string): Promise<boolean> {
  return (await billingState(ctx, orgId)).state === 'read_only';
}

export function readOnlyError(): AppError {
  return new AppError('billing_read_only', 'This organisation is read-only because its invoice has been unpaid for 14 days: update the card in Settings › Billing to restore it at once');
}

/** Organisation routes that stay open while read-only: paying (billing), the bell and notification settings, closing the organisation. */
const OPEN_WHILE_READ_ONLY = [/^\/api\/v1\/orgs\/:orgId\/billing(\/|$)/, /^\/api\/v1\/orgs\/:orgId\/notifications(\/|$)/];
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether the caller is a member of the organisation or one of its API keys (a bad credential counts as neither). */
async function isOwnCaller(ctx: AppContext, request: FastifyRequest, orgId: string): Promise<boolean> {
  const actor = await authenticate(ctx, request).catch(() => null);
  if (!actor) return false;
  if (actor.kind === 'api_key') return actor.orgId === orgId;
  return (await createMembersRepository(ctx.db).find(orgId, actor.userId)) !== null;
}

/**
 * Refuses every write to an organisation's data while it is read-only (402 `billing_read_only`).
 * Only its own members and keys learn it: anyone else gets the route's usual 401 or 404.
 */
export function installReadOnlyGuard(app: App, ctx: AppContext): void {
  app.addHook('preHandler', async (request) => {
    if (!WRITE_METHODS.has(request.method)) return;
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith('/api/v1/orgs/:orgId/') || OPEN_WHILE_READ_ONLY.some((open) => open.test(route))) return;
    const orgId = (request.params as { orgId?: unknown } | undefined)?.orgId;
    if (typeof orgId !== 'string' || !/^[0-9a-f-]{36}$/i.test(orgId)) return;
    if ((await isOrgReadOnly(ctx, orgId)) && (await isOwnCaller(ctx, request, orgId))) throw readOnlyError();
  });
}
