import { advertiserFor } from './tiktok-auth.ts';
import { endpoint, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { isFailure, ok, type TikTokResult } from './tiktok-envelope.ts';
import { checkIdCount } from './tiktok-paging.ts';
import { invalid, missing, optionalStringList } from './tiktok-params.ts';
import { ADVERTISER_FIELDS, advertiserView, type Obj } from './tiktok-views.ts';

const INFO_FIELDS: readonly string[] = ADVERTISER_FIELDS;

/** advertiser/info/: `advertiser_ids` (JSON array, 1–100, all covered by the token) and optional `fields`. */
export function tiktokAccountEndpoints(): TikTokEndpoint[] {
  return [
    endpoint('GET', 'advertiser/info/', ({ ctx, params, token }): TikTokResult => {
      const ids = optionalStringList(params, 'advertiser_ids');
      if (isFailure(ids)) return ids;
      if (!ids) return missing('advertiser_ids');
      const tooMany = checkIdCount('advertiser_ids', ids, 100);
      if (tooMany) return tooMany;
      const fields = optionalStringList(params, 'fields');
      if (isFailure(fields)) return fields;
      const unknown = fields?.find((f) => !INFO_FIELDS.includes(f));
      if (unknown !== undefined) return invalid('fields', `Invalid field: ${unknown}.`);
      const list: Obj[] = [];
      for (const id of ids) {
        if (!token) break;
        const account = advertiserFor(ctx, token, id);
        if (isFailure(account)) return account;
        const view = advertiserView(account);
        list.push(fields && fields.length > 0 ? Object.fromEntries(fields.map((f) => [f, view[f] ?? null])) : view);
      }
      return ok({ list });
    }, { advertiser: null }),
  ];
}
