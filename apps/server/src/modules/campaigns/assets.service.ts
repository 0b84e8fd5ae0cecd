import type { AdAccountAssets } from '@adloop/contracts';
import type { AdAssetChoices } from '@adloop/platforms';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { withAccount } from '../connections/platform-access.ts';

const KINDS = ['videoId', 'pageId', 'identityId'] as const;

/**
 * The assets a new ad in this account can be built from (library videos, Pages, identities), read
 * live from the platform through the gateway like campaign creation: the same checks on the account
 * and connection, the vault's tokens, the platform's request budget, breaker and retries.
 */
export async function listAdAccountAssets(ctx: AppContext, orgId: string, accountId: string): Promise<z.infer<typeof AdAccountAssets>> {
  const choices = await withAccount(ctx, orgId, accountId, { doing: 'list the account’s assets' }, (session) =>
    session.call<AdAssetChoices>(async (a, tokens, ref) => (a.campaigns.listAdAssets ? a.campaigns.listAdAssets(tokens, ref) : {})),
  );
  const assets: z.infer<typeof AdAccountAssets>['assets'] = {};
  for (const kind of KINDS) {
    const list = choices[kind];
    if (list) assets[kind] = list.map((c) => ({ id: c.id, name: c.name, ...(c.detail ? { detail: c.detail } : {}) }));
  }
  return { assets };
}
