import type { ImportAccount, ImportCampaign, ImportScope, RowIssue, RowValues } from './types.ts';
import { parsePlatform, resolveAccount } from './resolve-account.ts';

export type ResolvedCampaign = { campaign: ImportCampaign; account: ImportAccount };

interface CampaignIndex {
  accountsById: Map<string, ImportAccount>;
  byKey: Map<string, ImportCampaign[]>;
}

/** Campaigns by id, platform id and name, built once per scope: a 5,000-row file against thousands of campaigns stays linear. */
const indexes = new WeakMap<ImportScope, CampaignIndex>();
function indexOf(scope: ImportScope): CampaignIndex {
  let index = indexes.get(scope);
  if (!index) {
    const byKey = new Map<string, ImportCampaign[]>();
    const add = (key: string, campaign: ImportCampaign) => byKey.set(key, [...(byKey.get(key) ?? []), campaign]);
    for (const c of scope.campaigns) {
      add(`id:${c.id}`, c);
      add(`platform:${c.platformId}`, c);
      add(`name:${c.name}`, c);
    }
    index = { accountsById: new Map(scope.accounts.map((a) => [a.id, a])), byKey };
    indexes.set(scope, index);
  }
  return index;
}

/**
 * The campaign a change row names: by `campaign_id` (Adloop's id or the platform's), else by `campaign_platform_id`, else by exact
 * `campaign_name`; `platform` and `account_id` narrow the last two. Only campaigns of accounts the
 * caller may change are found (the scope holds no others).
 */
export function resolveCampaign(scope: ImportScope, values: RowValues): { ok: true; found: ResolvedCampaign } | { ok: false; issue: RowIssue } {
  const { accountsById, byKey } = indexOf(scope);
  const lookup = (key: string) => byKey.get(key) ?? [];
  const platform = parsePlatform(values.platform);
  if (!platform.ok) return platform;
  let accounts = scope.accounts.filter((a) => platform.platform === null || a.platform === platform.platform);
  const accountText = values.account_id ?? '';
  if (accountText !== '') {
    const account = resolveAccount(scope.accounts, accountText, platform.platform);
    if (!account.ok) return account;
    accounts = [account.account];
  }
  const inAccounts = new Set(accounts.map((a) => a.id));
  const pick = (column: string, what: string, candidates: ImportCampaign[]): { ok: true; found: ResolvedCampaign } | { ok: false; issue: RowIssue } => {
    const narrowed = candidates.filter((c) => inAccounts.has(c.adAccountId));
    const first = narrowed[0];
    if (narrowed.length === 1 && first) {
      const account = accountsById.get(first.adAccountId);
      if (account?.unavailable) return { ok: false, issue: { column, message: account.unavailable } };
      if (account) return { ok: true, found: { campaign: first, account } };
    }
    if (narrowed.length > 1) return { ok: false, issue: { column, message: `${what} matches ${narrowed.length} campaigns: add platform and account_id, or use campaign_id` } };
    return { ok: false, issue: { column, message: `${what} is not a campaign you can change${accountText || platform.platform ? ' in that account' : ''}` } };
  };
  const id = values.campaign_id ?? '';
  // Adloop's id, or the platform's (the campaign CSV export's "Campaign ID" column).
  if (id !== '') return pick('campaign_id', id, [...new Set([...lookup(`id:${id.toLowerCase()}`), ...lookup(`platform:${id}`)])]);
  const platformId = values.campaign_platform_id ?? '';
  if (platformId !== '') return pick('campaign_platform_id', platformId, lookup(`platform:${platformId}`));
  const name = values.campaign_name ?? '';
  if (name !== '') return pick('campaign_name', `"${name}"`, lookup(`name:${name}`));
  return { ok: false, issue: { column: 'campaign_id', message: 'name the campaign: campaign_id, campaign_platform_id or campaign_name' } };
}
