import { header, type SandboxRequest } from '../../http/http.types.ts';
import type { TokenRecord } from '../../oauth/oauth-store.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { Account } from '../../simulator/world.types.ts';
import { fail, TT, type TikTokFailure } from './tiktok-envelope.ts';

/** The `Access-Token` header (never `Authorization: Bearer`): 40104 missing, 40105 unknown or revoked. */
export function authenticate(ctx: SandboxContext, req: SandboxRequest): TokenRecord | TikTokFailure {
  const value = header(req, 'access-token');
  if (!value) return fail(TT.TOKEN_EMPTY, 'Access token is null, you should set it in http header with key Access-Token.');
  const token = ctx.oauth.tiktok.find(value);
  if (!token || token.revoked) return fail(TT.TOKEN_INVALID, 'Access token is incorrect or has been revoked.');
  if (token.expiresAt !== null && ctx.sim.clock.now() >= token.expiresAt) return fail(TT.TOKEN_EXPIRED, 'Access token has expired.');
  return token;
}

/** The advertiser a call is about: 40300 when it does not exist, 40106 when the token does not cover it. */
export function advertiserFor(ctx: SandboxContext, token: TokenRecord, advertiserId: string): Account | TikTokFailure {
  const account = ctx.sim.world().platforms.tiktok.accounts.get(advertiserId);
  if (!account || account.isManager) return fail(TT.ADVERTISER_NOT_EXIST, `Advertiser ${advertiserId} does not exist.`);
  if (!token.grant.accountIds.includes(advertiserId)) {
    return fail(TT.CORE_USER_INVALID, `Invalid core user: the access token is not authorized for advertiser ${advertiserId}.`);
  }
  return account;
}

/** `app_id` + `secret` of the developer app (40101 on mismatch). */
export function checkApp(ctx: SandboxContext, appId: string, secret: string): TikTokFailure | null {
  const s = ctx.settings.tiktok;
  return appId === s.appId && secret === s.secret ? null : fail(TT.APP_SECRET_MISMATCH, 'The app_id and secret do not match, or the app does not exist.');
}
