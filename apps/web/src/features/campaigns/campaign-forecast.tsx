import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '@adloop/contracts';
import { api } from '../../lib/api.ts';

export type CampaignForecast = z.infer<typeof c.CampaignForecast>;

/** A campaign's forecast for the next `days` days (null: none asked for). */
export function useCampaignForecast(orgId: string, campaignId: string, days: number | null) {
  return useQuery({
    queryKey: ['orgs', orgId, 'insights', 'campaign-forecast', campaignId, days] as const,
    queryFn: () => api.get<CampaignForecast>(`/orgs/${orgId}/insights/forecasts/campaigns/${campaignId}`, { days: days ?? undefined }),
    enabled: days !== null,
  });
}

/** What the forecast request says while it is not drawn: loading, failed, too little history, or a range that ends too early. */
export function ForecastStatus({ query, hasOverlay }: { query: UseQueryResult<CampaignForecast>; hasOverlay: boolean }) {
  let text: string | null = null;
  if (query.isPending) text = 'Forecasting…';
  else if (query.isError) text = 'The forecast could not be loaded; try again in a moment.';
  else if (query.data.empty) text = query.data.empty;
  else if (!hasOverlay) text = 'The forecast starts after the last complete day: choose a range ending yesterday or today to see it beside the numbers.';
  if (!text) return null;
  return (
    <p role="status" className={`text-xs ${query.isError ? 'text-red-700' : 'text-gray-600'}`}>
      {text}
    </p>
  );
}
