import { collectChoices } from '../ad-assets.ts';
import type { AccountRef, AdAssetChoices, TokenSet } from '../types.ts';
import { actPath, metaPage, text, type MetaConfig } from './meta.http.ts';

/** The Facebook Pages the ad account can promote (`act_{id}/promote_pages`, cursor paging): what a link ad runs as. */
export async function listMetaAdAssets(config: MetaConfig, tokens: TokenSet, account: AccountRef): Promise<AdAssetChoices> {
  const pageId = await collectChoices('meta', 'Meta promote_pages', async (after) => {
    const { rows, after: next } = await metaPage(config, `${actPath(account.platformAccountId)}/promote_pages`, tokens.accessToken, { fields: 'id,name', limit: 100 }, after);
    return { items: rows.map((row) => ({ id: text(row, 'id'), name: text(row, 'name') || text(row, 'id') })).filter((p) => p.id !== ''), next };
  });
  return { pageId };
}
