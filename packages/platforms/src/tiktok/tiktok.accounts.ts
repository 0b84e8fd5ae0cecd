import { z } from 'zod';
import type { AccountsApi, EntityStatus } from '../types.ts';
import { tiktokCall, type TikTokConfig } from './tiktok.http.ts';

const Advertisers = z.object({ list: z.array(z.object({ advertiser_id: z.coerce.string(), advertiser_name: z.string().optional() })) });
const Info = z.object({
  list: z.array(
    z.object({ advertiser_id: z.coerce.string(), name: z.string(), currency: z.string(), timezone: z.string(), status: z.string().optional() }),
  ),
});

const STATUS: Record<string, EntityStatus> = { STATUS_ENABLE: 'active', STATUS_DISABLE: 'paused', STATUS_LIMIT: 'paused' };

/** Advertisers the token covers (oauth2/advertiser/get/), detailed through advertiser/info/ in batches of 100. */
export function createTikTokAccounts(config: TikTokConfig): AccountsApi {
  return {
    async list(tokens) {
      const granted = Advertisers.parse(
        await tiktokCall(config, 'oauth2/advertiser/get/', { params: { app_id: config.appId, secret: config.secret }, accessToken: tokens.accessToken }),
      );
      const ids = granted.list.map((a) => a.advertiser_id);
      const accounts = [];
      for (let i = 0; i < ids.length; i += 100) {
        const info = Info.parse(await tiktokCall(config, 'advertiser/info/', { params: { advertiser_ids: ids.slice(i, i + 100) }, accessToken: tokens.accessToken }));
        for (const a of info.list) {
          accounts.push({ platformAccountId: a.advertiser_id, name: a.name, currency: a.currency, timeZone: a.timezone, isManager: false, status: STATUS[a.status ?? ''] ?? 'active' });
        }
      }
      return accounts;
    },
  };
}
