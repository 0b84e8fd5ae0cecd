import { addDays, dateInZone } from '@adloop/engine';
import type { CampaignForecast } from '@adloop/contracts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { canSeeAccount, type OrgAccess } from '../auth/auth.guard.ts';
import { campaignById, campaignDays, selectedAccounts } from './projection.repository.ts';
import { dailySeries, FORECAST_HISTORY_DAYS, FORECAST_MIN_DAYS, forecastMetrics } from './forecast-series.ts';

/** A campaign's daily spend, conversions and value for the next `days` days, from its own stored days (its account's time). */
export async function campaignForecast(ctx: AppContext, access: OrgAccess, campaignId: string, days: number): Promise<CampaignForecast> {
  const campaign = await campaignById(ctx.db, access.orgId, campaignId);
  const [account] = campaign && canSeeAccount(access, campaign.ad_account_id) ? await selectedAccounts(ctx.db, access.orgId, [campaign.ad_account_id]) : [];
  if (!campaign || !account) {
    throw new AppError('not_found', 'campaignId: no campaign of this organisation with this id', { issues: [{ location: 'params', field: 'campaignId', message: 'is not a campaign of this organisation' }] });
  }
  const until = addDays(dateInZone(account.time_zone, ctx.clock.now()), -1);
  const rows = await campaignDays(ctx.db, access.orgId, [account.id], addDays(until, -(FORECAST_HISTORY_DAYS - 1)), until, campaign.platform_id);
  const history = dailySeries(rows, until);
  const base = { campaignId: campaign.id, accountId: account.id, currency: account.currency, through: until };
  if (history.length < FORECAST_MIN_DAYS) {
    return { ...base, empty: `Not enough history yet: a forecast needs at least ${FORECAST_MIN_DAYS} days of stored numbers (this campaign has ${history.length}).`, metrics: [] };
  }
  return { ...base, empty: null, metrics: forecastMetrics(history, until, days) };
}
