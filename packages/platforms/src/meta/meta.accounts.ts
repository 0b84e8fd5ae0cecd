import type { AccountsApi, AdAccount, EntityStatus } from '../types.ts';
import { metaPageAll, text, type MetaConfig } from './meta.http.ts';

/** `account_status`: 1 active, 2 disabled, 3 unsettled, 7 pending risk review, 8 pending settlement, 9 grace period, 100 pending closure, 101 closed. */
const STATUS: Record<string, EntityStatus> = { '1': 'active', '9': 'active', '2': 'paused', '3': 'paused', '7': 'paused', '8': 'paused', '100': 'paused', '101': 'removed' };

const FIELDS = 'id,account_id,name,account_status,currency,timezone_name';

/** Ad accounts the token reaches (`/me/adaccounts`, every page); ids are kept without the `act_` prefix. */
export function createMetaAccounts(config: MetaConfig): AccountsApi {
  return {
    async list(tokens) {
      const rows = await metaPageAll(config, 'me/adaccounts', tokens.accessToken, { fields: FIELDS, limit: 100 });
      const accounts = new Map<string, AdAccount>();
      for (const row of rows) {
        const id = text(row, 'account_id') || text(row, 'id').replace(/^act_/, '');
        if (!id || accounts.has(id)) continue;
        accounts.set(id, {
          platformAccountId: id,
          name: text(row, 'name') || id,
          currency: text(row, 'currency'),
          timeZone: text(row, 'timezone_name'),
          isManager: false,
          status: STATUS[text(row, 'account_status')] ?? 'active',
        });
      }
      return [...accounts.values()];
    },
  };
}
