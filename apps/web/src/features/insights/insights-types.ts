/** Types of the insights API, inferred from the shared contract (type-only: no schema reaches the browser). */
import type { z } from 'zod';
import type * as c from '@adloop/contracts';

export type BudgetRecommendations = z.infer<typeof c.BudgetRecommendations>;
export type BudgetRecommendation = z.infer<typeof c.BudgetRecommendation>;
export type ProposedBudgets = z.infer<typeof c.ProposedBudgets>;
export type AnomalyAlerts = z.infer<typeof c.AnomalyAlerts>;
export type AnomalyAlert = z.infer<typeof c.AnomalyAlert>;
export type AccountForecast = z.infer<typeof c.AccountForecast>;
