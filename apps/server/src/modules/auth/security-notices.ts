import type { Db } from '@adloop/db';
import type { AppContext } from '../../platform/context.ts';
import { countryName, judgeSignInCountry } from '@adloop/engine';
import { ipCountryLookup } from '../../platform/net/ip-country.ts';
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

/** How the sign-in's browser was recognised: by its device cookie, or not checked (sign-in paths that carry none). */
export type DeviceCheck = { isKnown: boolean } | 'unchecked';

/**
 * Tells the person about a completed sign-in that does not look like their earlier ones, in the app
 * and by email (which they cannot switch off), at most once per sign-in:
 * - `security.new_country`: it came from a country none of the account's earlier sign-ins came from
 *   (once the account has placed sign-ins), naming the country, the device, and travel no one could
 *   have made (another country less than two hours before);
 * - otherwise `security.new_device`: a browser this account never completed a sign-in from (no device
 *   cookie for it, and no earlier session from the same IP and browser).
 * The first sign-in of an account tells nobody.
 */
export async function noticeSignIn(ctx: AppContext, db: Db, user: Pick<UserRow, 'id'>, sessionId: string, client: ClientInfo, device: DeviceCheck): Promise<void> {
  const earlier = await earlierSessionsFrom(db, user.id, sessionId, client);
  if (!earlier.any) return;
  const country = await ipCountryLookup(ctx.config.geoipCountryDb, ctx.logger).countryOf(client.ip);
  const verdict = judgeSignInCountry({ country, at: ctx.clock.now() }, earlier.countries, earlier.previous);
  const isNewDevice = device !== 'unchecked' && !device.isKnown && !earlier.sameClient;
  const data = { ip: client.ip, userAgent: client.userAgent, country, sessionId };
  if (country && verdict.isNewCountry) {
    const name = countryName(country);
    const known = earlier.countries.slice(0, 5).map(countryName).join(', ');
    const travel = verdict.impossibleTravel
      ? ` It came ${verdict.impossibleTravel.minutes} minutes after a sign-in from ${countryName(verdict.impossibleTravel.fromCountry)}: no one travels that fast, so one of the two was probably not you.`
      : '';
    await emitNotification(ctx, db, {
      orgId: null,
      kind: 'security.new_country',
      title: `New sign-in to your Adloop account from ${name}`,
      body: `Someone signed in to your account from a new country: ${name} (IP ${client.ip})${client.userAgent ? `, with ${client.userAgent.slice(0, 120)}` : ''}${isNewDevice ? ', on a device it was not used on before' : ''}. Until now it was used from ${known}.${travel} If it was not you, change your password and sign out the other sessions.`,
      link: sessionsLink,
      recipients: [user.id],
      data: { ...data, knownCountries: earlier.countries, newDevice: isNewDevice, impossibleTravel: verdict.impossibleTravel },
    });
    return;
  }
  if (!isNewDevice) return;
  await emitNotification(ctx, db, {
    orgId: null,
    kind: 'security.new_device',
    title: 'New sign-in to your Adloop account',
    body: `Someone signed in to your account from a device it was not used on before: ${from(client)}${country ? ` in ${countryName(country)}` : ''}. If it was not you, change your password and sign out the other sessions.`,
    link: sessionsLink,
    recipients: [user.id],
    data,
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
