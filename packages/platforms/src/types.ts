/**
 * The contract every ad-platform adapter implements, split by concern. Generic code asks
 * `capabilities`, never the platform's name. All money is integer micros + ISO currency;
 * all ids are strings; time zones are IANA names kept per account.
 */

import type { AccountsApi, OAuthApi } from './contract/access.ts';
import type { CampaignsApi } from './contract/campaigns.ts';
import type { Capabilities } from './contract/capabilities.ts';
import type { ChangesApi } from './contract/changes.ts';
import type { PlatformId } from './contract/common.ts';
import type { MetricsApi } from './contract/metrics.ts';

export * from './contract/common.ts';
export * from './contract/capabilities.ts';
export * from './contract/creation.ts';
export * from './contract/access.ts';
export * from './contract/campaigns.ts';
export * from './contract/changes.ts';
export * from './contract/metrics.ts';
export * from './contract/errors.ts';

export interface AdPlatform {
  id: PlatformId;
  displayName: string;
  capabilities: Capabilities;
  oauth: OAuthApi;
  accounts: AccountsApi;
  campaigns: CampaignsApi;
  /** Ad group, ad, bid, name, end and copy changes. */
  changes: ChangesApi;
  metrics: MetricsApi;
}
