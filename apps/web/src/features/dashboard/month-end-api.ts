import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as c from '@adloop/contracts';
import { api } from '../../lib/api.ts';

/** Types of the month-end API, inferred from the shared contract (type-only: no schema reaches the browser). */
export type MonthEndProjection = z.infer<typeof c.MonthEndProjection>;
export type AccountMonthEnd = z.infer<typeof c.AccountMonthEnd>;
export type MonthEndFigure = z.infer<typeof c.MonthEndFigure>;
export type PacingInfo = z.infer<typeof c.PacingDto>;

export const monthEndKey = (orgId: string) => ['orgs', orgId, 'insights', 'month-end'] as const;

export function useMonthEnd(orgId: string) {
  return useQuery({ queryKey: monthEndKey(orgId), queryFn: () => api.get<MonthEndProjection>(`/orgs/${orgId}/insights/month-end`) });
}
