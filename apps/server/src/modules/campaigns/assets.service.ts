import type { AdAccountAssets } from '@adloop/contracts';
import { PlatformError, type AdAssetChoices } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadWorkingAccount } from './working-account.ts';
import { loadTokens } from '../sync/sync.service.ts';

const KINDS = ['videoId', 'pageId', 'identityId'] as const;

/** A platform's refusal as the API's error: reconnect (409), slow down (429), or the platform failed (502). */
function platformFailure(error: PlatformError, platformName: string): AppError {
  const said = error.details.platformMessage ?? error.message;
  if (error.kind === 'auth_expired' || error.kind === 'permission') {
    return new AppError('conflict', `${platformName} no longer lets Adloop read this account; reconnect it on the Connections page. ${platformName} said: ${said}`);
  }
  if (error.kind === 'rate_limited') {
    const seconds = Math.max(1, Math.ceil(error.details.retryAfterSeconds ?? 60));
    return new AppError('rate_limited', `${platformName} asks Adloop to slow down; try again in ${seconds} s.`, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
  }
  return new AppError('upstream_failed', `${platformName} did not list the account’s assets: ${said}`);
}

/**
 * The assets a new ad in this account can be built from (library videos, Pages, identities), read
 * live from the platform through the gateway like campaign creation: the same checks on the account
 * and connection, the vault's tokens, the platform's request budget, breaker and retries.
 */
export async function listAdAccountAssets(ctx: AppContext, orgId: string, accountId: string): Promise<z.infer<typeof AdAccountAssets>> {
  const { account, connection } = await loadWorkingAccount(ctx, orgId, accountId);
  const adapter = ctx.platforms.registry.get(account.platform);
  const ref = { platformAccountId: account.platformAccountId, managerId: account.managerId ?? undefined, currency: account.currency, timeZone: account.timeZone };
  let choices: AdAssetChoices;
  try {
    const tokens = await loadTokens(ctx, connection);
    choices = await ctx.platforms.call({ orgId, platform: account.platform, accountKey: account.platformAccountId }, async (a) => (a.campaigns.listAdAssets ? a.campaigns.listAdAssets(tokens, ref) : {}));
  } catch (error) {
    if (error instanceof PlatformError) throw platformFailure(error, adapter.displayName);
    throw error;
  }
  const assets: z.infer<typeof AdAccountAssets>['assets'] = {};
  for (const kind of KINDS) {
    const list = choices[kind];
    if (list) assets[kind] = list.map((c) => ({ id: c.id, name: c.name, ...(c.detail ? { detail: c.detail } : {}) }));
  }
  return { assets };
}
