import type { AccountRules, ImportAccount, ImportScope } from '@adloop/engine';
import type { AdPlatform } from '@adloop/platforms';
import type { AppContext } from '../../platform/context.ts';
import type { OrgAccess } from '../auth/auth.guard.ts';
import { listImportAccounts, listImportCampaigns } from './imports.repository.ts';

/** What the account's platform takes, as plain data for the pure row checks. */
function rulesOf(adapter: AdPlatform, currency: string): AccountRules {
  const c = adapter.capabilities;
  return {
    platformName: adapter.displayName,
    minDailyBudgetMicros: c.minDailyBudgetMicros(currency),
    budgetStepMicros: c.budgetStepMicros(currency),
    lifetimeBudgets: c.lifetimeBudgets,
    frozenStatuses: c.frozenStatuses,
    objectives: c.objectives,
    keywordMatchTypes: c.keywordMatchTypes,
    requiredAdAssets: c.requiredAdAssets,
    adText: {
      headline: { max: c.adText.headline.max, required: c.adText.headline.required },
      description: { max: c.adText.description.max, required: c.adText.description.required },
      callToActions: c.adText.callToActions,
      countsWide: c.adText.countsWide,
    },
  };
}

/**
 * The accounts (and their campaigns) a file may touch for this caller: the organisation's added
 * accounts narrowed to `access.accountIds`, on platforms this installation reaches. Accounts
 * whose connection needs reconnecting are kept, marked, so their rows say why.
 */
export async function loadImportScope(ctx: AppContext, access: OrgAccess): Promise<ImportScope> {
  const rows = await listImportAccounts(ctx.db, access.orgId, access.accountIds);
  const accounts: ImportAccount[] = rows.flatMap(({ account, connectionStatus }) => {
    if (!ctx.platforms.registry.has(account.platform)) return [];
    const adapter = ctx.platforms.registry.get(account.platform);
    return [
      {
        id: account.id,
        platform: account.platform,
        platformAccountId: account.platformAccountId,
        name: account.name,
        currency: account.currency,
        rules: rulesOf(adapter, account.currency),
        ...(connectionStatus === 'active' ? {} : { unavailable: `the ${adapter.displayName} connection of ${account.name} needs to be reconnected first` }),
      },
    ];
  });
  const campaigns = await listImportCampaigns(ctx.db, access.orgId, accounts.map((a) => a.id));
  return { accounts, campaigns };
}
