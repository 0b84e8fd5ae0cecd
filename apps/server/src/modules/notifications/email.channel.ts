import { eq } from 'drizzle-orm';
import { organizations, users } from '@adloop/db';
import { ALWAYS_ON, NOTIFICATION_KINDS, type NotificationKind } from '@adloop/contracts';
import type { AppContext, OutgoingEmail } from '../../platform/context.ts';
import { RetryableDeliveryError, type ChannelDelivery, type ChannelSender } from './channels.ts';
import { renderNotificationEmail, type EmailBlock } from './email.template.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

/** The page a person opens from the email's unsubscribe link (works signed out). */
export const unsubscribePageUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
/** The RFC 8058 one-click endpoint mail providers POST to. */
export const unsubscribeApiUrl = (ctx: AppContext, token: string) => `${ctx.config.publicUrl}/api/v1/notifications/unsubscribe?token=${encodeURIComponent(token)}`;

/**
 * The unsubscribe footer and headers of a notification email for one person: the kind's emails in
 * that organisation (or, for a digest, every kind). Security alerts about their own account carry
 * no unsubscribe (they cannot be switched off).
 */
export function unsubscribeParts(ctx: AppContext, userId: string, orgId: string | null, orgName: string | null, kind: NotificationKind | null): { footer: EmailBlock; headers: Record<string, string> } {
  const locked = kind !== null && (ALWAYS_ON[kind] ?? []).includes('email');
  if (locked || orgId === null) {
    return { footer: { type: 'footer', text: 'Security alerts about your own account are always sent and cannot be switched off.' }, headers: {} };
  }
  const token = unsubscribeToken(ctx.secretKey, { userId, orgId, kind });
  const what = kind ? `“${NOTIFICATION_KINDS[kind].label}” emails` : 'these emails';
  return {
    footer: { type: 'footer', text: `You receive this as a member of ${orgName ?? 'your organisation'} on Adloop. Choose what reaches you in Settings › Notifications.`, link: { label: `Unsubscribe from ${what}`, url: unsubscribePageUrl(ctx, token) } },
    headers: { 'List-Unsubscribe': `<${unsubscribeApiUrl(ctx, token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

export async function orgName(ctx: AppContext, orgId: string | null): Promise<string | null> {
  if (!orgId) return null;
  const [org] = await ctx.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return org?.name ?? null;
}

export function notificationEmail(ctx: AppContext, to: string, delivery: ChannelDelivery, org: string | null): OutgoingEmail {
  const { footer, headers } = unsubscribeParts(ctx, delivery.target, delivery.orgId, org, delivery.kind);
  const blocks: EmailBlock[] = [{ type: 'heading', text: delivery.title }];
  if (delivery.body) blocks.push({ type: 'paragraph', text: delivery.body });
  if (delivery.link) blocks.push({ type: 'action', label: 'Open in Adloop', url: delivery.link });
  blocks.push(footer);
  const prefix = delivery.severity === 'critical' ? 'Action needed: ' : '';
  return { to, ...renderNotificationEmail({ subject: `Adloop: ${prefix}${delivery.title}`, severity: delivery.severity, blocks }), headers };
}

/** Email: one message per person, sent over SMTP at once; an unreachable or refusing server is retried with backoff. */
export const emailChannel: ChannelSender = {
  channel: 'email',
  async send(ctx, delivery) {
    if (!delivery.recipientUserId) throw new Error('An email delivery needs a person');
    const [person] = await ctx.db.select({ email: users.email }).from(users).where(eq(users.id, delivery.recipientUserId));
    if (!person) throw new Error('The person is gone');
    const email = notificationEmail(ctx, person.email, delivery, await orgName(ctx, delivery.orgId));
    try {
      await ctx.mailer.sendNow(email);
    } catch (error) {
      throw new RetryableDeliveryError(`SMTP: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};
