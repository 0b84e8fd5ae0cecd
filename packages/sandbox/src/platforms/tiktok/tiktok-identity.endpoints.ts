import { digitsFrom } from '../../simulator/world-ids.ts';
import type { Account } from '../../simulator/world.types.ts';
import { endpoint, type TikTokEndpoint } from './tiktok-endpoint.types.ts';
import { isFailure, ok } from './tiktok-envelope.ts';
import { pageOf, readPage } from './tiktok-paging.ts';
import { missing, oneOf, optionalText } from './tiktok-params.ts';
import { IDENTITY_TYPES } from './tiktok-words.ts';

/**
 * The identities an advertiser's ads can run as. Each seeded advertiser has one custom identity
 * (CUSTOMIZED_USER: a display name and avatar made in Ads Manager), named after the advertiser.
 */
export function identitiesOf(seed: number, account: Account): Array<Record<string, string | boolean>> {
  return [{
    identity_id: `7${digitsFrom(18, seed, 'tiktok-identity', account.id)}`,
    identity_type: 'CUSTOMIZED_USER',
    display_name: account.name.slice(0, 40),
    profile_image: `https://p16-sign-va.tiktokcdn.com/sandbox/avatar-${account.id}.jpeg`,
    can_pull_video: false,
    can_push_video: false,
  }];
}

/** identity/get/: `identity_type` (optional filter), `page` / `page_size` → `{identity_list, page_info}`. */
export function tiktokIdentityEndpoints(): TikTokEndpoint[] {
  return [
    endpoint('GET', 'identity/get/', ({ ctx, params, account }) => {
      if (!account) return missing('advertiser_id');
      const type = optionalText(params, 'identity_type');
      if (isFailure(type)) return type;
      if (type !== undefined) {
        const known = oneOf('identity_type', type, IDENTITY_TYPES);
        if (isFailure(known)) return known;
      }
      const page = readPage(params, 100);
      if (isFailure(page)) return page;
      const identities = identitiesOf(ctx.sim.seed, account).filter((i) => type === undefined || i.identity_type === type);
      const { list, page_info } = pageOf(identities, page);
      return ok({ identity_list: list, page_info });
    }),
  ];
}
