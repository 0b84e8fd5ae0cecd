import { inArray } from 'drizzle-orm';
import { billingAccounts, type Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { emitNotification } from '../notifications/emit.ts';
import { announceNotifications } from '../notifications/notifications.service.ts';
import { billingStateOf, READ_ONLY_AFTER_DAYS, type BillingState } from './billing-state.ts';

const DAY_MS = 86_400_000;
/** Reminders after a failed renewal, in days since the first failure. */
export const DUNNING_DAYS = [0, 3, 7] as const;

type Ctx = Pick<AppContext, 'jobs' | 'clock'>;

const billingLink = (orgId: string): string => `/orgs/${orgId}/settings/billing?fix=card`;
const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * Sends what is due for one past-due organisation: the reminders of days 0, 3 and 7 and, from day
 * 14, the read-only notice. Each is keyed by subscription × first-failure time × day (a notification
 * incident key), so running this again, from the hourly job or a webhook, never sends twice.
 * Returns the notices sent now.
 */
export async function sendDunningNotices(ctx: Ctx, db: Db, orgId: string, state: BillingState, now: Date): Promise<number> {
  if (state.state === 'ok' || !state.pastDueSince || !state.readOnlyAt) return 0;
  const since = state.pastDueSince;
  const episode = `${state.stripeSubscriptionId ?? 'sub'}:${Math.floor(since.getTime() / 1000)}`;
  const elapsedDays = Math.floor((now.getTime() - since.getTime()) / DAY_MS);
  let sent = 0;
  for (const d of DUNNING_DAYS) {
    if (elapsedDays < d) continue;
    const id = await emitNotification(ctx, db, {
      orgId, kind: 'billing.payment_failed', link: billingLink(orgId), incidentKey: `dunning:${episode}:d${d}`,
      title: d === 0 ? 'Your payment failed: update your card' : `Reminder: your payment is ${d} days overdue`,
      body: `We could not charge the card for your Adloop subscription on ${day(since)}. Everything keeps working until ${day(state.readOnlyAt)}; after that the organisation becomes read-only (automation paused, no edits) until the invoice is paid. Open Settings › Billing to update the card: the invoice is retried at once.`,
      data: { day: d, pastDueSince: since.toISOString(), readOnlyAt: state.readOnlyAt.toISOString() },
    });
    if (id) sent++;
  }
  if (state.state === 'read_only') {
    const id = await emitNotification(ctx, db, {
      orgId, kind: 'billing.read_only', link: billingLink(orgId), incidentKey: `read-only:${episode}`,
      title: 'Your organisation is read-only: automation is paused',
      body: `The invoice has been unpaid for ${READ_ONLY_AFTER_DAYS} days. Rules and scheduled changes are paused and edits are refused; your data is kept. Update the card in Settings › Billing and everything is restored at once.`,
      data: { pastDueSince: since.toISOString() },
    });
    if (id) sent++;
  }
  return sent;
}

/** Tells the organisation's admins once that the invoice is paid and everything works again. */
export async function sendRestoredNotice(ctx: Ctx, db: Db, orgId: string, was: BillingState): Promise<void> {
  if (was.state === 'ok' || !was.pastDueSince) return;
  await emitNotification(ctx, db, {
    orgId, kind: 'billing.restored', link: `/orgs/${orgId}/settings/billing`,
    incidentKey: `restored:${was.stripeSubscriptionId ?? 'sub'}:${Math.floor(was.pastDueSince.getTime() / 1000)}`,
    title: 'Payment received: your organisation is restored',
    body: was.state === 'read_only' ? 'The invoice is paid. Rules run again and edits are accepted.' : 'The invoice is paid. Thank you.',
  });
}

/** The `billing.dunning` job: every past-due organisation's due notices. Returns the notices due so far. */
export async function runDunning(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const rows = await ctx.db.select().from(billingAccounts).where(inArray(billingAccounts.status, ['past_due', 'unpaid']));
  let due = 0;
  for (const row of rows) {
    const state = billingStateOf(row, now);
    const n = await ctx.db.transaction((tx) => sendDunningNotices(ctx, tx, row.orgId, state, now));
    if (n > 0) await announceNotifications(ctx, row.orgId, n);
    due += n;
  }
  return due;
}
