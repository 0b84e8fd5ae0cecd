import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { isNotificationKind, type NotificationKind } from '@adloop/contracts';
import { safeEqual } from '../../platform/crypto.ts';

/**
 * The one-click unsubscribe token in every notification email: who, in which organisation, from
 * which kind (or every kind), signed with the application key. It needs no sign-in and does not
 * expire (an old email's link must still work); all it can do is turn an email preference off.
 */
export interface UnsubscribeScope {
  userId: string;
  /** null: an account-level email (no organisation); only `kind` emails are then turned off via the person's own settings. */
  orgId: string | null;
  /** null: every kind of notification email in the organisation. */
  kind: NotificationKind | null;
}

const Payload = z.object({ u: z.uuid(), o: z.uuid().nullable(), k: z.string().nullable() });

const sign = (secretKey: string, body: string) => createHmac('sha256', Buffer.from(secretKey, 'hex')).update(`notifications.unsubscribe:${body}`).digest('base64url');

export function unsubscribeToken(secretKey: string, scope: UnsubscribeScope): string {
  const body = Buffer.from(JSON.stringify({ u: scope.userId, o: scope.orgId, k: scope.kind })).toString('base64url');
  return `${body}.${sign(secretKey, body)}`;
}

/** The scope of a genuine token; null for anything altered, truncated or made up. */
export function readUnsubscribeToken(secretKey: string, token: string): UnsubscribeScope | null {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined || !safeEqual(mac, sign(secretKey, body))) return null;
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const { u, o, k } = parsed.data;
    if (k !== null && !isNotificationKind(k)) return null;
    return { userId: u, orgId: o, kind: k };
  } catch {
    return null;
  }
}
