import type { AccountsApi, AdAccount, EntityStatus, TokenSet } from '../types.ts';
import { z } from 'zod';
import { googleAdsCall, type GoogleAdsConfig } from './google-ads.http.ts';
import { searchAll, str, type GaqlRow } from './google-ads.search.ts';

const Accessible = z.object({ resourceNames: z.array(z.string()).default([]) });

const STATUS: Record<string, EntityStatus> = { ENABLED: 'active', CANCELED: 'removed', SUSPENDED: 'paused', CLOSED: 'removed' };

function toAccount(row: GaqlRow, prefix: 'customer' | 'customer_client', managerId?: string): AdAccount {
  const p = prefix === 'customer' ? 'customer' : 'customerClient';
  return {
    platformAccountId: str(row, `${p}.id`),
    name: str(row, `${p}.descriptiveName`) || str(row, `${p}.id`),
    currency: str(row, `${p}.currencyCode`),
    timeZone: str(row, `${p}.timeZone`),
    isManager: String(row[p] && (row[p] as Record<string, unknown>).manager) === 'true',
    managerId,
    status: STATUS[str(row, `${p}.status`)] ?? 'active',
  };
}

/**
 * Accounts the token can reach: each accessible customer, and for a manager (MCC) its direct
 * clients, addressed later with `login-customer-id` = the manager. A client the grant also names
 * itself keeps its direct access (no `managerId`), so `managerId` tells which clients are reached
 * only through their manager.
 */
export function createGoogleAccounts(config: GoogleAdsConfig): AccountsApi {
  return {
    async list(tokens: TokenSet) {
      const accessible = Accessible.parse(await googleAdsCall(config, tokens, 'customers:listAccessibleCustomers', { method: 'GET' }));
      const accounts = new Map<string, AdAccount>();
      const direct = new Set(accessible.resourceNames.map((name) => name.replace('customers/', '')));
      for (const id of direct) {
        const [self] = await searchAll(config, tokens, id, 'SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone, customer.manager, customer.status FROM customer');
        if (!self) continue;
        const account = toAccount(self, 'customer');
        accounts.set(account.platformAccountId, account);
        if (!account.isManager) continue;
        const clients = await searchAll(
          config,
          tokens,
          id,
          'SELECT customer_client.id, customer_client.descriptive_name, customer_client.currency_code, customer_client.time_zone, customer_client.manager, customer_client.status, customer_client.level FROM customer_client WHERE customer_client.level = 1',
          id,
        );
        for (const row of clients) {
          const client = toAccount(row, 'customer_client', id);
          if (!direct.has(client.platformAccountId)) accounts.set(client.platformAccountId, client);
        }
      }
      return [...accounts.values()];
    },
  };
}
