import type { TokenRecord } from '../../oauth/oauth-store.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { Account, PlatformWorld } from '../../simulator/world.types.ts';
import type { TikTokResult } from './tiktok-envelope.ts';
import type { TikTokParams } from './tiktok-params.ts';

/** What an open_api endpoint handler receives once the API layer has authenticated the call. */
export interface EndpointInput {
  ctx: SandboxContext;
  params: TikTokParams;
  /** null for endpoints that authenticate with app_id/secret only. */
  token: TokenRecord | null;
  /** The advertiser named by `advertiser_id` (checked against the token), when the endpoint has one. */
  account: Account | null;
  world: PlatformWorld;
  now: number;
}

/**
 * One endpoint under /open_api/v1.3/. `path` is relative and ends with a slash. `auth: 'app'`
 * endpoints take app_id/secret instead of the Access-Token header. `advertiser` names the
 * parameter whose advertiser must be covered by the token (faults for that account apply).
 */
export interface TikTokEndpoint {
  method: 'GET' | 'POST';
  path: string;
  auth: 'token' | 'app';
  advertiser: 'advertiser_id' | null;
  handle(input: EndpointInput): TikTokResult;
}

export function endpoint(method: TikTokEndpoint['method'], path: string, handle: TikTokEndpoint['handle'], options: Partial<Pick<TikTokEndpoint, 'auth' | 'advertiser'>> = {}): TikTokEndpoint {
  return { method, path, handle, auth: options.auth ?? 'token', advertiser: options.advertiser === undefined ? 'advertiser_id' : options.advertiser };
}
