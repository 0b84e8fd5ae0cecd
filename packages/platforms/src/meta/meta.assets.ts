import { collectChoices } from '../ad-assets.ts';
import { PlatformError, type AccountRef, type AdAssetChoices, type TokenSet } from '../types.ts';
import { actPath, metaPage, text, type MetaConfig } from './meta.http.ts';

/** The Facebook Pages the ad account can promote (`act_{id}/promote_pages`, cursor paging): what a link ad runs as. */
export async function listMetaAdAssets(config: MetaConfig, tokens: TokenSet, account: AccountRef): Promise<AdAssetChoices> {
  const pageId = await collectChoices('meta', 'Meta promote_pages', async (after) => {
    const { rows, after: next } = await metaPage(config, `${actPath(account.platformAccountId)}/promote_pages`, tokens.accessToken, { fields: 'id,name', limit: 100 }, after);
    return { items: rows.map((row) => ({ id: text(row, 'id'), name: text(row, 'name') || text(row, 'id') })).filter((p) => p.id !== ''), next };
  });
  return { pageId };
}

/** `act_{id}/promote_pages`: the Page a new ad runs as, when the account has exactly one. */
export async function pageFor(config: MetaConfig, tokens: TokenSet, account: AccountRef, chosen: string | undefined): Promise<string> {
  if (chosen) return chosen;
  const { rows } = await metaPage(config, `${actPath(account.platformAccountId)}/promote_pages`, tokens.accessToken, { fields: 'id,name', limit: 25 }, null);
  const only = rows.length === 1 ? text(rows[0] ?? {}, 'id') : '';
  if (!only) {
    const why = rows.length === 0 ? 'This ad account has no Facebook Page to run ads as.' : 'This ad account can promote several Facebook Pages; choose the one the ad runs as.';
    throw new PlatformError('invalid_request', why, { platform: 'meta', field: 'ad.assets.pageId' });
  }
  return only;
}
