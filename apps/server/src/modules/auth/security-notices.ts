import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { emitNotification } from '../notifications/emit.ts';
import { countRecentFailures } from './attempts.repository.ts';
import type { ClientInfo } from './auth.context.ts';
import { earlierSessionsFrom } from './sessions.repository.ts';
import { THROTTLE_WINDOW_MS } from './throttle.ts';
import type { UserRow } from './users.repository.ts';

/** Failed password attempts on one account within the throttle window that make a burst worth telling its owner. */
export const FAILED_SIGN_IN_ALERT = 5;

const from = (client: ClientInfo) => `${client.userAgent ? `${client.userAgent.slice(0, 120)} ` : ''}(IP ${client.ip})`;
/** Account-level: the app opens the person's organisation, where Settings › Security lists the sessions. */
const sessionsLink = '/';

/**
 * A sign-in from a browser this account never completed a sign-in from (no device cookie for it, and
 * no earlier session from the same IP and browser): the person is told in the app and by email, which
 * they cannot switch off. The first sign-in of an account tells nobody.
 */
export async function noticeNewDevice(ctx: AppContext, db: Db, user: Pick<UserRow, 'id'>, sessionId: string, client: ClientInfo, isKnownDevice: boolean): Promise<void> {
  if (isKnownDevice) return;
  const earlier = await earlierSessionsFrom(db, user.id, sessionId, client);
  if (!earlier.any || earlier.sameClient) return;
  await emitNotification(ctx, db, {
    orgId: null,
    kind: 'security.new_device',
    title: 'New sign-in to your Adloop account',
    body: `Someone signed in to your account from a device it was not used on before: ${from(client)}. If it was not you, change your password and sign out the other sessions.`,
    link: sessionsLink,
    recipients: [user.id],
    data: { ip: client.ip, userAgent: client.userAgent, sessionId },
  });
}

/**
 * Called after a wrong password for an existing account: from FAILED_SIGN_IN_ALERT failures within
 * the throttle window on, the owner is told once per burst (later failures fold into the same notice;
 * a quiet window ends the burst).
 */
export async function noticeFailedSignIns(ctx: AppContext, user: Pick<UserRow, 'id' | 'email'>, client: ClientInfo): Promise<void> {
  const now = ctx.clock.now();
  const recent = await countRecentFailures(ctx.db, { email: user.email.toLowerCase(), ip: client.ip }, new Date(now.getTime() - THROTTLE_WINDOW_MS));
  if (recent.byEmail.length < FAILED_SIGN_IN_ALERT) return;
  await emitNotification(ctx, ctx.db, {
    orgId: null,
    kind: 'security.failed_sign_ins',
    title: 'Repeated failed sign-ins to your Adloop account',
    body: `${recent.byEmail.length} sign-ins with a wrong password in the last ${THROTTLE_WINDOW_MS / 60_000} minutes, the latest from IP ${client.ip}. If it was not you, your account is protected by the sign-in limits; consider a stronger password and two-factor authentication.`,
    link: sessionsLink,
    recipients: [user.id],
    incidentKey: 'failed-sign-ins',
    incidentIdleMs: THROTTLE_WINDOW_MS,
    data: { failures: recent.byEmail.length, ip: client.ip },
  });
}

/** Two-factor authentication was turned off (inside the caller's transaction). */
export async function noticeMfaDisabled(ctx: AppContext, db: Db, user: Pick<UserRow, 'id'>, client: ClientInfo): Promise<void> {
  await emitNotification(ctx, db, {
    orgId: null,
    kind: 'security.mfa_disabled',
    title: 'Two-factor authentication was turned off',
    body: `Two-factor authentication was turned off for your Adloop account from ${from(client)}. If it was not you, reset your password and turn it on again.`,
    link: sessionsLink,
    recipients: [user.id],
    data: { ip: client.ip },
  });
}
